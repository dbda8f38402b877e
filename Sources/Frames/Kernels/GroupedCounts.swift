/// Per-group counts and integer sums on all cores: each row range accumulates
/// into its own arrays, which are then added up. Integer addition (wrapping,
/// like the serial loop) is associative, so the result does not depend on how
/// the rows were split; floating-point sums stay serial for that reason.
enum GroupedCounts {
    /// True when splitting pays: enough rows, and few enough groups that every
    /// range's own arrays stay small next to the rows.
    static func worthSplitting(rows n: Int, groups k: Int) -> Bool {
        n >= Parallel.threshold && k <= n / 8 && Parallel.chunkCount(n) > 1
    }

    /// Rows per group (only rows valid in `valid`, when given).
    static func counts(_ ids: [Int32], _ n: Int, _ k: Int, valid: Bitmap?) -> [Int64] {
        sums(ids, nil, n, k, valid: valid).seen
    }

    /// Per group: the wrapping sum of `values` (when given) and the number of rows
    /// that went into it (only rows valid in `valid`, when given).
    static func sums(_ ids: [Int32], _ values: [Int64]?, _ n: Int, _ k: Int, valid: Bitmap?) -> (sums: [Int64], seen: [Int64]) {
        let pieces = worthSplitting(rows: n, groups: k) ? Parallel.chunkCount(n) : 1
        let parts = ids.withUnsafeBufferPointer { ip in
            let idp = UncheckedBox(ip)
            return ParallelBatches.map(pieces) { p -> ([Int64], [Int64]) in
                var sums = [Int64](repeating: 0, count: values == nil ? 0 : k)
                var seen = [Int64](repeating: 0, count: k)
                let range = (n * p / pieces)..<(n * (p + 1) / pieces)
                sums.withUnsafeMutableBufferPointer { sp in seen.withUnsafeMutableBufferPointer { cp in
                    func add(_ i: Int) {
                        let g = Int(idp.value[i])
                        cp[g] += 1
                        if let values { sp[g] &+= values[i] }
                    }
                    if let valid { for i in range where valid[i] { add(i) } } else { for i in range { add(i) } }
                } }
                return (sums, seen)
            }
        }
        guard var (sums, seen) = parts.first else { return ([], []) }
        for (s, c) in parts.dropFirst() {
            for g in 0..<k { seen[g] += c[g] }
            if values != nil { for g in 0..<k { sums[g] &+= s[g] } }
        }
        return (sums, seen)
    }
}
