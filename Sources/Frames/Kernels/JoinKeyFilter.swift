/// Right rows whose key values all occur on the left side of a join.
///
/// When the left side is much smaller (a login log against months of IPDR),
/// most right rows cannot match; testing each right value against a small
/// table of left values, which stays in cache, is far cheaper than numbering
/// every right key.
enum JoinKeyFilter {
    /// Bit i is set when right row i's value of this key column occurs among the
    /// left values (nulls never match). Nil when the column pair has no fast test.
    static func present(left a: Column, right b: Column) -> Bitmap? {
        switch (a.values, b.values) {
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.duration(let x), .duration(let y)):
            let t = WordTable(x.enumerated().compactMap { a.isValid($0.offset) ? UInt64(bitPattern: $0.element) : nil }.map { ($0, 0) })
            return bits(b, y.count) { t.contains(UInt64(bitPattern: y[$0]), 0) }
        case (.ip(let x), .ip(let y)):
            let t = WordTable(x.enumerated().compactMap { a.isValid($0.offset) ? ($0.element.rawHigh, $0.element.rawLow) : nil })
            return bits(b, y.count) { t.contains(y[$0].rawHigh, y[$0].rawLow) }
        case (.string, .string(.dictionary(let idx, let dict))):
            guard case .string(let ls) = a.values else { return nil }
            var wanted = Set<String>()
            for i in 0..<a.count where a.isValid(i) { wanted.insert(ls[i]) }
            let entryWanted = (0..<dict.count).map { wanted.contains(dict[$0]) }
            return bits(b, idx.count) { entryWanted[Int(idx[$0])] }
        default:
            return nil
        }
    }

    private static func bits(_ c: Column, _ n: Int, _ test: (Int) -> Bool) -> Bitmap {
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        words.withUnsafeMutableBufferPointer { w in
            for i in 0..<n where test(i) { w[i >> 6] |= 1 << UInt64(i & 63) }
        }
        let present = Bitmap(words: words, count: n)
        return c.validity.map { present & $0 } ?? present
    }
}

/// A small open-addressing set of one or two 64-bit words per entry.
private struct WordTable {
    var his: [UInt64]
    var los: [UInt64]
    var used: [Bool]
    let mask: Int

    init(_ entries: [(UInt64, UInt64)]) {
        var cap = 16
        while cap < entries.count * 2 { cap <<= 1 }
        mask = cap - 1
        his = [UInt64](repeating: 0, count: cap)
        los = [UInt64](repeating: 0, count: cap)
        used = [Bool](repeating: false, count: cap)
        for (h, l) in entries {
            var s = WordTable.slot(h, l) & mask
            while used[s] && !(his[s] == h && los[s] == l) { s = (s + 1) & mask }
            used[s] = true
            his[s] = h
            los[s] = l
        }
    }

    @inline(__always)
    static func slot(_ h: UInt64, _ l: UInt64) -> Int {
        Int(truncatingIfNeeded: GroupIds.mix(h &* 0x9E37_79B9_7F4A_7C15 ^ l))
    }

    @inline(__always)
    func contains(_ h: UInt64, _ l: UInt64) -> Bool {
        var s = WordTable.slot(h, l) & mask
        while used[s] {
            if his[s] == h && los[s] == l { return true }
            s = (s + 1) & mask
        }
        return false
    }
}
