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
                state = LazyFrame(state.materialized().setting(name, c))
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
                state = LazyFrame(try join(j, left: state.materialized(), right: right, countOnly: countOnly))
            }
        }
        try context.checkCancellation()
        return state.materialized()
    }
}

/// A frame plus a pending selection vector; columns are gathered on demand.
struct LazyFrame {
    private(set) var base: Frame
    private(set) var selection: [Int32]?
    private(set) var fields: [Field]
    /// Base column index of every current column.
    private var mapping: [Int]
    private var gathered: [Int: Column] = [:]

    init(_ f: Frame) {
        base = f
        selection = nil
        fields = f.fields
        mapping = Array(f.columns.indices)
    }

    var rowCount: Int { selection?.count ?? base.rowCount }

    /// Applies a selection over the current rows.
    mutating func select(_ rows: [Int32]) {
        if let s = selection {
            selection = rows.map { s[Int($0)] }
        } else {
            selection = rows
        }
        gathered = [:]
    }

    /// Keeps the current columns at `idx` under new fields.
    mutating func keep(_ idx: [Int], _ newFields: [Field]) {
        var g: [Int: Column] = [:]
        for (k, i) in idx.enumerated() { if let c = gathered[i] { g[k] = c } }
        mapping = idx.map { mapping[$0] }
        fields = newFields
        gathered = g
    }

    /// Current column `i`, gathered through the selection.
    mutating func column(_ i: Int) -> Column {
        if let c = gathered[i] { return c }
        let c0 = base.columns[mapping[i]]
        let c = selection.map { Selection.gather(c0, $0) } ?? c0
        gathered[i] = c
        return c
    }

    /// Columns for evaluating `exprs`: the referenced ones gathered, others left as
    /// placeholders of the wrong length (expressions never read them).
    mutating func columns(for exprs: [Expr]) -> [Column] {
        var need = Set<Int>()
        for e in exprs { need.formUnion(e.referencedColumns) }
        return columns(indices: Array(need))
    }

    mutating func columns(indices need: [Int]) -> [Column] {
        var out: [Column] = []
        out.reserveCapacity(fields.count)
        let needed = Set(need)
        for i in fields.indices {
            out.append(needed.contains(i) ? column(i) : base.columns[mapping[i]])
        }
        return out
    }

    /// Every current column gathered.
    mutating func materialized() -> Frame {
        var cols: [Column] = []
        for i in fields.indices { cols.append(column(i)) }
        return Frame(fields: fields.indices.map { Field(fields[$0].name, cols[$0].type, sourceName: fields[$0].sourceName) },
                     columns: cols, rowCount: rowCount)
    }
}
