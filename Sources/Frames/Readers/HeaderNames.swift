import Foundation

/// Column names from header text.
public enum HeaderNames {
    /// Header texts trimmed of blanks, with empty names made `column_N`
    /// (N = 1-based position) and repeated names made `name_2`, `name_3`, ….
    public static func unique(_ raw: [String]) -> [String] {
        var out: [String] = []
        var used = Set<String>()
        for (i, text) in raw.enumerated() {
            var name = text.trimmingBlanks()
            if name.isEmpty { name = "column_\(i + 1)" }
            if used.contains(name) {
                var k = 2
                while used.contains("\(name)_\(k)") { k += 1 }
                name = "\(name)_\(k)"
            }
            used.insert(name)
            out.append(name)
        }
        return out
    }

    /// Identifier columns stay strings so that leading `+` and `0` survive:
    /// msisdn, imsi, imei, cell_id, lac (case and separators ignored).
    public static func isIdentifierColumn(_ name: String) -> Bool {
        let key = String(name.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        return ["msisdn", "imsi", "imei", "cellid", "lac"].contains(key)
    }
}
