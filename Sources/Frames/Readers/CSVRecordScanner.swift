/// Reads single CSV records into byte arrays: for the header, sniffing and
/// sampling (a few hundred records), not for bulk data.
struct CSVRecordScanner {
    let base: UnsafePointer<UInt8>
    let eof: Int
    let delimiter: UInt8

    /// One record: its fields (unescaped), which were quoted, where the next record starts.
    struct Record {
        var fields: [[UInt8]]
        var quoted: [Bool]
        var next: Int
        var newlines: Int
        /// Offset of an opening quote that is never closed, when there is one.
        var unterminatedAt: Int?
    }

    /// The record starting at `start` (which must be before `eof`).
    func record(at start: Int) -> Record {
        var fields: [[UInt8]] = []
        var quoted: [Bool] = []
        var p = start
        var newlines = 0
        while true {
            var field: [UInt8] = []
            var q = false
            if p < eof, base[p] == 34 {
                q = true
                var i = p + 1
                var closed = false
                while i < eof {
                    let c = base[i]
                    if c == 34 {
                        if i + 1 < eof, base[i + 1] == 34 { field.append(34); i += 2; continue }
                        closed = true
                        break
                    }
                    if c == 10 { newlines += 1 }
                    field.append(c)
                    i += 1
                }
                if !closed {
                    fields.append(field); quoted.append(true)
                    return Record(fields: fields, quoted: quoted, next: eof, newlines: newlines, unterminatedAt: p)
                }
                p = i + 1
                while p < eof, base[p] != delimiter, base[p] != 10 {
                    if base[p] != 13 { field.append(base[p]) }
                    p += 1
                }
            } else {
                while p < eof, base[p] != delimiter, base[p] != 10 {
                    field.append(base[p])
                    p += 1
                }
                if field.last == 13 { field.removeLast() }
            }
            fields.append(field)
            quoted.append(q)
            if p >= eof { break }
            if base[p] == delimiter { p += 1; continue }
            p += 1
            newlines += 1
            break
        }
        return Record(fields: fields, quoted: quoted, next: p, newlines: newlines, unterminatedAt: nil)
    }
}
