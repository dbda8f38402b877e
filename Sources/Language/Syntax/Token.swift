/// One token of a script, with its span.
public struct Token: Sendable, Hashable {
    /// What was read.
    public var kind: TokenKind
    /// Where it was read.
    public var span: SourceSpan

    /// A token.
    public init(_ kind: TokenKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The word's text, when this is a plain word.
    public var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    /// True when this is the plain word `w`.
    public func isWord(_ w: String) -> Bool { word == w }

    /// True when this is the symbol `s`.
    public func isSymbol(_ s: Symbol) -> Bool {
        if case .symbol(let x) = kind { return x == s }
        return false
    }

    /// True at a statement separator or the end of input.
    public var endsStatement: Bool {
        switch kind {
        case .separator, .end: return true
        default: return false
        }
    }

    /// How the token is named in "expected X, found Y" messages.
    public var displayName: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .quotedIdentifier(let w): return "`\(w)`"
        case .integer(let v): return "number \(v)"
        case .float(let v): return "number \(v)"
        case .duration: return "duration"
        case .string: return "string"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .separator: return "end of statement"
        case .end: return "end of input"
        case .invalid: return "invalid token"
        }
    }
}

/// The kinds of token. Keywords are plain words: the parser gives them
/// meaning by position, so `count` or `status` can still name columns.
public enum TokenKind: Sendable, Hashable {
    /// `[A-Za-z_][A-Za-z0-9_]*`.
    case word(String)
    /// Text in backquotes, without them.
    case quotedIdentifier(String)
    /// An integer; sizes (`10MB`) are integers in bytes.
    case integer(Int64)
    /// A float (`1.5`, `2e6`).
    case float(Double)
    /// A duration in microseconds (`500ms`, `1.5h`).
    case duration(Int64)
    /// A string literal's contents, escapes resolved.
    case string(String)
    /// An operator or punctuation.
    case symbol(Symbol)
    /// A newline or `;` that ends a statement.
    case separator
    /// The end of the input.
    case end
    /// Text that forms no valid token, with the reason.
    case invalid(SyntaxError)
}
