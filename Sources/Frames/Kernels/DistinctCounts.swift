/// Exact distinct counts per group (`dcount`) on all cores.
///
/// Every (group, value id) pair of a valid row becomes one 64-bit key. Keys are
/// scattered into partitions by their hash, so equal keys always meet in the
/// same partition; partitions are then deduplicated independently with small
/// hash sets that stay in cache, each new key adding one to its group. Counts
/// are integers, so the result does not depend on how the work was split.
enum DistinctCounts {
    /// Partitions (a power of two): about 20,000 keys each on 5M rows.
    static let partitionBits = 8

    /// The number of distinct `values[i]` per group `groups[i]` over rows with `valid[i]`.
    static func perGroup(groups: [Int32], k: Int, values: [Int32], valid: Bitmap?, rows n: Int) -> [Int64] {
        let parts = 1 << partitionBits
        let shift = UInt64(64 - partitionBits)
        @inline(__always) func key(_ i: Int) -> UInt64 { UInt64(UInt32(bitPattern: groups[i])) << 32 | UInt64(UInt32(bitPattern: values[i])) }
        @inline(__always) func part(_ key: UInt64) -> Int { Int(truncatingIfNeeded: GroupIds.mix(key) >> shift) }
        @inline(__always) func take(_ i: Int) -> Bool { valid.map { $0[i] } ?? true }

        // Histogram per row range, then offsets: range r's keys of partition p start at start[p][r].
        let ranges = Swift.max(1, Parallel.chunkCount(n))
        func bounds(_ r: Int) -> Range<Int> { (n * r / ranges)..<(n * (r + 1) / ranges) }
        let histograms = ParallelBatches.map(ranges) { r -> [Int] in
            var h = [Int](repeating: 0, count: parts)
            for i in bounds(r) where take(i) { h[part(key(i))] += 1 }
            return h
        }
        var partStart = [Int](repeating: 0, count: parts + 1)
        var offsets = [[Int]](repeating: [Int](repeating: 0, count: parts), count: ranges)
        var at = 0
        for p in 0..<parts {
            partStart[p] = at
            for r in 0..<ranges {
                offsets[r][p] = at
                at += histograms[r][p]
            }
        }
        partStart[parts] = at
        var keys = [UInt64](repeating: 0, count: at)
        keys.withUnsafeMutableBufferPointer { kp in
            let out = UncheckedBox(kp)
            _ = ParallelBatches.map(ranges) { r -> Int in
                var next = offsets[r]
                for i in bounds(r) where take(i) {
                    let x = key(i)
                    let p = part(x)
                    out.value[next[p]] = x
                    next[p] += 1
                }
                return 0
            }
        }
        // Deduplicate the partitions, a few workers each adding into its own counts.
        let workers = Swift.max(1, Swift.min(ranges, parts))
        let counts = keys.withUnsafeBufferPointer { kp in
            let ks = UncheckedBox(kp)
            return ParallelBatches.map(workers) { w -> [Int64] in
                var counts = [Int64](repeating: 0, count: k)
                var table: [UInt64] = []
                var p = w
                while p < parts {
                    let lo = partStart[p], hi = partStart[p + 1]
                    p += workers
                    if lo == hi { continue }
                    var cap = 16
                    while cap < (hi - lo) * 2 { cap <<= 1 }
                    // Keys are never all ones: group and value ids are below 2^31.
                    if table.count < cap { table = [UInt64](repeating: .max, count: cap) } else { for s in 0..<cap { table[s] = .max } }
                    let mask = cap - 1
                    for j in lo..<hi {
                        let x = ks.value[j]
                        var s = Int(truncatingIfNeeded: GroupIds.mix(x)) & mask
                        while table[s] != .max && table[s] != x { s = (s + 1) & mask }
                        if table[s] == .max {
                            table[s] = x
                            counts[Int(x >> 32)] += 1
                        }
                    }
                }
                return counts
            }
        }
        var total = counts[0]
        for c in counts.dropFirst() { for g in 0..<k { total[g] += c[g] } }
        return total
    }
}
