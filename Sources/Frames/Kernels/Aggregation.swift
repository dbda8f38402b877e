import Foundation

/// Hash aggregation: group ids over the key columns, then one flat-array
/// accumulator per aggregate; the output is sorted by the keys.
public enum Aggregation {
    /// One aggregate to compute: its output name, bound aggregate and evaluated argument (nil for `count()`).
    public struct Item: Sendable {
        public var name: String
        public var aggregate: AggregateExpr
        public var input: Column?
        public init(name: String, aggregate: AggregateExpr, input: Column?) {
            self.name = name
            self.aggregate = aggregate
            self.input = input
        }
    }

    /// Groups `rowCount` rows by `keys` (evaluated key columns with their output fields) and
    /// computes `items`. Output columns: keys, then aggregates; rows sorted by the keys
    /// (nulls last). Without keys the output has exactly one row.
    public static func run(keys: [(field: Field, column: Column)], items: [Item], rowCount n: Int,
                           context: EvaluationContext = EvaluationContext()) throws(EvaluationError) -> Frame {
        let groups = GroupIds(keys.map(\.column), rowCount: n)
        try context.checkCancellation()
        var fields: [Field] = keys.map(\.field)
        var columns: [Column] = keys.map { Selection.gather($0.column, groups.firstRows) }
        for item in items {
            columns.append(try compute(item.aggregate, item.input, groups, n))
            fields.append(Field(item.name, item.aggregate.type))
            try context.checkCancellation()
        }
        let out = Frame(fields: fields, columns: columns, rowCount: groups.count)
        if keys.isEmpty || groups.count < 2 { return out }
        let order = Sorting.order(columns.prefix(keys.count).map { Sorting.Key($0) }, rowCount: groups.count)
        return Selection.gather(out, order)
    }

