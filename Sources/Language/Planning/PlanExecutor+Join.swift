import Frames

extension PlanExecutor {
    /// Left rows handled per batch: candidate pairs of one batch are filtered together.
    static let joinBatchRows = 4096

    /// Runs a bound join of `input` with `right`. The result's columns are gathered
    /// only when a later operator reads them. With `countOnly` the result has the
    /// right number of rows but no columns (the next stage only counts them).
    func join(_ p: JoinPlan, left input: LazyFrame, right: Frame, countOnly: Bool = false) throws(EvaluationError) -> LazyFrame {
        let eval = ExpressionEvaluator(context: context)
        var state = input
        let nl = state.rowCount, nr = right.rowCount
        // The left columns the keys, the interval and the residual read (others are placeholders).
        let leftNeed = Set(p.leftKeys.flatMap(\.referencedColumns) + (p.interval.map { Array($0.probe.referencedColumns) } ?? [])
            + (p.residual?.referencedColumns ?? []).filter { $0 < p.leftWidth })
        let leftColumns = state.columns(indices: Array(leftNeed))
        var lk: [Column] = [], rk: [Column] = []
        for e in p.leftKeys { lk.append(try eval.evaluate(e, columns: leftColumns, rowCount: nl)) }
        for e in p.rightKeys { rk.append(try eval.evaluate(e, columns: right.columns, rowCount: nr)) }
        try context.checkCancellation()
        let ids = JoinKeyIds(left: lk, right: rk, leftRows: nl, rightRows: nr)
        var interval: JoinIndex.Interval?
        if let iv = p.interval {
            interval = JoinIndex.Interval(
                probe: try eval.evaluate(iv.probe, columns: leftColumns, rowCount: nl),
                lower: try eval.evaluate(iv.lower, columns: right.columns, rowCount: nr), lowerInclusive: iv.lowerInclusive,
                upper: try eval.evaluate(iv.upper, columns: right.columns, rowCount: nr), upperInclusive: iv.upperInclusive)
        }
        try context.checkCancellation()
        let index = JoinIndex(keys: ids, interval: interval)
        if countOnly, p.kind == .inner, !p.report, p.residual == nil, p.interval == nil {
            // Equality only: the pairs of a left row are its whole bucket.
            return LazyFrame(Frame(fields: [], columns: [], rowCount: index.pairCount()))
        }
        var pairsLeft: [Int32] = [], pairsRight: [Int32] = []
        if p.residual == nil, p.interval == nil {
            (pairsLeft, pairsRight) = index.equalityPairs()
        } else {
            (pairsLeft, pairsRight) = try filteredPairs(p, index: index, leftColumns: leftColumns, right: right)
        }
        try context.checkCancellation()
        if p.report || p.kind == .semi || p.kind == .anti {
            var counts = [Int64](repeating: 0, count: nl)
            for i in pairsLeft { counts[Int(i)] += 1 }
            if p.report {
                state.setting("matches", Column(.int(counts)))
                return state
            }
            let want = p.kind == .semi
            var rows: [Int32] = []
            for i in 0..<nl where (counts[i] > 0) == want { rows.append(Int32(i)) }
            state.select(rows)
            return state
        }
        if p.kind == .left {
            // Unmatched left rows keep their place with -1 (null right columns).
            var l: [Int32] = [], r: [Int32] = []
            l.reserveCapacity(Swift.max(nl, pairsLeft.count))
            r.reserveCapacity(Swift.max(nl, pairsLeft.count))
            var k = 0
            for i in 0..<nl {
                if k < pairsLeft.count, pairsLeft[k] == Int32(i) {
                    while k < pairsLeft.count, pairsLeft[k] == Int32(i) {
                        l.append(pairsLeft[k]); r.append(pairsRight[k]); k += 1
                    }
                } else {
                    l.append(Int32(i)); r.append(-1)
                }
            }
            pairsLeft = l
            pairsRight = r
        }
        if countOnly { return LazyFrame(Frame(fields: [], columns: [], rowCount: pairsLeft.count)) }
        state.select(pairsLeft)
        state.append(right.columns, rows: pairsRight, outer: p.kind == .left,
                     fields: p.rightFields.indices.map { Field(p.rightFields[$0].name, right.columns[$0].type, sourceName: p.rightFields[$0].sourceName) })
        return state
    }

    /// Candidate pairs filtered by the interval and the residual. Only the left rows
    /// that can match are visited (all of them unless the left side was probed
    /// against a much smaller right side), in batches filtered independently on
    /// all cores and joined up in left-row order.
    private func filteredPairs(_ p: JoinPlan, index: JoinIndex, leftColumns: [Column], right: Frame) throws(EvaluationError) -> ([Int32], [Int32]) {
        let eval = ExpressionEvaluator(context: context)
        // The columns the residual reads: left ones, then right ones.
        let need = Set(p.residual?.referencedColumns ?? [])
        let visited = index.leftCount
        let batchSize = PlanExecutor.joinBatchRows
        let batches = ParallelBatches.map((visited + batchSize - 1) / batchSize) { k -> Result<([Int32], [Int32]), EvaluationError> in
            if context.isCancelled() { return .failure(.cancelled) }
            let start = k * batchSize, end = Swift.min(visited, start + batchSize)
            var bl: [Int32] = [], br: [Int32] = []
            index.candidates(start..<end, left: &bl, right: &br)
            guard let r = p.residual, !bl.isEmpty else { return .success((bl, br)) }
            var cols: [Column] = []
            cols.reserveCapacity(p.leftWidth + right.columns.count)
            for i in 0..<p.leftWidth { cols.append(need.contains(i) ? Selection.gather(leftColumns[i], bl) : leftColumns[i]) }
            for j in right.columns.indices { cols.append(need.contains(p.leftWidth + j) ? Selection.gather(right.columns[j], br) : right.columns[j]) }
            do throws(EvaluationError) {
                let keep = Selection.indices(where: try eval.evaluate(r, columns: cols, rowCount: bl.count))
                if keep.count != bl.count {
                    bl = keep.map { bl[Int($0)] }
                    br = keep.map { br[Int($0)] }
                }
                return .success((bl, br))
            } catch {
                return .failure(error)
            }
        }
        var pairsLeft: [Int32] = [], pairsRight: [Int32] = []
        let total = batches.reduce(0) { $0 + ((try? $1.get().0.count) ?? 0) }
        pairsLeft.reserveCapacity(total)
        pairsRight.reserveCapacity(total)
        for b in batches {
            let (bl, br) = try b.get()
            pairsLeft.append(contentsOf: bl)
            pairsRight.append(contentsOf: br)
        }
        return (pairsLeft, pairsRight)
    }
}
