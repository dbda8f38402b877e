import Frames

/// What a `chart` stage draws, computed from its pipeline's result: a title,
/// the bars or columns with their labels already formatted, and the same
/// numbers as a plain table for `--output csv|json`, `let` and text exports.
public struct ChartData: Sendable {
    /// One horizontal bar: its label, value (nil = null, drawn without a bar) and value text.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Double?
        public var text: String

        public init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    /// Counts per slot (timeline bucket or histogram bin) for one series.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var counts: [Int64]

        public init(name: String, counts: [Int64]) {
            self.name = name
            self.counts = counts
        }
    }

    /// Vertical columns over consecutive slots, one or more series.
    public struct Columns: Sendable, Equatable {
        /// Each slot's label (a bucket's start, a bin's range).
        public var slotLabels: [String]
        /// The label at the left end of the x axis.
        public var startLabel: String
        /// The label at the right end of the x axis.
        public var endLabel: String
        /// The series; a single one is drawn as a column chart, several as one strip each.
        public var series: [Series]
        /// What a slot is called in notes (`bucket`, `bin`).
        public var slotNoun: String

        public init(slotLabels: [String], startLabel: String, endLabel: String, series: [Series], slotNoun: String) {
            self.slotNoun = slotNoun
            self.slotLabels = slotLabels
            self.startLabel = startLabel
            self.endLabel = endLabel
            self.series = series
        }
    }

    /// The drawing.
    public enum Body: Sendable, Equatable {
        case bars([Bar])
        case columns(Columns)
    }

    /// What is charted and how many rows, e.g. `bar chart of n by msisdn: 10 rows`.
    public var title: String
    /// What to draw.
    public var body: Body
    /// Lines printed under the chart (rows not charted, merged buckets).
    public var notes: [String]
    /// The chart's numbers as a table: category or bucket/bin columns, then the values.
    public var table: Frame
    /// How many bars the data has; `body` holds at most `ChartBuilder.maximumBars` of them.
    public var totalBars: Int

    public init(title: String, body: Body, notes: [String] = [], table: Frame, totalBars: Int? = nil) {
        self.title = title
        self.body = body
        self.notes = notes
        self.table = table
        if let totalBars {
            self.totalBars = totalBars
        } else if case .bars(let bars) = body {
            self.totalBars = bars.count
        } else {
            self.totalBars = 0
        }
    }
}
