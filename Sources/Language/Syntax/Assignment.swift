/// `name = EXPR`, as in `extend`.
public struct Assignment: Sendable, Hashable {
    /// The column being set.
    public var name: Identifier
    /// Its value.
    public var expression: Expression
    /// The whole assignment.
    public var span: SourceSpan

    /// An assignment.
    public init(name: Identifier, expression: Expression, span: SourceSpan) {
        self.name = name
        self.expression = expression
        self.span = span
    }
}