    /// One aggregate over grouped rows.
    static func compute(_ a: AggregateExpr, _ input: Column?, _ g: GroupIds, _ n: Int) throws(EvaluationError) -> Column {
        let k = g.count
        let ids = g.ids
        if a.function == .countRows || input == nil {
            return Column(.int(GroupedCounts.counts(ids, n, k, valid: nil)))
        }
        guard let x = input else { return Column.nulls(a.type, count: k) }
        let valid = x.validity
        switch a.function {
        case .count, .countRows:
            return Column(.int(GroupedCounts.counts(ids, n, k, valid: valid)))
        case .countIf:
            guard case .bool(var bits) = x.values else { throw .typeError(message: "countif over \(x.type)") }
            if let v = valid { bits = bits & v }
            var counts = [Int64](repeating: 0, count: k)
            for i in bits.setIndices() { counts[Int(ids[Int(i)])] += 1 }
            return Column(.int(counts))
        case .sum, .avg:
            var seen = [Int64](repeating: 0, count: k)
            switch x.values {
            case .int(let v) where a.function == .sum, .duration(let v) where a.function == .sum:
                let (sums, seen) = GroupedCounts.sums(ids, v, n, k, valid: valid)
                let some = Bitmap(seen.lazy.map { $0 > 0 })
                return Column(x.type == .duration ? .duration(sums) : .int(sums), validity: some)
            case .int(let v), .duration(let v):
                var sums = [Int64](repeating: 0, count: k)
                // The mean is taken over doubles (no overflow); the sum needs none.
                let mean = a.function == .avg
                var dsums = [Double](repeating: 0, count: mean ? k : 0)
                v.withUnsafeBufferPointer { vp in ids.withUnsafeBufferPointer { ip in
                sums.withUnsafeMutableBufferPointer { sp in seen.withUnsafeMutableBufferPointer { cp in
                dsums.withUnsafeMutableBufferPointer { dp in
                    func add(_ i: Int) {
                        let gi = Int(ip[i])
                        sp[gi] &+= vp[i]
                        if mean { dp[gi] += Double(vp[i]) }
                        cp[gi] += 1
                    }
                    if let valid { for i in 0..<n where valid[i] { add(i) } } else { for i in 0..<n { add(i) } }
                } } } } }
                let some = Bitmap(seen.lazy.map { $0 > 0 })
                if a.function == .sum {
                    return Column(x.type == .duration ? .duration(sums) : .int(sums), validity: some)
                }
                let means = (0..<k).map { seen[$0] > 0 ? dsums[$0] / Double(seen[$0]) : 0 }
                if a.type == .duration {
                    return Column(.duration(means.map { Int64($0.rounded()) }), validity: some)
                }
                return Column(.float(means), validity: some)
            case .float(let v):
                var sums = [Double](repeating: 0, count: k)
                for i in 0..<n where valid?[i] ?? true {
                    let gi = Int(ids[i])
                    sums[gi] += v[i]
                    seen[gi] += 1
                }
                let some = Bitmap(seen.lazy.map { $0 > 0 })
                if a.function == .sum { return Column(.float(sums), validity: some) }
                return Column(.float((0..<k).map { seen[$0] > 0 ? sums[$0] / Double(seen[$0]) : 0 }), validity: some)
            default:
                throw .typeError(message: "\(a.function.name) over \(x.type)")
            }
        case .stdev:
            let v = try doubles(x)
            var sums = [Double](repeating: 0, count: k), cnt = [Double](repeating: 0, count: k)
            for i in 0..<n where valid?[i] ?? true { sums[Int(ids[i])] += v[i]; cnt[Int(ids[i])] += 1 }
            let means = (0..<k).map { cnt[$0] > 0 ? sums[$0] / cnt[$0] : 0 }
            var sq = [Double](repeating: 0, count: k)
            for i in 0..<n where valid?[i] ?? true { let d = v[i] - means[Int(ids[i])]; sq[Int(ids[i])] += d * d }
            let out = (0..<k).map { cnt[$0] > 1 ? Foundation.sqrt(sq[$0] / (cnt[$0] - 1)) : 0 }
            return Column(.float(out), validity: Bitmap(cnt.lazy.map { $0 > 1 }))
        case .min, .max, .first, .last:
            var best = [Int32](repeating: -1, count: k)
            if a.function == .first || a.function == .last {
                let last = a.function == .last
                for i in 0..<n where valid?[i] ?? true {
                    let gi = Int(ids[i])
                    if last || best[gi] < 0 { best[gi] = Int32(i) }
                }
            } else {
                let key = OrderKey(x)
                let wantMax = a.function == .max
                for i in 0..<n where valid?[i] ?? true {
                    let gi = Int(ids[i])
                    let b = best[gi]
                    if b < 0 { best[gi] = Int32(i); continue }
                    let c = key.compare(i, Int(b))
                    if wantMax ? c > 0 : c < 0 { best[gi] = Int32(i) }
                }
            }
            let present = Bitmap(best.lazy.map { $0 >= 0 })
            let rows = best.map { Swift.max($0, 0) }
            if n == 0 { return Column.nulls(a.type, count: k) }
            let picked = Selection.gather(x, rows)
            return Column(picked.values, validity: Loops.and(picked.validity, present.allSet ? nil : present))
        case .dcount:
            let values = GroupIds.columnIds(Column(x.values), n)
            return Column(.int(DistinctCounts.perGroup(groups: ids, k: k, values: values.ids, valid: valid, rows: n)))
        case .median, .percentile:
            let p = a.function == .median ? 50.0 : Swift.max(0, Swift.min(100, a.percentile ?? 50))
            let v = try doubles(x)
            // Counting sort of the non-null values by group.
            var start = [Int](repeating: 0, count: k + 1)
            for i in 0..<n where valid?[i] ?? true { start[Int(ids[i]) + 1] += 1 }
            for j in 0..<k { start[j + 1] += start[j] }
            var fill = start
            var vals = [Double](repeating: 0, count: start[k])
            for i in 0..<n where valid?[i] ?? true {
                let gi = Int(ids[i])
                vals[fill[gi]] = v[i]
                fill[gi] += 1
            }
            var out = [Double](repeating: 0, count: k)
            var present = Bitmap(count: k, value: false)
            for j in 0..<k where start[j + 1] > start[j] {
                vals[start[j]..<start[j + 1]].sort()
                out[j] = interpolate(vals[start[j]..<start[j + 1]], p)
                present[j] = true
            }
            switch a.type {
            case .timestamp: return Column(.timestamp(out.map { Int64($0.rounded()) }), validity: present)
            case .duration: return Column(.duration(out.map { Int64($0.rounded()) }), validity: present)
            default: return Column(.float(out), validity: present)
            }
        }
    }

    /// The p-th percentile of sorted values: linear interpolation between the
    /// closest ranks at rank p/100 · (n − 1).
    public static func interpolate(_ sorted: ArraySlice<Double>, _ p: Double) -> Double {
        let n = sorted.count
        let base = sorted.startIndex
        if n == 1 { return sorted[base] }
        let rank = p / 100 * Double(n - 1)
        let lo = Int(rank.rounded(.down))
        let hi = Swift.min(lo + 1, n - 1)
        let frac = rank - Double(lo)
        return sorted[base + lo] + (sorted[base + hi] - sorted[base + lo]) * frac
    }

    static func doubles(_ x: Column) throws(EvaluationError) -> [Double] {
        switch x.values {
        case .float(let v): return v
        case .int(let v), .timestamp(let v), .duration(let v): return v.map(Double.init)
        default: throw .typeError(message: "numeric aggregate over \(x.type)")
        }
    }
}
