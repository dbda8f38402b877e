import Frames

/// Machine-readable result output for `--output csv` and `--output json`:
/// plain numbers, ISO 8601 timestamps in the session zone, every row.
public struct RecordPrinter: Sendable {
    public enum Style: Sendable { case csv, json }

    public var style: Style
    public var formatter: ValueFormatter

    public init(style: Style, zone: Zone) {
        self.style = style
        self.formatter = ValueFormatter(zone: zone, groupDigits: false)
    }

    /// Writes the frame in batches, so large results never sit in memory as one string.
    public func write(_ frame: Frame, to sink: any OutputSink) {
        let batch = 8192
        var start = 0
        if style == .csv { sink.standard(frame.names.map(Self.csvField).joined(separator: ",") + "\n") }
        while start < frame.rowCount {
            let end = min(frame.rowCount, start + batch)
            sink.standard(render(frame, rows: start..<end, header: false))
            start = end
        }
    }

    /// The whole frame as text (a header line for CSV; one JSON object per row).
    public func render(_ frame: Frame) -> String {
        render(frame, rows: 0..<frame.rowCount, header: true)
    }

    /// Rows of a frame as text.
    public func render(_ frame: Frame, rows: Range<Int>, header: Bool) -> String {
        var out = ""
        switch style {
        case .csv:
            if header { out += frame.names.map(Self.csvField).joined(separator: ",") + "\n" }
            for r in rows {
                var fields: [String] = []
                for c in frame.columns {
                    if let t = formatter.text(c, r) {
                        fields.append(c.type == .string && t.isEmpty ? "\"\"" : Self.csvField(t))
                    } else {
                        fields.append("")
                    }
                }
                out += fields.joined(separator: ",") + "\n"
            }
        case .json:
            for r in rows {
                var parts: [String] = []
                for (f, c) in zip(frame.fields, frame.columns) {
                    parts.append(Self.jsonString(f.name) + ":" + jsonValue(c, r))
                }
                out += "{" + parts.joined(separator: ",") + "}\n"
            }
        }
        return out
    }

    private func jsonValue(_ c: Column, _ r: Int) -> String {
        guard let t = formatter.text(c, r) else { return "null" }
        switch c.type {
        case .int, .bool: return t
        case .float:
            if case .float(let a) = c.values, !a[r].isFinite { return "null" }
            return t
        default: return Self.jsonString(t)
        }
    }

    /// RFC 4180 quoting when needed.
    public static func csvField(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A JSON string literal.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
