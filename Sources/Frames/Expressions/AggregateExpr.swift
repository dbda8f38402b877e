/// A bound aggregate: the function, its argument (absent for `count()`),
/// the percentile parameter, and the result type.
public struct AggregateExpr: Sendable, Hashable {
    public let function: AggregateFunction
    /// The expression aggregated, over the summarize stage's input columns.
    public let argument: Expr?
    /// For `percentile` the p in 0...100; for `median` 50.
    public let percentile: Double?
    /// The result type.
    public let type: DataType

    public init(function: AggregateFunction, argument: Expr?, percentile: Double? = nil, type: DataType) {
        self.function = function
        self.argument = argument
        self.percentile = percentile
        self.type = type
    }
}
