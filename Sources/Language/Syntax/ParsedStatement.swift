/// One statement of a script as parsed: the AST (nil when it had syntax
/// errors), its diagnostics, its span, and its exact text as typed.
public struct ParsedStatement: Sendable {
    /// The statement, or nil when it could not be parsed (see `diagnostics`).
    public var statement: Statement?
    /// Syntax errors found in this statement.
    public var diagnostics: [Diagnostic]
    /// From the first to the last token of the statement (continuation lines included).
    public var span: SourceSpan
    /// The source text of `span`, exactly as typed (what the audit log records).
    public var text: String
    /// The 1-based line on which the statement starts.
    public var line: Int
    /// The span of the `&` that ends a statement run as a background job, or
    /// nil; `span` and `text` stop before it.
    public var background: SourceSpan?

    /// A parsed statement.
    public init(statement: Statement?, diagnostics: [Diagnostic], span: SourceSpan, text: String, line: Int,
                background: SourceSpan? = nil) {
        self.statement = statement
        self.diagnostics = diagnostics
        self.span = span
        self.text = text
        self.line = line
        self.background = background
    }

    /// True when the statement parsed without errors.
    public var isValid: Bool { statement != nil && !diagnostics.contains { $0.severity == .error } }
}
