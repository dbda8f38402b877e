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
        var usable = keys.right
        // Right rows whose key no left row has can never match: leave them out
        // of the buckets (and of the sorting), so a small left side against a
        // large right side only indexes the right rows it can reach.
        var wanted = [Bool](repeating: false, count: keys.count)
        for id in keys.left where id >= 0 { wanted[Int(id)] = true }
        usable.withUnsafeMutableBufferPointer { u in
            wanted.withUnsafeBufferPointer { w in
                for i in 0..<u.count where u[i] >= 0 && !w[Int(u[i])] { u[i] = -1 }
            }
        }
        var lo: [Int64] = [], hi: [Int64] = []
        if let iv = interval, let l = JoinIndex.int64s(iv.lower), let h = JoinIndex.int64s(iv.upper) {
            lo = l
            hi = h
            for i in 0..<nr where !iv.lower.isValid(i) || !iv.upper.isValid(i) { usable[i] = -1 }
        }
        var start = [Int](repeating: 0, count: keys.count + 1)
        for i in 0..<nr where usable[i] >= 0 { start[Int(usable[i]) + 1] += 1 }
        for b in 0..<keys.count { start[b + 1] += start[b] }
        var fill = start
        var rows = [Int32](repeating: 0, count: start[keys.count])
        for i in 0..<nr where usable[i] >= 0 {
            let b = Int(usable[i])
            rows[fill[b]] = Int32(i)
            fill[b] += 1
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
        var found: [Int32] = []
        for i in range {
            let b = Int(leftIds[i])
            if b < 0 { continue }
            let s = bucketStart[b], e = bucketStart[b + 1]
            if s == e { continue }
            if !hasInterval {
                for j in s..<e {
                    left.append(Int32(i))
                    right.append(rows[j])
                }
                continue
            }
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
