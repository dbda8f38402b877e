/// Draws a chart as text with Unicode block characters, fitted to a width:
/// horizontal bars with eighth-block precision (`▏▎▍▌▋▊▉█`), and columns
/// eight rows high with eighth-block tops (`▁▂▃▄▅▆▇█`) for timelines and
/// histograms; several timeline series are drawn as one strip each on a
/// shared scale.
public struct ChartRenderer: Sendable {
    /// The width to fit, in characters.
    public var width: Int
    /// The most bars drawn; the footer says how many there were.
    public var maxBars: Int
    /// Rows of a column chart.
    public var height: Int

    /// Partial cells of horizontal bars, by eighths (index 1...7).
    static let horizontal: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    /// Partial cells of columns, by eighths (index 1...7).
    static let vertical: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(width: Int, maxBars: Int = 20, height: Int = 8) {
        self.width = max(width, 20)
        self.maxBars = max(maxBars, 1)
        self.height = max(height, 1)
    }

    /// The chart text, ending with a newline.
    public func render(_ chart: ChartData) -> String {
        var lines = [chart.title]
        switch chart.body {
        case .bars(let bars): lines += self.bars(bars, total: chart.totalBars)
        case .columns(let columns):
            if columns.series.count <= 1 { lines += self.columns(columns) } else { lines += strips(columns) }
        }
        lines += chart.notes.map { "(\($0))" }
        return lines.map(Self.trimEnd).joined(separator: "\n") + "\n"
    }

    // MARK: - Bars

