/// A column turned into values that order the same way: ints, floats, or
/// ips; strings become ranks (byte order), bools 0/1. Nulls are ordered last
/// in either direction.
struct OrderKey {
    enum Payload {
        case ints([Int64])
        case doubles([Double])
        case ips([IPAddress])
    }

    let payload: Payload
    let validity: Bitmap?
    let descending: Bool

    init(_ c: Column, descending: Bool = false) {
        self.validity = c.validity
        self.descending = descending
        switch c.values {
        case .int(let a), .timestamp(let a), .duration(let a): payload = .ints(a)
        case .float(let a): payload = .doubles(a)
        case .ip(let a): payload = .ips(a)
        case .bool(let b): payload = .ints((0..<b.count).map { b[$0] ? 1 : 0 })
        case .string(let s): payload = .ints(OrderKey.ranks(s))
        }
    }

    /// Dense ranks of strings in byte order (equal strings share a rank).
    static func ranks(_ s: StringStorage) -> [Int64] {
        switch s {
        case .dictionary(let idx, let d):
            let entryRank = plainRanks(d)
            return idx.map { entryRank[Int($0)] }
        case .plain(let p):
            return plainRanks(p)
        }
    }

    static func plainRanks(_ p: PlainStrings) -> [Int64] {
        let n = p.count
        var order = (0..<n).map { Int32($0) }
        var ranks = [Int64](repeating: 0, count: n)
        StringRows.with(p) { g in
            order.sort { StringRows.compare(g(Int($0)), g(Int($1))) < 0 }
            var r: Int64 = 0
            for k in 0..<n {
                if k > 0 && StringRows.compare(g(Int(order[k - 1])), g(Int(order[k]))) != 0 { r += 1 }
                ranks[Int(order[k])] = r
            }
        }
        return ranks
    }

    /// Three-way comparison of rows i and j under this key (nulls last, direction applied to values only).
    @inline(__always)
    func compare(_ i: Int, _ j: Int) -> Int {
        if let v = validity {
            let a = v[i], b = v[j]
            if !a || !b { return a == b ? 0 : (a ? -1 : 1) }
        }
        var c: Int
        switch payload {
        case .ints(let x): c = x[i] < x[j] ? -1 : (x[i] > x[j] ? 1 : 0)
        case .doubles(let x):
            let a = x[i], b = x[j]
            c = a < b ? -1 : (a > b ? 1 : 0)
            if c == 0 && a != b { c = a.isNaN ? (b.isNaN ? 0 : 1) : -1 }
        case .ips(let x): c = x[i] < x[j] ? -1 : (x[j] < x[i] ? 1 : 0)
        }
        return descending ? -c : c
    }
}
