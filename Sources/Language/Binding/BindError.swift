import Frames

/// Why a pipeline does not bind; every case carries the span it refers to.
public enum BindError: Error, Sendable, Hashable, DiagnosticConvertible {
    /// No frame of this name.
    case unknownFrame(String, suggestion: String?, SourceSpan)
    /// No column of this name in the schema flowing into the stage.
    case unknownColumn(String, suggestion: String?, SourceSpan)
    /// Operand or argument types that do not fit (`cannot compare string with int`).
    case typeMismatch(String, SourceSpan)
    /// No function of this name.
    case unknownFunction(String, suggestion: String?, SourceSpan)
    /// A call with too few or too many arguments (the message says how many are allowed).
    case wrongArgumentCount(String, SourceSpan)
    /// An aggregate (`sum`, `count`, ...) used outside `summarize`.
    case aggregateOutsideSummarize(String, SourceSpan)
    /// A `summarize` item that is not an aggregate call.
    case notAnAggregate(SourceSpan)
    /// A string literal that does not read as the timestamp or ip it is compared with.
    case badLiteral(String, type: DataType, SourceSpan)
    /// A `take` / `top` count that is not a non-negative integer constant.
    case badCount(stage: String, SourceSpan)
    /// An argument that must be a constant (percentile's p) is not, or is out of range.
    case badConstant(String, SourceSpan)
    /// Two output columns with one name.
    case duplicateName(String, SourceSpan)
    /// A stage this engine does not run (`join`, analyzer calls).
    case unsupportedStage(String, SourceSpan)
    /// A `left.`/`right.` qualified column outside a join condition.
    case qualifiedColumn(String, SourceSpan)
    /// A regular expression, zone or CIDR constant that is not valid.
    case invalidConstant(String, SourceSpan)
    /// A join condition or option that cannot be used (ambiguous name, unsupported term, ...).
    case join(String, hint: String?, SourceSpan)
    /// A `chart` stage that cannot be drawn (unknown kind or argument, wrong column type, not last).
    case chart(String, hint: String?, SourceSpan)

    /// Where the error is.
    public var span: SourceSpan {
        switch self {
        case .unknownFrame(_, _, let s), .unknownColumn(_, _, let s), .typeMismatch(_, let s),
             .unknownFunction(_, _, let s), .wrongArgumentCount(_, let s), .aggregateOutsideSummarize(_, let s),
             .notAnAggregate(let s), .badLiteral(_, _, let s), .badCount(_, let s), .badConstant(_, let s),
             .duplicateName(_, let s), .unsupportedStage(_, let s), .qualifiedColumn(_, let s), .invalidConstant(_, let s),
             .join(_, _, let s), .chart(_, _, let s):
            return s
        }
    }

    /// The message, without the hint.
    public var message: String {
        switch self {
        case .unknownFrame(let n, _, _): return "unknown frame '\(n)'"
        case .unknownColumn(let n, _, _): return "unknown column '\(n)'"
        case .typeMismatch(let m, _): return m
        case .unknownFunction(let n, _, _): return "unknown function '\(n)'"
        case .wrongArgumentCount(let m, _): return m
        case .aggregateOutsideSummarize(let n, _): return "aggregate '\(n)' can only be used in summarize"
        case .notAnAggregate: return "summarize expects aggregates such as count() or sum(x) before 'by'"
        case .badLiteral(let t, let type, _): return "\"\(t)\" is not a valid \(type)"
        case .badCount(let stage, _): return "\(stage) needs a non-negative whole number"
        case .badConstant(let m, _): return m
        case .duplicateName(let n, _): return "duplicate column name '\(n)'"
        case .unsupportedStage(let n, _): return "the '\(n)' stage is not supported here"
        case .qualifiedColumn(let n, _): return "qualified column '\(n)' is only allowed in join conditions"
        case .invalidConstant(let m, _): return m
        case .join(let m, _, _), .chart(let m, _, _): return m
        }
    }

    /// A hint for the user, when there is one.
    public var hint: String? {
        switch self {
        case .unknownFrame(_, let s?, _), .unknownColumn(_, let s?, _), .unknownFunction(_, let s?, _):
            return "did you mean '\(s)'?"
        case .unknownFrame(_, nil, _): return "use 'frames' to list the loaded frames"
        case .aggregateOutsideSummarize: return "use it in 'summarize', e.g. summarize count() by msisdn"
        case .notAnAggregate: return "write 'summarize count() by COLUMN' or name the aggregate: total = sum(bytes_up)"
        case .badLiteral(_, .timestamp, _): return "write timestamps like \"2026-03-14 10:00:00\" or \"2026-03-14T10:00:00+05:30\""
        case .badLiteral(_, .ip, _): return "write addresses like \"157.240.1.1\" or \"2001:db8::1\""
        case .duplicateName: return "give one of them another name with name = ..."
        case .join(_, let h, _), .chart(_, let h, _): return h
        default: return nil
        }
    }

    /// The error as a diagnostic.
    public var diagnostic: Diagnostic { .error(message, span: span, hint: hint) }
}
