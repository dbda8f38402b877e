/// A syntax error in a script; every case carries the span it refers to.
public enum SyntaxError: Error, Sendable, Hashable, DiagnosticConvertible {
    /// A string literal with no closing quote on its line.
    case unterminatedString(SourceSpan)
    /// A backquoted identifier with no closing backquote on its line.
    case unterminatedIdentifier(SourceSpan)
    /// Two backquotes with nothing between them.
    case emptyIdentifier(SourceSpan)
    /// A number that is not well formed (`1_`, `2e`, `12abc`).
    case malformedNumber(String, SourceSpan)
    /// A number too large for a 64-bit integer.
    case numberOutOfRange(String, SourceSpan)
    /// A number followed by a unit that is neither a size nor a duration unit.
    case unknownUnit(String, number: String, SourceSpan)
    /// A size or duration that is not a whole number of bytes or microseconds (`0.5us`).
    case fractionalQuantity(String, SourceSpan)
    /// A character that starts no token.
    case unexpectedCharacter(String, SourceSpan)
    /// A `~` that does not directly follow `contains`, `startswith`, `endswith` or `matches`.
    case misplacedTilde(SourceSpan)
    /// Something other than what the grammar allows here.
    case expected(String, found: String, SourceSpan)
    /// A stage word that names no stage.
    case unknownStage(String, suggestion: String?, SourceSpan)
    /// `audit` followed by something other than `tail`, `verify`, `export` or `seal`.
    case unknownAuditCommand(String, suggestion: String?, SourceSpan)
    /// `join kind=` with an unknown kind.
    case unknownJoinKind(String, suggestion: String?, SourceSpan)
    /// A statement that needs a path and has none (`load`, `run`, ...).
    case missingPath(statement: String, SourceSpan)
    /// Parentheses, `not` or `-` nested deeper than the parser allows.
    case nestedTooDeeply(SourceSpan)

    /// Where the error is.
    public var span: SourceSpan {
        switch self {
        case .unterminatedString(let s), .unterminatedIdentifier(let s), .emptyIdentifier(let s),
             .malformedNumber(_, let s), .numberOutOfRange(_, let s), .unknownUnit(_, _, let s),
             .fractionalQuantity(_, let s), .unexpectedCharacter(_, let s), .misplacedTilde(let s),
             .expected(_, _, let s), .unknownStage(_, _, let s), .unknownAuditCommand(_, _, let s),
             .unknownJoinKind(_, _, let s), .missingPath(_, let s), .nestedTooDeeply(let s):
            return s
        }
    }

    /// The error as a diagnostic with message and hint.
    public var diagnostic: Diagnostic {
        switch self {
        case .unterminatedString(let s):
            return .error("unterminated string", span: s, hint: "close it with the same quote on this line")
        case .unterminatedIdentifier(let s):
            return .error("unterminated backquoted name", span: s, hint: "close it with ` on this line")
        case .emptyIdentifier(let s):
            return .error("empty backquoted name", span: s)
        case .malformedNumber(let t, let s):
            return .error("malformed number '\(t)'", span: s)
        case .numberOutOfRange(let t, let s):
            return .error("number '\(t)' is out of range", span: s, hint: "integers are 64-bit")
        case .unknownUnit(let u, let n, let s):
            return .error("unknown unit '\(u)' after \(n)", span: s,
                          hint: "sizes: KB MB GB TB KiB MiB GiB TiB; durations: us ms s m h d w")
        case .fractionalQuantity(let t, let s):
            return .error("'\(t)' is not a whole number of bytes or microseconds", span: s)
        case .unexpectedCharacter(let c, let s):
            return .error("unexpected character '\(c)'", span: s)
        case .misplacedTilde(let s):
            return .error("unexpected character '~'", span: s,
                          hint: "'~' only follows contains, startswith, endswith or matches, with no space")
        case .expected(let what, let found, let s):
            return .error("expected \(what), found \(found)", span: s)
        case .unknownStage(let name, let suggestion, let s):
            return .error("unknown stage '\(name)'", span: s, hint: suggestion.map { "did you mean '\($0)'?" })
        case .unknownAuditCommand(let name, let suggestion, let s):
            return .error("unknown audit command '\(name)'", span: s,
                          hint: suggestion.map { "did you mean '\($0)'?" } ?? "use audit tail, audit verify, audit export or audit seal")
        case .unknownJoinKind(let name, let suggestion, let s):
            return .error("unknown join kind '\(name)'", span: s,
                          hint: suggestion.map { "did you mean '\($0)'?" } ?? "kinds: inner, left, semi, anti")
        case .missingPath(let statement, let s):
            return .error("'\(statement)' needs a path", span: s)
        case .nestedTooDeeply(let s):
            return .error("expression nested too deeply", span: s, hint: "split it with extend")
        }
    }
}
