import Frames

/// Renders a frame as an aligned text table: headers, a rule, rows with
/// numbers right-aligned, long values cut with `…`, and a row-count footer.
public struct TableRenderer: Sendable {
    /// How cells are turned into text.
    public var formatter: ValueFormatter
    /// The most rows printed; the footer says how many there were.
    public var maxRows: Int
    /// The widest a column may be, in characters.
    public var maxColumnWidth: Int

    public init(formatter: ValueFormatter, maxRows: Int, maxColumnWidth: Int = 40) {
        self.formatter = formatter
        self.maxRows = maxRows
        self.maxColumnWidth = maxColumnWidth
    }

    /// The table text, ending with a newline.
    public func render(_ frame: Frame) -> String {
        let shown = min(frame.rowCount, max(maxRows, 0))
        var cells: [[String]] = []
        cells.reserveCapacity(frame.columns.count)
        var widths: [Int] = []
        for (field, column) in zip(frame.fields, frame.columns) {
            var col: [String] = []
            col.reserveCapacity(shown)
            var w = field.name.count
            for r in 0..<shown {
                let t = formatter.text(column, r) ?? "null"
                let cut = truncate(t)
                w = max(w, cut.count)
                col.append(cut)
            }
            widths.append(min(w, maxColumnWidth))
            cells.append(col)
        }
        var out = ""
        if frame.columns.isEmpty {
            return "(no columns) \(rowsFooter(frame.rowCount, shown: shown))\n"
        }
        let rightAligned = frame.fields.map { $0.type.isNumeric || $0.type == .duration }
        var header: [String] = []
        for (i, f) in frame.fields.enumerated() {
            header.append(pad(truncate(f.name), widths[i], right: rightAligned[i]))
        }
        out += trimEnd(header.joined(separator: "  ")) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in 0..<shown {
            var line: [String] = []
            for c in 0..<cells.count {
                line.append(pad(cells[c][r], widths[c], right: rightAligned[c]))
            }
            out += trimEnd(line.joined(separator: "  ")) + "\n"
        }
        out += rowsFooter(frame.rowCount, shown: shown) + "\n"
        return out
    }

    private func rowsFooter(_ total: Int, shown: Int) -> String {
        let noun = total == 1 ? "row" : "rows"
        if shown < total {
            return "(\(ValueFormatter.grouped(Int64(total))) \(noun), first \(ValueFormatter.grouped(Int64(shown))) shown)"
        }
        return "(\(ValueFormatter.grouped(Int64(total))) \(noun))"
    }

    private func truncate(_ s: String) -> String {
        var t = s
        if let nl = t.firstIndex(where: { $0 == "\n" || $0 == "\r" }) {
            t = String(t[..<nl]) + "…"
        }
        if t.count <= maxColumnWidth { return t }
        return String(t.prefix(maxColumnWidth - 1)) + "…"
    }

    private func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let n = s.count
        if n >= width { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    private func trimEnd(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
