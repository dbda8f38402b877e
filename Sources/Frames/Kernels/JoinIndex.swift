/// The right side of a join, bucketed by key id; with an interval, each bucket
/// is sorted by interval start and carries a running maximum of interval ends,
/// so a probe visits only the rows whose start is not after it and stops as soon
/// as no earlier interval can still reach it.
public struct JoinIndex: Sendable {
    /// Interval bounds of the right rows and the left probe values (64-bit integers).
    public struct Interval: Sendable {
        public var probe: Column
        public var lower: Column
        public var lowerInclusive: Bool
        public var upper: Column
        public var upperInclusive: Bool

        public init(probe: Column, lower: Column, lowerInclusive: Bool, upper: Column, upperInclusive: Bool) {
            self.probe = probe
            self.lower = lower
            self.lowerInclusive = lowerInclusive
            self.upper = upper
            self.upperInclusive = upperInclusive
        }
    }

    /// Ids of the left rows by position, and the row of each position (nil: position = row).
    let leftIds: [Int32]
    let leftRows: [Int32]?
    /// Bucket b holds `rows[bucketStart[b]..<bucketStart[b + 1]]`.
    let bucketStart: [Int]
    let rows: [Int32]
    // Interval data, aligned with `rows`.
    let probe: [Int64]
    let probeValid: Bitmap?
    let starts: [Int64]
    let ends: [Int64]
    let maxEnds: [Int64]
    let hasInterval: Bool
    let lowerInclusive: Bool
    let upperInclusive: Bool

    /// Builds the index from shared key ids and, optionally, an interval (nil when the
    /// interval columns are not 64-bit integer typed).
    public init(keys: JoinKeyIds, interval: Interval?) {
        leftIds = keys.left
        leftRows = keys.leftRows
        let nr = keys.right.count
        let rightIds = keys.right
        // Right rows whose key no left row has can never match: leave them out
        // of the buckets (and of the sorting). When the right side was probed
        // against a small left side, only the rows it found are listed at all.
        var wanted = [Bool](repeating: false, count: keys.count)
        for id in keys.left where id >= 0 { wanted[Int(id)] = true }
        var lo: [Int64] = [], hi: [Int64] = []
        var bounds: Interval?
        if let iv = interval, let l = JoinIndex.int64s(iv.lower), let h = JoinIndex.int64s(iv.upper) {
            lo = l
            hi = h
            bounds = iv
        }
        /// The row at position k of the right ids and its bucket, or -1.
        func entry(_ k: Int) -> (row: Int, bucket: Int) {
            let i = keys.rightRows.map { Int($0[k]) } ?? k
            let id = Int(rightIds[k])
            if id < 0 || !wanted[id] { return (i, -1) }
            if let b = bounds, !b.lower.isValid(i) || !b.upper.isValid(i) { return (i, -1) }
            return (i, id)
        }
        var start = [Int](repeating: 0, count: keys.count + 1)
        for k in 0..<nr {
            let b = entry(k).bucket
            if b >= 0 { start[b + 1] += 1 }
        }
        for b in 0..<keys.count { start[b + 1] += start[b] }
        var fill = start
        var rows = [Int32](repeating: 0, count: start[keys.count])
        for k in 0..<nr {
            let (i, b) = entry(k)
            if b >= 0 {
                rows[fill[b]] = Int32(i)
                fill[b] += 1
            }
        }
        bucketStart = start
        if let iv = interval, let p = JoinIndex.int64s(iv.probe), !lo.isEmpty || keys.right.isEmpty {
            hasInterval = true
            probe = p
            probeValid = iv.probe.validity
            lowerInclusive = iv.lowerInclusive
            upperInclusive = iv.upperInclusive
            // Sort each bucket by start (stable by row), then running maxima of ends.
            for b in 0..<keys.count where start[b + 1] - start[b] > 1 {
                rows[start[b]..<start[b + 1]].sort { lo[Int($0)] != lo[Int($1)] ? lo[Int($0)] < lo[Int($1)] : $0 < $1 }
            }
            var s = [Int64](repeating: 0, count: rows.count), e = s, m = s
            for b in 0..<keys.count {
                var run = Int64.min
                for j in start[b]..<start[b + 1] {
                    let r = Int(rows[j])
                    s[j] = lo[r]
                    e[j] = hi[r]
                    run = Swift.max(run, hi[r])
                    m[j] = run
                }
            }
            starts = s
            ends = e
            maxEnds = m
        } else {
            hasInterval = false
            probe = []
            probeValid = nil
            starts = []
            ends = []
            maxEnds = []
            lowerInclusive = true
            upperInclusive = true
        }
        self.rows = rows
    }

