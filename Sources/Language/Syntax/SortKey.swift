/// `EXPR [asc|desc]` in `sort` and `top ... by`.
public struct SortKey: Sendable, Hashable {
    /// The sort expression.
    public var expression: Expression
    /// The direction written, or nil when none was (sort defaults to ascending, top to descending).
    public var direction: SortDirection?
    /// The whole key including the direction word.
    public var span: SourceSpan

    /// A sort key.
    public init(expression: Expression, direction: SortDirection?, span: SourceSpan) {
        self.expression = expression
        self.direction = direction
        self.span = span
    }
}

/// `asc` or `desc`.
public enum SortDirection: String, Sendable, Hashable {
    case ascending = "asc"
    case descending = "desc"
}
