import Frames

/// An expression as written, with its span.
public struct Expression: Sendable, Hashable {
    /// What kind of expression it is.
    public var kind: ExpressionKind
    /// Where it was written (the whole expression).
    public var span: SourceSpan

    /// An expression from its kind and span.
    public init(_ kind: ExpressionKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// The forms an expression takes. Literals are `Value`s: sizes are `.int`
/// (bytes), durations `.duration` (microseconds); a minus sign before a number
/// or duration literal is folded into the literal.
public indirect enum ExpressionKind: Sendable, Hashable {
    /// `42`, `1.5`, `"text"`, `true`, `null`, `10MB`, `30s`.
    case literal(Value)
    /// A column, possibly qualified (`left.ip`).
    case column(ColumnReference)
    /// A function call `name(arguments)`; aggregates are calls too.
    case call(name: Identifier, arguments: [Expression])
    /// `-x`, `not x`.
    case unary(UnaryOperator, Expression)
    /// `a + b`, `a == b`, `a and b`, ...
    case binary(BinaryOperator, Expression, Expression)
    /// `s contains "x"`, `s matches~ "re"`; `caseInsensitive` is the `~` form.
    case stringMatch(StringMatchOperator, caseInsensitive: Bool, Expression, Expression)
    /// `x in (a, b)`, `x not in (a, b)`.
    case inList(Expression, [Expression], negated: Bool)
    /// `x between low and high` (inclusive); `negated` for `not between`.
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// `x is null`, `x is not null` (`negated`).
    case isNull(Expression, negated: Bool)
}
