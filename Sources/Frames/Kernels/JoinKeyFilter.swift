/// Rows of the large side of a join whose key values all occur on the small side.
///
/// When one side is much smaller (a login log against months of IPDR), most
/// rows of the other cannot match; testing each of their values against a
/// small table of the small side's values, which stays in cache, is far
/// cheaper than numbering every key. The most selective key column (the one
/// with the most distinct small-side values) is tested over every row first;
/// the others only over the rows still in.
enum JoinKeyFilter {
    /// Row numbers of `large` (ascending) whose values of every key column occur in
    /// `small`; nil when a key column pair has no membership test.
    static func rows(small: [Column], large: [Column], largeRows n: Int) -> [Int32]? {
        guard !small.isEmpty else { return nil }
        var tests: [MembershipTest] = []
        for k in small.indices {
            guard let t = MembershipTest(small: small[k], large: large[k]) else { return nil }
            tests.append(t)
        }
        tests.sort { $0.distinct > $1.distinct }
        var rows = tests[0].matchingRows(n)
        for t in tests.dropFirst() { rows = rows.filter { t.contains(Int($0)) } }
        return rows
    }
}

/// Whether a large-side row's value occurs among the small side's values (nulls never do).
struct MembershipTest: Sendable {
    private enum Kind {
        case words([Int64])
        case ips([IPAddress])
        case entries(wanted: [Bool], indices: [Int32])
    }

    private let kind: Kind
    private let table: WordTable
    private let validity: Bitmap?
    /// Distinct values on the small side (a selectivity hint).
    let distinct: Int

    init?(small a: Column, large b: Column) {
        validity = b.validity
        switch (a.values, b.values) {
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.duration(let x), .duration(let y)):
            table = WordTable((0..<x.count).compactMap { a.isValid($0) ? (UInt64(bitPattern: x[$0]), 0) : nil })
            kind = .words(y)
        case (.ip(let x), .ip(let y)):
            table = WordTable((0..<x.count).compactMap { a.isValid($0) ? (x[$0].rawHigh, x[$0].rawLow) : nil })
            kind = .ips(y)
        case (.string(let ls), .string(.dictionary(let idx, let dict))):
            var wanted = Set<String>()
            for i in 0..<a.count where a.isValid(i) { wanted.insert(ls[i]) }
            table = WordTable([])
            kind = .entries(wanted: (0..<dict.count).map { wanted.contains(dict[$0]) }, indices: idx)
            distinct = wanted.count
            return
        default:
            return nil
        }
        distinct = table.count
    }

    /// True when large-side row `i` is not null and its value occurs on the small side.
    @inline(__always)
    func contains(_ i: Int) -> Bool {
        if let v = validity, !v[i] { return false }
        switch kind {
        case .words(let y): return table.contains(UInt64(bitPattern: y[i]), 0)
        case .ips(let y): return table.contains(y[i].rawHigh, y[i].rawLow)
        case .entries(let wanted, let idx): return wanted[Int(idx[i])]
        }
    }

    /// Every matching row of `0..<n`, ascending, tested on all cores.
    func matchingRows(_ n: Int) -> [Int32] {
        Loops.bits(n) { contains($0) }.setIndices()
    }
}

/// A small open-addressing set of one or two 64-bit words per entry.
struct WordTable: Sendable {
    private var his: [UInt64]
    private var los: [UInt64]
    private var used: [Bool]
    private let mask: Int
    /// Distinct entries.
    private(set) var count = 0

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
            if !used[s] { count += 1 }
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
