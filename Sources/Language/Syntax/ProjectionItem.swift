/// An item of `select`, `summarize` aggregates and `by` keys: `col`, `EXPR`, or `name = EXPR`.
public struct ProjectionItem: Sendable, Hashable {
    /// The output name when written as `name = EXPR`.
    public var name: Identifier?
    /// The expression (a plain column reference for `col`).
    public var expression: Expression
    /// The whole item.
    public var span: SourceSpan

    /// A projection item.
    public init(name: Identifier?, expression: Expression, span: SourceSpan) {
        self.name = name
        self.expression = expression
        self.span = span
    }
}
