/// `chart KIND name=EXPR ...`: the last stage of a pipeline, drawing its result
/// (`chart bar x=msisdn y=n`, `chart timeline time=start_time step=1h`).
public struct ChartClause: Sendable, Hashable {
    /// The chart kind as written (`bar`, `timeline`, `histogram`); the binder checks it.
    public var kind: Identifier
    /// The named arguments, in the order written.
    public var arguments: [NamedArgument]

    /// A chart clause.
    public init(kind: Identifier, arguments: [NamedArgument]) {
        self.kind = kind
        self.arguments = arguments
    }
}