    /// The 64-bit integer values of an int, timestamp or duration column.
    static func int64s(_ c: Column) -> [Int64]? {
        switch c.values {
        case .int(let a), .timestamp(let a), .duration(let a): return a
        default: return nil
        }
    }

    /// The number of left positions (left rows, or the listed ones) pairs are made for.
    public var leftCount: Int { leftIds.count }

    /// Appends the candidate pairs of left positions `range` (see `leftCount`), in left
    /// order and then right row order; with an interval only rows whose interval
    /// contains the probe are candidates.
    public func candidates(_ range: Range<Int>, left: inout [Int32], right: inout [Int32]) {
        if !hasInterval {
            leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in rows.withUnsafeBufferPointer { rs in
                for k in range {
                    let b = Int(ids[k])
                    if b < 0 { continue }
                    let i = Int32(leftRow(k))
                    for j in bs[b]..<bs[b + 1] {
                        left.append(i)
                        right.append(rs[j])
                    }
                }
            } } }
            return
        }
        var found: [Int32] = []
        for k in range {
            let b = Int(leftIds[k])
            if b < 0 { continue }
            let s = bucketStart[b], e = bucketStart[b + 1]
            if s == e { continue }
            let i = leftRow(k)
            if let v = probeValid, !v[i] { continue }
            let t = probe[i]
            // First position whose start no longer admits t.
            var a = s, z = e
            while a < z {
                let mid = (a + z) >> 1
                let ok = lowerInclusive ? starts[mid] <= t : starts[mid] < t
                if ok { a = mid + 1 } else { z = mid }
            }
            found.removeAll(keepingCapacity: true)
            var j = a - 1
            while j >= s {
                let reach = upperInclusive ? maxEnds[j] >= t : maxEnds[j] > t
                if !reach { break }
                let inside = upperInclusive ? ends[j] >= t : ends[j] > t
                if inside { found.append(rows[j]) }
                j -= 1
            }
            if found.count > 1 { found.sort() }
            for r in found {
                left.append(Int32(i))
                right.append(r)
            }
        }
    }

    @inline(__always)
    private func leftRow(_ k: Int) -> Int { leftRows.map { Int($0[k]) } ?? k }

    /// The number of pairs of an equality-only join (no interval): the sizes of
    /// the left positions' buckets.
    public func pairCount() -> Int {
        precondition(!hasInterval, "pairCount serves equality-only joins")
        return leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in
            var n = 0
            for b in ids where b >= 0 { n += bs[Int(b) + 1] - bs[Int(b)] }
            return n
        } }
    }

    /// Every pair of an equality-only join (no interval), in left order and then
    /// right row order; built on all cores straight into arrays of the final size.
    public func equalityPairs() -> (left: [Int32], right: [Int32]) {
        precondition(!hasInterval, "equalityPairs serves equality-only joins")
        return leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in rows.withUnsafeBufferPointer { rs in
            let ids = UncheckedBox(ids), bs = UncheckedBox(bs), rs = UncheckedBox(rs)
            let pairs = ParallelBatches.countThenFill(leftIds.count, count: { range in
                var c = 0
                for j in range {
                    let b = Int(ids.value[j])
                    if b >= 0 { c += bs.value[b + 1] - bs.value[b] }
                }
                return c
            }, fill: { range, start, _, left, right in
                var at = start
                for j in range {
                    let b = Int(ids.value[j])
                    if b < 0 { continue }
                    let i = Int32(leftRow(j))
                    for q in bs.value[b]..<bs.value[b + 1] {
                        left[at] = i
                        right[at] = rs.value[q]
                        at += 1
                    }
                }
            })
            return (pairs.first, pairs.second)
        } } }
    }
}
