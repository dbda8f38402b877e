import Frames

/// A bound pipeline: the source frame and the operators to run, each with
/// expressions bound against the schema flowing into it.
public struct Plan: Sendable {
    /// The source frame's name.
    public var source: String
    /// The operators in order.
    public var steps: [PlanStep]
    /// The schema of the result.
    public var schema: [Field]
    /// What the final `chart` stage draws from the result, if the pipeline ends in one.
    public var chart: ChartPlan?

    public init(source: String, steps: [PlanStep], schema: [Field], chart: ChartPlan? = nil) {
        self.source = source
        self.steps = steps
        self.schema = schema
        self.chart = chart
    }
}

/// One operator and the span of the stage it came from.
public struct PlanStep: Sendable {
    public var op: PlanOperator
    public var span: SourceSpan
    public init(_ op: PlanOperator, span: SourceSpan) {
        self.op = op
        self.span = span
    }
}

/// An output column computed by an expression.
public struct ProjectedColumn: Sendable, Hashable {
    public var field: Field
    public var expr: Expr
    public init(field: Field, expr: Expr) {
        self.field = field
        self.expr = expr
    }
}

/// A sort key.
public struct OrderBy: Sendable, Hashable {
    public var expr: Expr
    public var descending: Bool
    public init(expr: Expr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

/// A named aggregate of `summarize`.
public struct NamedAggregate: Sendable, Hashable {
    public var name: String
    public var aggregate: AggregateExpr
    public init(name: String, aggregate: AggregateExpr) {
        self.name = name
        self.aggregate = aggregate
    }
}

/// The operators a plan is made of.
public enum PlanOperator: Sendable {
    /// Keep rows where the bool expression is true.
    case filter(Expr)
    /// Set a column (replace in place, or append) to an expression.
    case extend(name: String, expr: Expr)
    /// The output columns, each computed from the input (`select`).
    case project([ProjectedColumn])
    /// Keep the input columns at these indices under these fields (`exclude`, `rename`): no evaluation.
    case keep([Int], [Field])
    /// Stable sort by the keys, nulls last.
    case sort([OrderBy])
    /// The first N rows.
    case take(Int)
    /// The N first rows in the key's order.
    case top(Int, OrderBy)
    /// Unique combinations of the columns at these indices, first-seen order; output is those columns.
    case distinct([Int])
    /// One row, one column `count`.
    case count
    /// Group by the keys and aggregate; output sorted by the keys.
    case summarize(keys: [ProjectedColumn], aggregates: [NamedAggregate])
    /// Join with another frame.
    case join(JoinPlan)
}
