import Frames

/// Renders a frame as an aligned text table: headers, a rule, rows with
/// numbers right-aligned, long values cut with `…`, and a row-count footer.
///
/// With a width budget the table is fitted to the terminal: wide columns
/// shrink first, and when even narrow columns do not fit, right-hand columns
/// are dropped and the footer says how many.
public struct TableRenderer: Sendable {
    /// How cells are turned into text.
    public var formatter: ValueFormatter
    /// The most rows printed; the footer says how many there were.
    public var maxRows: Int
    /// The widest a column may be, in characters.
    public var maxColumnWidth: Int
    /// The terminal width to fit, or nil for no limit.
    public var maxWidth: Int?
    /// ANSI styling: bold headers, dim nulls and rules.
    public var color: Bool

    /// Columns are not shrunk below this many characters (nor below their
    /// header), so that identifiers stay readable; past that, right-hand
    /// columns are dropped instead.
    static let minimumColumnWidth = 10
    static let gap = 2

    public init(formatter: ValueFormatter, maxRows: Int, maxColumnWidth: Int = 40, maxWidth: Int? = nil, color: Bool = false) {
        self.formatter = formatter
        self.maxRows = maxRows
        self.maxColumnWidth = maxColumnWidth
        self.maxWidth = maxWidth
        self.color = color
    }

    /// The table text, ending with a newline.
    public func render(_ frame: Frame) -> String {
        let shown = min(frame.rowCount, max(maxRows, 0))
        if frame.columns.isEmpty {
            return "(no columns) \(rowsFooter(frame.rowCount, shown: shown, hidden: []))\n"
        }
        // Cell texts (nil = null) and natural widths.
        var cells: [[String?]] = []
        var natural: [Int] = []
        for (field, column) in zip(frame.fields, frame.columns) {
            var col: [String?] = []
            col.reserveCapacity(shown)
            var w = field.name.count
            for r in 0..<shown {
                let t = formatter.text(column, r).map(Self.firstLine)
                w = max(w, t?.count ?? 4)
                col.append(t)
            }
            natural.append(min(max(w, 1), maxColumnWidth))
            cells.append(col)
        }
        let (widths, visible) = fit(natural, names: frame.fields.map(\.name), exact: frame.fields.map { Self.neverCut($0.type) })
        let rightAligned = frame.fields.map { $0.type.isNumeric || $0.type == .duration }
        let sep = String(repeating: " ", count: Self.gap)
        var out = ""
        var header: [String] = []
        for c in 0..<visible {
            header.append(style(pad(cut(frame.fields[c].name, widths[c]), widths[c], right: rightAligned[c]), bold: true))
        }
        out += trimEnd(header.joined(separator: sep)) + "\n"
        out += style((0..<visible).map { String(repeating: "─", count: widths[$0]) }.joined(separator: sep), dim: true) + "\n"
        for r in 0..<shown {
            var line: [String] = []
            for c in 0..<visible {
                if let t = cells[c][r] {
                    line.append(pad(cut(t, widths[c]), widths[c], right: rightAligned[c]))
                } else {
                    line.append(style(pad("null", widths[c], right: rightAligned[c]), dim: true))
                }
            }
            out += trimEnd(line.joined(separator: sep)) + "\n"
        }
        let hidden = Array(frame.fields[visible...].map(\.name))
        out += style(rowsFooter(frame.rowCount, shown: shown, hidden: hidden), dim: true) + "\n"
        return out
    }

    /// Column widths within the budget and how many columns (from the left) fit.
    /// Numbers, durations and timestamps are never cut: a cut number reads as
    /// another number. Their columns are dropped instead when space runs out.
    static func neverCut(_ t: DataType) -> Bool {
        t.isNumeric || t == .duration || t == .timestamp
    }

    func fit(_ natural: [Int], names: [String], exact: [Bool]) -> ([Int], Int) {
        guard let budget = maxWidth else { return (natural, natural.count) }
        var widths = natural
        func total(_ n: Int) -> Int { widths[0..<n].reduce(0, +) + Self.gap * max(n - 1, 0) }
        if total(widths.count) <= budget { return (widths, widths.count) }
        let floor = natural.indices.map { exact[$0] ? natural[$0] : min(natural[$0], max(Self.minimumColumnWidth, names[$0].count)) }
        // Shrink the widest shrinkable column one character at a time down to its floor.
        while total(widths.count) > budget {
            guard let i = widths.indices.filter({ widths[$0] > floor[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[i] -= 1
        }
        var visible = widths.count
        while visible > 1 && total(visible) > budget { visible -= 1 }
        if visible == 1 && widths[0] > budget { widths[0] = max(budget, 1) }
        // Give back room freed by dropping columns to the shrunk ones that remain.
        if visible < widths.count {
            var spare = budget - total(visible)
            var grew = true
            while spare > 0 && grew {
                grew = false
                for i in 0..<visible where widths[i] < natural[i] && spare > 0 {
                    widths[i] += 1
                    spare -= 1
                    grew = true
                }
            }
        }
        return (widths, visible)
    }

    private func rowsFooter(_ total: Int, shown: Int, hidden: [String]) -> String {
        let noun = total == 1 ? "row" : "rows"
        var text = shown < total
            ? "(\(ValueFormatter.grouped(Int64(total))) \(noun), first \(ValueFormatter.grouped(Int64(shown))) shown"
            : "(\(ValueFormatter.grouped(Int64(total))) \(noun)"
        if !hidden.isEmpty {
            let list = hidden.count <= 4 ? hidden.joined(separator: ", ") : hidden.prefix(3).joined(separator: ", ") + ", …"
            text += "; \(hidden.count) more column\(hidden.count == 1 ? "" : "s") not shown: \(list)"
        }
        return text + ")"
    }

    private static func firstLine(_ s: String) -> String {
        if let nl = s.firstIndex(where: { $0 == "\n" || $0 == "\r" }) { return String(s[..<nl]) + "…" }
        return s
    }

    private func cut(_ s: String, _ width: Int) -> String {
        if s.count <= width { return s }
        return String(s.prefix(max(width - 1, 0))) + "…"
    }

    private func pad(_ s: String, _ width: Int, right: Bool) -> String {
        let n = s.count
        if n >= width { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    private func style(_ s: String, bold: Bool = false, dim: Bool = false) -> String {
        guard color else { return s }
        if bold { return "\u{1B}[1m" + s + "\u{1B}[0m" }
        if dim { return "\u{1B}[2m" + s + "\u{1B}[0m" }
        return s
    }

    private func trimEnd(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
