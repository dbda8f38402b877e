/// Finds an operator file's table: the header line below any banner lines,
/// the banner's text, and the profile that knows the header.
///
/// It reads only the first lines of the file (`prefix`), so a profile costs
/// the load no second pass over the bytes.
public enum TableLocator {
    /// Lines of the prefix searched for a header.
    public static let searchedLines = 60
    /// Bytes of the file's start given to `locate`.
    public static let prefixBytes = 64 * 1024

    /// Where the table starts and what stands above it.
    public struct Table: Sendable, Equatable {
        /// Lines above the header (banner and blank lines); the reader skips them.
        public var headerLine: Int
        /// The header's names as written.
        public var header: [String]
        /// Non-blank lines above the header, trimmed of delimiters and quotes.
        public var banner: [String]
        /// What `profile=auto` (or the named profile) concluded.
        public var choice: ProfileMatcher.Choice
    }

    /// Looks for the first line that a profile accepts as a header. With
    /// `forced`, only that profile is tried; without a line it accepts, the
    /// first line is the header (its match is reported in `choice`).
    public static func locate(prefix: UnsafeRawBufferPointer, profiles: [Profile], forced: Profile? = nil) -> Table {
        let lines = splitLines(prefix)
        let candidates = forced.map { [$0] } ?? profiles
        for (i, line) in lines.prefix(searchedLines).enumerated() {
            var fields = bestSplit(line)
            if fields.first == "#fields" { fields.removeFirst() } // a Zeek log's header
            guard fields.count > 1 else { continue }
            let choice = ProfileMatcher.choose(header: fields, among: candidates, includingManual: forced != nil)
            if choice != .none {
                // A Zeek log's `#` directives are its layout, not a banner.
                let banner = lines[..<i].filter { !$0.hasPrefix("#") }.map(cleanBanner).filter { !$0.isEmpty }
                return Table(headerLine: i, header: fields, banner: banner, choice: choice)
            }
        }
        let first = lines.firstIndex { !$0.trimmingBlanks().isEmpty } ?? 0
        let header = lines.isEmpty ? [] : bestSplit(lines[first])
        if let forced {
            return Table(headerLine: 0, header: header, banner: [], choice: .chosen(ProfileMatcher.score(forced, header: header)))
        }
        return Table(headerLine: 0, header: header, banner: [], choice: .none)
    }

    /// The prefix's lines without their line ends (a cut last line is dropped
    /// when the prefix does not reach the end of the file).
    static func splitLines(_ prefix: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        var start = 0
        let bytes = prefix.bindMemory(to: UInt8.self)
        var skipBOM = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { skipBOM = 3 }
        start = skipBOM
        for i in skipBOM..<bytes.count where bytes[i] == 10 {
            var end = i
            if end > start, bytes[end - 1] == 13 { end -= 1 }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
        return lines
    }

    /// The line split by whichever of `,` tab `;` `|` gives the most fields.
    static func bestSplit(_ line: String) -> [String] {
        var best: [String] = [line]
        for d in [UInt8(ascii: ","), 9, UInt8(ascii: ";"), UInt8(ascii: "|")] {
            let f = split(line, delimiter: d)
            if f.count > best.count { best = f }
        }
        return best.map { $0.trimmingBlanks() }
    }

    /// One CSV record's fields (quotes honoured, `""` inside quotes is `"`).
    static func split(_ line: String, delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        let b = Array(line.utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if inQuotes {
                if c == 34 {
                    if i + 1 < b.count, b[i + 1] == 34 { field.append(34); i += 1 } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == 34 {
                inQuotes = true
            } else if c == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            } else {
                field.append(c)
            }
            i += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// A banner line's text: its non-empty fields joined by ", " (trailing delimiters of a spreadsheet export dropped).
    static func cleanBanner(_ line: String) -> String {
        bestSplit(line).filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
