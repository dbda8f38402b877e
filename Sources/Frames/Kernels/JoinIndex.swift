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

    let leftIds: [Int32]
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
        let nr = keys.right.count
        let rightIds = keys.right
        // Right rows whose key no left row has can never match: leave them out
        // of the buckets (and of the sorting). When the right side was probed
        // against a small left side, only the rows it found are visited at all.
        var wanted = [Bool](repeating: false, count: keys.count)
        keys.left.withUnsafeBufferPointer { ids in
            if let rows = keys.leftRows {
                for r in rows { wanted[Int(ids[Int(r)])] = true }
            } else {
                for id in ids where id >= 0 { wanted[Int(id)] = true }
            }
        }
        var lo: [Int64] = [], hi: [Int64] = []
        var bounds: Interval?
        if let iv = interval, let l = JoinIndex.int64s(iv.lower), let h = JoinIndex.int64s(iv.upper) {
            lo = l
            hi = h
            bounds = iv
        }
        /// The bucket of right row i, or -1.
        func bucket(_ i: Int) -> Int {
            let id = Int(rightIds[i])
            if id < 0 || !wanted[id] { return -1 }
            if let b = bounds, !b.lower.isValid(i) || !b.upper.isValid(i) { return -1 }
            return id
        }
        func forEachRight(_ body: (Int) -> Void) {
            if let rows = keys.rightRows { for r in rows { body(Int(r)) } } else { for i in 0..<nr { body(i) } }
        }
        var start = [Int](repeating: 0, count: keys.count + 1)
        forEachRight { i in
            let b = bucket(i)
            if b >= 0 { start[b + 1] += 1 }
        }
        for b in 0..<keys.count { start[b + 1] += start[b] }
        var fill = start
        var rows = [Int32](repeating: 0, count: start[keys.count])
        forEachRight { i in
            let b = bucket(i)
            if b >= 0 {
                rows[fill[b]] = Int32(i)
                fill[b] += 1
            }
        }
        bucketStart = start
        if let iv = interval, let p = JoinIndex.int64s(iv.probe), !lo.isEmpty || nr == 0 {
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

    /// True when the interval index serves the join.
    public var usesInterval: Bool { hasInterval }

    /// Appends the candidate pairs of left rows `range`, in left order and then right row
    /// order; with an interval only rows whose interval contains the probe are candidates.
    public func candidates(_ range: Range<Int>, left: inout [Int32], right: inout [Int32]) {
        candidates(of: range, left: &left, right: &right)
    }

    /// Appends the candidate pairs of the left rows listed in `rows` (ascending).
    public func candidates(rows: ArraySlice<Int32>, left: inout [Int32], right: inout [Int32]) {
        candidates(of: rows.lazy.map { Int($0) }, left: &left, right: &right)
    }

    /// The number of candidate pairs of the left rows listed in `rows` (nil: all
    /// left rows) when there is no interval: the sizes of their buckets.
    public func pairCount(rows: [Int32]?) -> Int {
        precondition(!hasInterval, "pairCount serves equality-only joins")
        return leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in
            func size(_ i: Int) -> Int {
                let b = Int(ids[i])
                return b < 0 ? 0 : bs[b + 1] - bs[b]
            }
            var n = 0
            if let rows { for r in rows { n += size(Int(r)) } } else { for i in 0..<ids.count { n += size(i) } }
            return n
        } }
    }

    /// Every pair of an equality-only join (no interval) for the left rows listed in
    /// `rows` (nil: all left rows), in left order and then right row order; built
    /// on all cores straight into arrays of the final size.
    public func equalityPairs(rows: [Int32]?) -> (left: [Int32], right: [Int32]) {
        precondition(!hasInterval, "equalityPairs serves equality-only joins")
        let n = rows?.count ?? leftIds.count
        let pieces = Swift.max(1, Swift.min(Parallel.chunkCount(n), n))
        func bounds(_ k: Int) -> Range<Int> { (n * k / pieces)..<(n * (k + 1) / pieces) }
        return leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in self.rows.withUnsafeBufferPointer { rs in
            let ids = UncheckedBox(ids), bs = UncheckedBox(bs), rs = UncheckedBox(rs)
            @inline(__always) func row(_ k: Int) -> Int { rows.map { Int($0[k]) } ?? k }
            let counts = ParallelBatches.map(pieces) { k in
                var c = 0
                for j in bounds(k) {
                    let b = Int(ids.value[row(j)])
                    if b >= 0 { c += bs.value[b + 1] - bs.value[b] }
                }
                return c
            }
            var offsets = [0]
            for c in counts { offsets.append(offsets[offsets.count - 1] + c) }
            let total = offsets[pieces]
            var left = [Int32](repeating: 0, count: total), right = [Int32](repeating: 0, count: total)
            left.withUnsafeMutableBufferPointer { lp in right.withUnsafeMutableBufferPointer { rp in
                let lo = UncheckedBox(lp), ro = UncheckedBox(rp)
                _ = ParallelBatches.map(pieces) { k in
                    var at = offsets[k]
                    for j in bounds(k) {
                        let i = row(j)
                        let b = Int(ids.value[i])
                        if b < 0 { continue }
                        for q in bs.value[b]..<bs.value[b + 1] {
                            lo.value[at] = Int32(i)
                            ro.value[at] = rs.value[q]
                            at += 1
                        }
                    }
                    return at
                }
            } }
            return (left, right)
        } } }
    }

    private func candidates<S: Sequence<Int>>(of leftRows: S, left: inout [Int32], right: inout [Int32]) {
        if !hasInterval {
            leftIds.withUnsafeBufferPointer { ids in bucketStart.withUnsafeBufferPointer { bs in rows.withUnsafeBufferPointer { rs in
                left.reserveCapacity(left.count + leftRows.underestimatedCount)
                right.reserveCapacity(right.count + leftRows.underestimatedCount)
                for i in leftRows {
                    let b = Int(ids[i])
                    if b < 0 { continue }
                    for j in bs[b]..<bs[b + 1] {
                        left.append(Int32(i))
                        right.append(rs[j])
                    }
                }
            } } }
            return
        }
        var found: [Int32] = []
        for i in leftRows {
            let b = Int(leftIds[i])
            if b < 0 { continue }
            let s = bucketStart[b], e = bucketStart[b + 1]
            if s == e { continue }
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
}
