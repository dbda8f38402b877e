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
    /// turned into a rounded number), and the first of them.
    static func scientificNotation(_ c: Column) -> (Int, String) {
        guard case .string(let storage) = c.values else { return (0, "") }
        var count = 0
        var example = ""
        for i in 0..<storage.count where c.isValid(i) {
            let s = storage[i]
            if isScientific(s) {
                count += 1
                if example.isEmpty { example = s }
            }
        }
        return (count, example)
    }

    /// `d[.ddd]E[+|-]dd` (case ignored).
    static func isScientific(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let e = b.firstIndex(where: { $0 == 69 || $0 == 101 }), e > 0, e + 1 < b.count else { return false }
        let mantissa = b[..<e]
        var exponent = b[(e + 1)...]
        if exponent.first == 43 || exponent.first == 45 { exponent = exponent.dropFirst() }
        let dots = mantissa.filter { $0 == 46 }.count
        return dots <= 1 && mantissa.first != 46 && mantissa.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 }
            && !exponent.isEmpty && exponent.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
