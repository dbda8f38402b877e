/// A bound `chart` stage: what to draw from the columns of the pipeline's
/// result (indices into `Plan.schema`).
public enum ChartPlan: Sendable, Hashable {
    /// One bar per row: the label column and the numeric value column.
    case bar(x: Int, y: Int)
    /// Rows counted per `step` (microseconds) of a timestamp column, one series per value of `by`.
    case timeline(time: Int, step: Int64, by: Int?)
    /// Values of a numeric column counted in equal-width bins (nil: Sturges' rule).
    case histogram(value: Int, bins: Int?)

    /// The kinds `chart` draws, with the arguments each takes (required first).
    public enum Kind: String, Sendable, CaseIterable {
        case bar, timeline, histogram

        /// The argument names, required ones first.
        public var parameters: [String] {
            switch self {
            case .bar: return ["x", "y"]
            case .timeline: return ["time", "step", "by"]
            case .histogram: return ["value", "bins"]
            }
        }

        /// The arguments that must be given.
        public var required: [String] {
            switch self {
            case .bar: return ["x", "y"]
            case .timeline: return ["time"]
            case .histogram: return ["value"]
            }
        }

        /// How the chart is written, for messages.
        public var synopsis: String {
            switch self {
            case .bar: return "chart bar x=COL y=COL"
            case .timeline: return "chart timeline time=COL [step=1h] [by=COL]"
            case .histogram: return "chart histogram value=COL [bins=N]"
            }
        }
    }

    /// The default timeline step: one hour.
    public static let defaultStep: Int64 = 3_600_000_000
    /// The most bins `bins=` accepts.
    public static let maximumBins = 200
}
