/// A prefix operator.
public enum UnaryOperator: String, Sendable, Hashable {
    /// Arithmetic negation `-x`.
    case negate = "-"
    /// Logical negation `not x`.
    case not = "not"
}
