/// Row selection: filters, gathers and slices over columns and frames.
public enum Selection {
    /// The rows where a bool column is true (null counts as false), as a selection vector.
    public static func indices(where c: Column) -> [Int32] {
        guard case .bool(var bits) = c.values else { return [] }
        if let v = c.validity { bits = bits & v }
        return bits.setIndices()
    }

    /// The number of rows where a bool column is true (null counts as false).
    public static func count(where c: Column) -> Int {
        guard case .bool(var bits) = c.values else { return 0 }
        if let v = c.validity { bits = bits & v }
        return bits.setCount
    }

    /// Row `idx[k]` of `c` for every k, in that order (indices may repeat).
    public static func gather(_ c: Column, _ idx: [Int32]) -> Column {
        let valid: Bitmap? = c.validity.map { v in gatherBits(v, idx) }
        switch c.values {
        case .int(let a): return Column(.int(gatherArray(a, idx)), validity: valid)
        case .float(let a): return Column(.float(gatherArray(a, idx)), validity: valid)
        case .timestamp(let a): return Column(.timestamp(gatherArray(a, idx)), validity: valid)
        case .duration(let a): return Column(.duration(gatherArray(a, idx)), validity: valid)
        case .ip(let a): return Column(.ip(gatherArray(a, idx)), validity: valid)
        case .bool(let b): return Column(.bool(gatherBits(b, idx)), validity: valid)
        case .string(.dictionary(let ind, let d)):
            return Column(.string(.dictionary(indices: gatherArray(ind, idx), dictionary: d)), validity: valid)
        case .string(.plain(let p)) where p.count > 0 && idx.count >= 2 * p.count:
            // Each row taken twice or more on average (the small side of a join): the
            // distinct strings once, as a dictionary, and an index per output row.
            let ids = GroupIds.stringIds(p, p.count)
            var dict = PlainStrings()
            StringRows.with(p) { g in
                for i in 0..<p.count where Int(ids.ids[i]) == dict.count { dict.append(bytes: g(i)) }
            }
            var indices = ids.ids.withUnsafeBufferPointer { m in idx.map { m[Int($0)] } }
            if let v = valid { for k in 0..<indices.count where !v[k] { indices[k] = 0 } }
            return Column(.string(.dictionary(indices: indices, dictionary: dict)), validity: valid)
        case .string(.plain(let p)):
            var total = 0
            for i in idx { total += p.length(Int(i)) }
            var out = PlainStrings()
            out.offsets.reserveCapacity(idx.count + 1)
            out.bytes.reserveCapacity(total)
            StringRows.with(p) { g in for i in idx { out.append(bytes: g(Int(i))) } }
            return Column(.string(.plain(out)), validity: valid)
        }
    }

    /// Every column of `f` gathered by `idx`.
    public static func gather(_ f: Frame, _ idx: [Int32]) -> Frame {
        Frame(fields: f.fields, columns: f.columns.map { gather($0, idx) }, rowCount: idx.count)
    }

    /// The rows of `f` where `predicate` is true.
    public static func filter(_ f: Frame, by predicate: Column) -> Frame {
        gather(f, indices(where: predicate))
    }

    /// Rows `range` of `f` (clamped to the frame).
    public static func slice(_ f: Frame, _ range: Range<Int>) -> Frame {
        let lo = Swift.max(0, Swift.min(range.lowerBound, f.rowCount))
        let hi = Swift.max(lo, Swift.min(range.upperBound, f.rowCount))
        if lo == 0 && hi == f.rowCount { return f }
        let idx = (lo..<hi).map { Int32($0) }
        return gather(f, idx)
    }

    @inline(__always)
    static func gatherArray<T>(_ a: [T], _ idx: [Int32]) -> [T] {
        a.withUnsafeBufferPointer { ap in
            [T](unsafeUninitializedCapacity: idx.count) { out, written in
                idx.withUnsafeBufferPointer { ip in
                    let bo = UncheckedBox(out), ba = UncheckedBox(ap), bi = UncheckedBox(ip)
                    Parallel.forEachRange(idx.count) { r in
                        for k in r { (bo.value.baseAddress! + k).initialize(to: ba.value[Int(bi.value[k])]) }
                    }
                }
                written = idx.count
            }
        }
    }

    static func gatherBits(_ b: Bitmap, _ idx: [Int32]) -> Bitmap {
        b.words.withUnsafeBufferPointer { wp in
            idx.withUnsafeBufferPointer { ip in
                let bw = UncheckedBox(wp), bi = UncheckedBox(ip)
                return Loops.bits(idx.count) { k in
                    let i = Int(bi.value[k])
                    return (bw.value[i >> 6] >> UInt64(i & 63)) & 1 == 1
                }
            }
        }
    }
}
