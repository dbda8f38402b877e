import Frames

/// Runs a `where` predicate one conjunct at a time, cheapest first. While many
/// rows survive, each conjunct is evaluated over whole columns and the masks
/// are and-ed; once few survive, later conjuncts are evaluated only over the
/// surviving rows (gathering just the columns they read). A point lookup such
/// as `public_port == P and public_ip == X and start_time <= T` thus costs one
/// integer scan plus work on a handful of rows.
struct ConjunctFilter {
    let evaluator: ExpressionEvaluator

    /// Rows of `state` for which `predicate` is true (null counts as false).
    func selection(_ predicate: Expr, over state: inout LazyFrame) throws(EvaluationError) -> [Int32] {
        let parts = Self.conjuncts(predicate).sorted { Self.cost($0) < Self.cost($1) }
        let n = state.rowCount
        var mask: Bitmap? = nil
        var rows: [Int32]? = nil
        for part in parts {
            if let current = rows {
                if current.isEmpty { return [] }
                var subset = state
                subset.select(current)
                let c = try evaluator.evaluate(part, columns: subset.columns(for: [part]), rowCount: current.count)
                let keep = Selection.indices(where: c)
                rows = keep.map { current[Int($0)] }
                continue
            }
            let c = try evaluator.evaluate(part, columns: state.columns(for: [part]), rowCount: n)
            var bits = Self.trueBits(c, n)
            if let m = mask { bits = bits & m }
            mask = bits
            if bits.setCount * 8 < n { rows = bits.setIndices() }
        }
        if let rows { return rows }
        return mask?.setIndices() ?? Array(0..<Int32(n))
    }

    /// The terms of a conjunction (`a and b and c` → `[a, b, c]`).
    static func conjuncts(_ e: Expr) -> [Expr] {
        if case .call(.and, let args, _) = e { return args.flatMap(conjuncts) }
        return [e]
    }

    /// A rough per-row cost: fixed-width comparisons first, strings and calls later.
    static func cost(_ e: Expr) -> Int {
        switch e {
        case .column(_, let t), .literal(_, let t):
            switch t {
            case .int, .timestamp, .duration, .float, .bool: return 1
            case .ip: return 2
            case .string: return 4
            }
        case .call(let f, let args, _):
            let own: Int
            switch f {
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .and, .or, .not, .isNull, .isNotNull:
                own = 0
            case .matches, .matchesCI, .replace: own = 50
            default: own = 8
            }
            return own + args.reduce(0) { $0 + cost($1) }
        }
    }

    /// Bits set where a bool column is true and not null.
    static func trueBits(_ c: Column, _ n: Int) -> Bitmap {
        guard case .bool(var bits) = c.values else { return Bitmap(count: n, value: false) }
        if let v = c.validity { bits = bits & v }
        return bits
    }
}
