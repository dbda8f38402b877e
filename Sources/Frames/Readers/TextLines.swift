/// The lines of a mapped text file, one at a time, for the line-oriented
/// record readers (RADIUS detail files, NAT syslogs).
enum TextLines {
    /// Calls `body` with each line's 1-based number and its text (without
    /// the line break and a trailing CR), or nil when the line is not UTF-8.
    static func forEach(_ file: MappedFile, _ body: (Int, String?) throws(LoadError) -> Void) throws(LoadError) {
        guard let base = file.base else { return }
        var p = file.bomLength
        var number = 0
        while p < file.count {
            var e = p
            while e < file.count, base[e] != 10 { e += 1 }
            var end = e
            if end > p, base[end - 1] == 13 { end -= 1 }
            number += 1
            let bytes = UnsafeBufferPointer(start: base + p, count: end - p)
            try body(number, String(validating: bytes, as: UTF8.self))
            p = e + 1
        }
    }

    /// The first two non-blank lines of a file (at most `limit` bytes looked at).
    static func firstTwo(_ file: MappedFile, limit: Int = 64 * 1024) -> [String] {
        guard let base = file.base else { return [] }
        var out: [String] = []
        var p = file.bomLength
        let stop = min(file.count, limit)
        while p < stop, out.count < 2 {
            var e = p
            while e < stop, base[e] != 10 { e += 1 }
            var end = e
            if end > p, base[end - 1] == 13 { end -= 1 }
            let line = String(decoding: UnsafeBufferPointer(start: base + p, count: end - p), as: UTF8.self)
            if !line.allSatisfy({ $0 == " " || $0 == "\t" }) { out.append(line) }
            p = e + 1
        }
        return out
    }
}
