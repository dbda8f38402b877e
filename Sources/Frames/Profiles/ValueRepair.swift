/// Value-level checks and conversions a profile applies to one column.
enum ValueRepair {
    /// The column with one leading `'` removed from each value that has it
    /// (a spreadsheet's mark for "keep as text"), and how many had it.
    static func stripApostrophes(_ c: Column) -> (Column, Int) {
        guard case .string(let storage) = c.values else { return (c, 0) }
        let plain = storage.flattened()
        var count = 0
        for i in 0..<plain.count where c.isValid(i) && plain.length(i) > 0 && plain.bytes[Int(plain.offsets[i])] == 39 {
            count += 1
        }
        guard count > 0 else { return (c, 0) }
        var out = PlainStrings()
        out.offsets.reserveCapacity(plain.count + 1)
        plain.bytes.withUnsafeBufferPointer { bp in
            for i in 0..<plain.count {
                var s = Int(plain.offsets[i])
                let e = Int(plain.offsets[i + 1])
                if s < e, bp[s] == 39 { s += 1 }
                out.append(bytes: UnsafeBufferPointer(rebasing: bp[s..<e]))
            }
        }
        return (Column(.string(.plain(out)), validity: c.validity), count)
    }

    /// The column as `type` when every value converts; otherwise unchanged,
    /// with a note saying how many values did not and one of them.
    static func convert(_ c: Column, to type: DataType, shown: String) -> (Column, String?) {
        if c.type == type { return (c, nil) }
        var b = ColumnBuilder(type)
        var bad = 0
        var example = ""
        for i in 0..<c.count {
            let v = c.value(at: i)
            if v.isNull { b.append(.null); continue }
            let text: String
            if case .string(let s) = v { text = s.trimmingBlanks() } else { text = v.description }
            let out: Value?
            switch type {
            case .string: out = .string(text)
            case .int: out = Int64(text).map(Value.int)
            case .ip: out = IPAddress(text).map(Value.ip)
            default: out = nil
            }
            if let out { b.append(out) } else {
                bad += 1
                if example.isEmpty { example = text }
                b.append(.null)
            }
        }
        if bad == 0 { return (b.finish(), nil) }
        return (c, "\(shown): \(ProfileApplier.rows(bad)) not \(type.rawValue) (e.g. '\(example)'): column kept as \(c.type.rawValue)")
    }

    /// How many values look like `9.19834E+11` (an identifier a spreadsheet
    /// turned into a rounded number), and the first of them. Reads the bytes
    /// in place; a dictionary column checks each distinct value once.
    static func scientificNotation(_ c: Column) -> (Int, String) {
        guard case .string(let storage) = c.values else { return (0, "") }
        switch storage {
        case .plain(let p):
            var count = 0
            var first = -1
            p.bytes.withUnsafeBufferPointer { bp in
                for i in 0..<p.count where c.isValid(i) {
                    let s = Int(p.offsets[i]), e = Int(p.offsets[i + 1])
                    if isScientific(UnsafeBufferPointer(rebasing: bp[s..<e])) {
                        count += 1
                        if first < 0 { first = i }
                    }
                }
            }
            return (count, first < 0 ? "" : p[first])
        case .dictionary(let indices, let d):
            var damaged = [Bool](repeating: false, count: d.count)
            d.bytes.withUnsafeBufferPointer { bp in
                for k in 0..<d.count {
                    damaged[k] = isScientific(UnsafeBufferPointer(rebasing: bp[Int(d.offsets[k])..<Int(d.offsets[k + 1])]))
                }
            }
            guard damaged.contains(true) else { return (0, "") }
            var count = 0
            var first = -1
            for (i, k) in indices.enumerated() where c.isValid(i) && damaged[Int(k)] {
                count += 1
                if first < 0 { first = Int(k) }
            }
            return (count, first < 0 ? "" : d[first])
        }
    }

    /// `isScientific` for a string.
    static func isScientific(_ s: String) -> Bool {
        var t = s
        return t.withUTF8 { isScientific($0) }
    }

    /// `d[.ddd]E[+|-]dd` (case ignored).
    static func isScientific(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n >= 3, b[0] >= 48 && b[0] <= 57 else { return false }
        var i = 1
        var dot = false
        while i < n, (b[i] >= 48 && b[i] <= 57) || (b[i] == 46 && !dot) {
            if b[i] == 46 { dot = true }
            i += 1
        }
        guard i < n, b[i] == 69 || b[i] == 101 else { return false }
        i += 1
        if i < n, b[i] == 43 || b[i] == 45 { i += 1 }
        guard i < n else { return false }
        while i < n, b[i] >= 48 && b[i] <= 57 { i += 1 }
        return i == n
    }
}
