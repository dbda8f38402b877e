import Frames

/// The value of a `with K=V` option or of `set KEY = VALUE`: a literal or a bare word.
public struct OptionValue: Sendable, Hashable {
    /// The value.
    public var kind: OptionValueKind
    /// Where it was written.
    public var span: SourceSpan

    /// An option value.
    public init(_ kind: OptionValueKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The value as text: a string literal's contents, a bare word, or a literal's plain rendering.
    public var text: String {
        switch kind {
        case .literal(let v): return v.description
        case .word(let w): return w
        }
    }
}

/// A literal (string, number, size, duration, bool, null) or a bare word (`skip`, `Asia/Kolkata`).
public enum OptionValueKind: Sendable, Hashable {
    case literal(Value)
    case word(String)
}
