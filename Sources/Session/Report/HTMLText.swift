/// Text made safe for an HTML page or an SVG (XML) file: element content and
/// quoted attribute values.
enum HTMLText {
    /// `s` with `& < > " '` escaped and control characters other than tab,
    /// newline and carriage return dropped (as are U+FFFE and U+FFFF, which XML
    /// forbids), so evidence text (`<script>` in a cell) always shows as text.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if (ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r") || ch.value == 0x7F { continue }
                if (0x80...0x9F).contains(ch.value) || ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