    func bars(_ all: [ChartData.Bar], total: Int) -> [String] {
        if all.isEmpty { return ["(no rows to chart)"] }
        let bars = Array(all.prefix(maxBars))
        let labelWidth = min(bars.map(\.label.count).max() ?? 1, max(8, width / 3))
        let valueWidth = bars.map(\.text.count).max() ?? 1
        let area = max(8, width - labelWidth - 3 - valueWidth)
        let values = bars.compactMap(\.value)
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 0, 0)
        let spread = high - low
        let negativeArea = spread > 0 && low < 0 ? Int((Double(area) * -low / spread).rounded()) : 0
        let positiveArea = area - negativeArea
        var lines: [String] = []
        for bar in bars {
            var negative = String(repeating: " ", count: negativeArea)
            var positive = ""
            if let v = bar.value, spread > 0 {
                let cells = v / spread * Double(area)
                if v > 0 {
                    let eighths = min(Int((cells * 8).rounded()), positiveArea * 8)
                    positive = String(repeating: "█", count: eighths / 8)
                    if eighths % 8 > 0 { positive.append(Self.horizontal[eighths % 8]) }
                } else if v < 0 {
                    // Partial blocks fill from the left, so bars growing leftwards use whole cells.
                    let whole = min(Int((-cells).rounded()), negativeArea)
                    negative = String(repeating: " ", count: negativeArea - whole) + String(repeating: "█", count: whole)
                }
            }
            lines.append(Self.pad(Self.cut(bar.label, labelWidth), labelWidth) + " " + negative + "│" + positive + " " + bar.text)
        }
        if spread == 0 && !values.isEmpty { lines.append("(all values are zero)") }
        if max(total, all.count) > bars.count {
            lines.append("(\(ValueFormatter.grouped(Int64(max(total, all.count)))) bars, first \(ValueFormatter.grouped(Int64(bars.count))) shown: sort or top N to choose them, set display.rows for more)")
        }
        return lines
    }

    // MARK: - Columns

    /// Consecutive slots summed so that they fit `room` characters: (counts, slots per column).
    static func merged(_ counts: [Int64], room: Int) -> ([Int64], Int) {
        let per = max(1, (counts.count + room - 1) / max(room, 1))
        if per == 1 { return (counts, 1) }
        var out: [Int64] = []
        var i = 0
        while i < counts.count {
            out.append(counts[i..<min(i + per, counts.count)].reduce(0, +))
            i += per
        }
        return (out, per)
    }

    /// Eighths of a column `height` cells high for `count` out of `top` (a non-zero count shows at least one eighth).
    static func eighths(_ count: Int64, top: Int64, height: Int) -> Int {
        guard count > 0, top > 0 else { return 0 }
        return max(1, Int((Double(count) / Double(top) * Double(height * 8)).rounded()))
    }

    /// Characters per slot and the blank gap after each, for `slots` slots in `room` characters.
    static func cellWidth(slots: Int, room: Int) -> (Int, Int) {
        let cw = max(1, min(room / max(slots, 1), 8))
        return (cw, cw >= 3 ? 1 : 0)
    }

    func columns(_ chart: ChartData.Columns) -> [String] {
        guard let series = chart.series.first, !series.counts.isEmpty else { return ["(no rows to chart)"] }
        // The y label's width sets the room, and the room how many slots are summed per
        // column (so the largest count): widen the label until both agree.
        var labelW = max(ValueFormatter.grouped(series.counts.max() ?? 0).count, 1)
        var room = max(width - labelW - 2, 1)
        var (counts, per) = Self.merged(series.counts, room: room)
        while ValueFormatter.grouped(counts.max() ?? 0).count > labelW {
            labelW = ValueFormatter.grouped(counts.max() ?? 0).count
            room = max(width - labelW - 2, 1)
            (counts, per) = Self.merged(series.counts, room: room)
        }
        let top = counts.max() ?? 0
        let topLabel = ValueFormatter.grouped(top)
        let (cw, gap) = Self.cellWidth(slots: counts.count, room: room)
        let heights = counts.map { Self.eighths($0, top: top, height: height) }
        var lines: [String] = []
        for row in stride(from: height - 1, through: 0, by: -1) {
            var line = row == height - 1 ? Self.pad(topLabel, labelW, right: true) + " ┤" : String(repeating: " ", count: labelW) + " │"
            for h in heights {
                let fill = min(max(h - row * 8, 0), 8)
                line += String(repeating: Self.vertical[fill], count: cw - gap) + String(repeating: " ", count: gap)
            }
            lines.append(line)
        }
        let plot = counts.count * cw - gap
        lines.append(Self.pad("0", labelW, right: true) + " └" + String(repeating: "─", count: max(plot, 1)))
        lines += axisLabels(chart.startLabel, chart.endLabel, indent: labelW + 2, plot: max(plot, 1))
        if per > 1 { lines.append("(each column sums \(per) \(chart.slotNoun)s to fit the width)") }
        return lines
    }

    func strips(_ chart: ChartData.Columns) -> [String] {
        let nameWidth = min(chart.series.map(\.name.count).max() ?? 1, max(8, width / 4))
        let room = max(width - nameWidth - 2, 1)
        let merged = chart.series.map { Self.merged($0.counts, room: room) }
        let per = merged.first?.1 ?? 1
        let top = merged.map { $0.0.max() ?? 0 }.max() ?? 0
        let slots = merged.first?.0.count ?? 0
        guard slots > 0 else { return ["(no rows to chart)"] }
        let (cw, gap) = Self.cellWidth(slots: slots, room: room)
        var lines: [String] = []
        for (series, (counts, _)) in zip(chart.series, merged) {
            var line = Self.pad(Self.cut(series.name, nameWidth), nameWidth) + " │"
            for c in counts {
                line += String(repeating: Self.vertical[Self.eighths(c, top: top, height: 1)], count: cw - gap) + String(repeating: " ", count: gap)
            }
            lines.append(line)
        }
        let plot = max(slots * cw - gap, 1)
        lines.append(String(repeating: " ", count: nameWidth) + " └" + String(repeating: "─", count: plot))
        lines += axisLabels(chart.startLabel, chart.endLabel, indent: nameWidth + 2, plot: plot)
        lines.append("(a full block is \(ValueFormatter.grouped(top)) row\(top == 1 ? "" : "s")\(per > 1 ? "; each column sums \(per) \(chart.slotNoun)s to fit the width" : ""))")
        return lines
    }

    /// The x-axis labels: the start under the first column and the end ending
    /// under the last, on one line when they fit, else on two.
    func axisLabels(_ start: String, _ end: String, indent: Int, plot: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        if start == end || end.isEmpty { return [margin + start] }
        if start.count + 2 + end.count <= plot {
            return [margin + start + String(repeating: " ", count: plot - start.count - end.count) + end]
        }
        let endIndent = max(indent + plot - end.count, indent)
        return [margin + start, String(repeating: " ", count: endIndent) + end]
    }

    // MARK: - Text

    static func cut(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(width - 1, 0))) + "…"
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.count
        if n >= width { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    static func trimEnd(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
