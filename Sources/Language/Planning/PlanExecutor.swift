import Frames

/// Runs plans over frames. Row selections (`where`, `sort`, `take`, `top`,
/// `distinct`) are kept as selection vectors and only the columns a later
/// operator reads are gathered, so `where … | count` gathers nothing.
public struct PlanExecutor: Sendable {
    /// The session zone and cancellation hook.
    public let context: EvaluationContext

    public init(context: EvaluationContext = EvaluationContext()) {
        self.context = context
    }

    /// Runs `plan`, looking its source frame up with `frames`.
    public func run(_ plan: Plan, frames: (String) -> Frame?) throws(EvaluationError) -> Frame {
        guard let source = frames(plan.source) else { throw .unknownFrame(name: plan.source) }
        return try run(plan, on: source, frames: frames)
    }

    /// Runs `plan` over `source` (the frame its source name stands for); `frames` finds the right frames of joins.
    public func run(_ plan: Plan, on source: Frame, frames: (String) -> Frame? = { _ in nil }) throws(EvaluationError) -> Frame {
        var state = LazyFrame(source)
        let eval = ExpressionEvaluator(context: context)
        for (position, step) in plan.steps.enumerated() {
            try context.checkCancellation()
            switch step.op {
            case .filter(let e):
                state.select(try ConjunctFilter(evaluator: eval).selection(e, over: &state))
            case .extend(let name, let e):
                let c = try eval.evaluate(e, columns: state.columns(for: [e]), rowCount: state.rowCount)
                state.setting(name, c)
            case .project(let cols):
                let inputs = state.columns(for: cols.map(\.expr))
                var out: [Column] = []
                for p in cols { out.append(try eval.evaluate(p.expr, columns: inputs, rowCount: state.rowCount)) }
                state = LazyFrame(Frame(fields: cols.map(\.field), columns: out, rowCount: state.rowCount))
            case .keep(let idx, let fields):
                state.keep(idx, fields)
            case .sort(let keys):
                let inputs = state.columns(for: keys.map(\.expr))
                var k: [Sorting.Key] = []
                for key in keys { k.append(Sorting.Key(try eval.evaluate(key.expr, columns: inputs, rowCount: state.rowCount), descending: key.descending)) }
                state.select(Sorting.order(k, rowCount: state.rowCount))
            case .take(let n):
                state.select((0..<Swift.min(n, state.rowCount)).map { Int32($0) })
            case .top(let n, let key):
                let c = try eval.evaluate(key.expr, columns: state.columns(for: [key.expr]), rowCount: state.rowCount)
                state.select(Sorting.top(n, [Sorting.Key(c, descending: key.descending)], rowCount: state.rowCount))
            case .distinct(let idx):
                let cols = state.columns(indices: idx)
                let first = Distinct.firstRows(idx.map { cols[$0] }, rowCount: state.rowCount)
                state.keep(idx, idx.map { state.fields[$0] })
                state.select(first)
            case .count:
                state = LazyFrame(Frame([("count", Column(.int([Int64(state.rowCount)])))]))
            case .summarize(let keys, let aggs):
                let inputs = state.columns(for: keys.map(\.expr) + aggs.compactMap(\.aggregate.argument))
                var kc: [(field: Field, column: Column)] = []
                for k in keys { kc.append((k.field, try eval.evaluate(k.expr, columns: inputs, rowCount: state.rowCount))) }
                var items: [Aggregation.Item] = []
                for a in aggs {
                    let input = try a.aggregate.argument.map { (x) throws(EvaluationError) in
                        try eval.evaluate(x, columns: inputs, rowCount: state.rowCount)
                    }
                    items.append(Aggregation.Item(name: a.name, aggregate: a.aggregate, input: input))
                }
                state = LazyFrame(try Aggregation.run(keys: kc, items: items, rowCount: state.rowCount, context: context))
            case .join(let j):
                guard let right = frames(j.rightFrame) else { throw .unknownFrame(name: j.rightFrame) }
                // `join … | count` needs the number of rows only, not their columns.
                var countOnly = false
                if position + 1 < plan.steps.count, case .count = plan.steps[position + 1].op { countOnly = true }
                state = try join(j, left: state, right: right, countOnly: countOnly)
            }
        }
        try context.checkCancellation()
        return state.materialized()
    }
}
