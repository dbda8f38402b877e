/// How a number format shows a number that is a date or time: Excel stores
/// dates as numbers (days since its epoch) and only the cell's format says so.
enum XlsxDateKind: Equatable {
    /// A day (`dd/mm/yyyy`, built-in 14–17).
    case date
    /// A time of day (`hh:mm:ss`, built-in 18–21, 45, 47).
    case time
    /// Both (`m/d/yy h:mm`, built-in 22).
    case dateTime
    /// A length of time in hours (`[h]:mm:ss`, built-in 46).
    case elapsed

    /// The kind of a built-in format id, nil for a format that is not a date
    /// (ids 27–36 and 50–58 are the East Asian locales' date formats).
    static func builtin(_ id: Int) -> XlsxDateKind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 18...21, 32, 33, 45, 47: return .time
        case 22: return .dateTime
        case 46: return .elapsed
        default: return nil
        }
    }

    /// The kind of a custom format code, nil when it shows numbers, not dates:
    /// quoted text, escaped characters and bracketed colours/conditions are
    /// ignored; `y` or `d` means a date, `h` or `s` a time, `[h]` elapsed time.
    static func custom(_ code: String) -> XlsxDateKind? {
        // Only the first section (positive numbers) decides.
        var section = ""
        var inQuote = false
        var escaped = false
        var bracket = ""
        var inBracket = false
        var elapsed = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    let b = bracket.lowercased()
                    if b == "h" || b == "hh" || b == "m" || b == "mm" || b == "s" || b == "ss" { elapsed = true; section += b }
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true; bracket = ""
            case ";": return classify(section.lowercased(), elapsed: elapsed)
            default: section.append(ch)
            }
        }
        return classify(section.lowercased(), elapsed: elapsed)
    }

    private static func classify(_ s: String, elapsed: Bool) -> XlsxDateKind? {
        if s.contains("general") || s.contains("0") || s.contains("#") || s.contains("?") { return nil }
        let hasDate = s.contains("y") || s.contains("d")
        let hasTime = s.contains("h") || s.contains("s")
        if elapsed && !hasDate { return .elapsed }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        case (false, false): return s.contains("m") && s.allSatisfy({ "m/-. ".contains($0) }) ? .date : nil
        }
    }
}
