/// The result of parsing a script: every statement in order (including ones
/// with errors) and all diagnostics.
public struct ParsedScript: Sendable {
    /// The file that was parsed.
    public var file: SourceFile
    /// Every statement in source order; those with syntax errors have `statement == nil`.
    public var statements: [ParsedStatement]
    /// All diagnostics of all statements, in source order.
    public var diagnostics: [Diagnostic]

    /// A parsed script.
    public init(file: SourceFile, statements: [ParsedStatement], diagnostics: [Diagnostic]) {
        self.file = file
        self.statements = statements
        self.diagnostics = diagnostics
    }

    /// True when some diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
