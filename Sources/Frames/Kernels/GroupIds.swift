/// Dense group ids for rows, numbered in first-seen order, computed with
/// open-addressing hash tables over flat buffers. Nulls form their own group.
public struct GroupIds: Sendable {
    /// The group of every row.
    public let ids: [Int32]
    /// The number of groups.
    public let count: Int
    /// The first row of every group.
    public let firstRows: [Int32]

    /// Groups of equal key combinations over the given columns (all `rowCount` long).
    /// With no columns every row is in one group (and a frame with no rows has one empty group).
    public init(_ columns: [Column], rowCount n: Int) {
        if columns.isEmpty {
            ids = [Int32](repeating: 0, count: n)
            count = 1
            firstRows = n > 0 ? [0] : []
            return
        }
        var acc = GroupIds.columnIds(columns[0], n)
        for c in columns.dropFirst() {
            let next = GroupIds.columnIds(c, n)
            acc = GroupIds.combine(acc, next, n)
        }
        // Renumber in first-seen order (combine already does; single columns may not).
        let (dense, k, first) = GroupIds.densify(acc.ids, acc.cardinality, n)
        ids = dense
        count = k
        firstRows = first
    }

    struct Raw { var ids: [Int32]; var cardinality: Int }

    /// A full 64-bit finaliser (MurmurHash3's fmix64): every input bit affects
    /// the low bits used as a table index, so keys whose variation sits in their
    /// high bytes (network-order addresses) do not pile into one probe chain.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func capacity(_ n: Int) -> Int {
        var c = 16
        while c < n * 2 { c <<= 1 }
        return c
    }

    /// Ids for one column: any numbering in 0..<cardinality (nulls get their own id).
    static func columnIds(_ c: Column, _ n: Int) -> Raw {
        var raw: Raw
        switch c.values {
        case .string(.dictionary(let idx, let d)):
            raw = Raw(ids: idx, cardinality: d.count)
        case .string(.plain(let p)):
            raw = stringIds(p, n)
        case .int(let a), .timestamp(let a), .duration(let a):
            raw = intIds(a, n) { UInt64(bitPattern: $0) }
        case .float(let a):
            raw = intIds(a, n) { v in v == 0 ? 0 : (v.isNaN ? Double.nan.bitPattern : v.bitPattern) }
        case .bool(let b):
            raw = Raw(ids: (0..<n).map { b[$0] ? 1 : 0 }, cardinality: 2)
        case .ip(let a):
            raw = ipIds(a, n)
        }
        if let v = c.validity {
            let nullId = Int32(raw.cardinality)
            for i in 0..<n where !v[i] { raw.ids[i] = nullId }
            raw.cardinality += 1
        }
        return raw
    }

    static func intIds<T>(_ a: [T], _ n: Int, _ key: (T) -> UInt64) -> Raw {
        var cap = 1024
        var keys = [UInt64](repeating: 0, count: cap)
        var slots = [Int32](repeating: -1, count: cap)
        var ids = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        a.withUnsafeBufferPointer { ap in
            for i in 0..<n {
                let k = key(ap[i])
                var h = Int(truncatingIfNeeded: mix(k)) & (cap - 1)
                while true {
                    let s = slots[h]
                    if s < 0 {
                        slots[h] = next
                        keys[h] = k
                        ids[i] = next
                        next += 1
                        if Int(next) * 2 > cap { (keys, slots, cap) = grow(keys, slots, cap) }
                        break
                    }
                    if keys[h] == k { ids[i] = s; break }
                    h = (h + 1) & (cap - 1)
                }
            }
        }
        return Raw(ids: ids, cardinality: Int(next))
    }

    static func grow(_ keys: [UInt64], _ slots: [Int32], _ cap: Int) -> ([UInt64], [Int32], Int) {
        let nc = cap * 4
        var nk = [UInt64](repeating: 0, count: nc)
        var ns = [Int32](repeating: -1, count: nc)
        for j in 0..<cap where slots[j] >= 0 {
            var h = Int(truncatingIfNeeded: mix(keys[j])) & (nc - 1)
            while ns[h] >= 0 { h = (h + 1) & (nc - 1) }
            ns[h] = slots[j]
            nk[h] = keys[j]
        }
        return (nk, ns, nc)
    }

    /// Ids of addresses in first-seen order, through an open-addressing table
    /// over both 64-bit halves (IPv4-only columns use the low half alone).
    static func ipIds(_ a: [IPAddress], _ n: Int) -> Raw {
        if a.allSatisfy(\.isIPv4) { return intIds(a, n) { $0.low } }
        var cap = 1024
        var slots = [Int32](repeating: -1, count: cap)
        var his = [UInt64](repeating: 0, count: cap)
        var los = [UInt64](repeating: 0, count: cap)
        var ids = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        a.withUnsafeBufferPointer { ap in
            ids.withUnsafeMutableBufferPointer { out in
                var i = 0
                while i < n {
                    let hi = ap[i].rawHigh, lo = ap[i].rawLow
                    var h = Int(truncatingIfNeeded: mix(hi &* 0x9E37_79B9_7F4A_7C15 ^ lo)) & (cap - 1)
                    let id: Int32 = slots.withUnsafeMutableBufferPointer { sp in
                        while true {
                            let sl = sp[h]
                            if sl < 0 { return -1 }
                            if his[h] == hi && los[h] == lo { return sl }
                            h = (h + 1) & (cap - 1)
                        }
                    }
                    if id >= 0 {
                        out[i] = id
                    } else {
                        slots[h] = next
                        his[h] = hi
                        los[h] = lo
                        out[i] = next
                        next += 1
                        if Int(next) * 2 > cap {
                            let nc = cap * 4
                            var ns = [Int32](repeating: -1, count: nc)
                            var nh = [UInt64](repeating: 0, count: nc)
                            var nl = [UInt64](repeating: 0, count: nc)
                            for j in 0..<cap where slots[j] >= 0 {
                                var q = Int(truncatingIfNeeded: mix(his[j] &* 0x9E37_79B9_7F4A_7C15 ^ los[j])) & (nc - 1)
                                while ns[q] >= 0 { q = (q + 1) & (nc - 1) }
                                ns[q] = slots[j]
                                nh[q] = his[j]
                                nl[q] = los[j]
                            }
                            (slots, his, los, cap) = (ns, nh, nl, nc)
                        }
                    }
                    i += 1
                }
            }
        }
        return Raw(ids: ids, cardinality: Int(next))
    }

    static func stringIds(_ p: PlainStrings, _ n: Int) -> Raw {
        var cap = 1024
        var slots = [Int32](repeating: -1, count: cap)
        var hashes = [UInt64](repeating: 0, count: cap)
        var reps: [Int32] = []
        var ids = [Int32](repeating: 0, count: n)
        StringRows.with(p) { g in
            for i in 0..<n {
                let b = g(i)
                var hv: UInt64 = 0xcbf2_9ce4_8422_2325
                for c in b { hv = (hv ^ UInt64(c)) &* 0x100_0000_01b3 }
                var h = Int(truncatingIfNeeded: mix(hv)) & (cap - 1)
                while true {
                    let s = slots[h]
                    if s < 0 {
                        let id = Int32(reps.count)
                        slots[h] = id
                        hashes[h] = hv
                        reps.append(Int32(i))
                        ids[i] = id
                        if reps.count * 2 > cap {
                            let nc = cap * 4
                            var ns = [Int32](repeating: -1, count: nc)
                            var nh = [UInt64](repeating: 0, count: nc)
                            for j in 0..<cap where slots[j] >= 0 {
                                var q = Int(truncatingIfNeeded: mix(hashes[j])) & (nc - 1)
                                while ns[q] >= 0 { q = (q + 1) & (nc - 1) }
                                ns[q] = slots[j]
                                nh[q] = hashes[j]
                            }
                            slots = ns
                            hashes = nh
                            cap = nc
                        }
                        break
                    }
                    if hashes[h] == hv && StringRows.compare(g(Int(reps[Int(s)])), b) == 0 { ids[i] = s; break }
                    h = (h + 1) & (cap - 1)
                }
            }
        }
        return Raw(ids: ids, cardinality: reps.count)
    }

    /// Ids of pairs (a, b), numbered in first-seen order.
    static func combine(_ a: Raw, _ b: Raw, _ n: Int) -> Raw {
        if a.cardinality * b.cardinality <= Swift.max(1 << 16, n) {
            // Small product: direct table indexed by a * cb + b.
            var table = [Int32](repeating: -1, count: a.cardinality * b.cardinality)
            var ids = [Int32](repeating: 0, count: n)
            var next: Int32 = 0
            let cb = b.cardinality
            for i in 0..<n {
                let k = Int(a.ids[i]) * cb + Int(b.ids[i])
                let s = table[k]
                if s >= 0 { ids[i] = s } else { table[k] = next; ids[i] = next; next += 1 }
            }
            return Raw(ids: ids, cardinality: Int(next))
        }
        let keys = (0..<n).map { UInt64(UInt32(bitPattern: a.ids[$0])) << 32 | UInt64(UInt32(bitPattern: b.ids[$0])) }
        return intIds(keys, n) { $0 }
    }

    /// Renumbers ids in first-seen order.
    static func densify(_ ids: [Int32], _ cardinality: Int, _ n: Int) -> ([Int32], Int, [Int32]) {
        var map = [Int32](repeating: -1, count: cardinality)
        var out = [Int32](repeating: 0, count: n)
        var first: [Int32] = []
        for i in 0..<n {
            let g = Int(ids[i])
            var m = map[g]
            if m < 0 {
                m = Int32(first.count)
                map[g] = m
                first.append(Int32(i))
            }
            out[i] = m
        }
        return (out, first.count, first)
    }
}
