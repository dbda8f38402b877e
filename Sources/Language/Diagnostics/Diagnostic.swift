/// A message about a place in a script: an error, a warning or a note, with an
/// optional hint (`did you mean 'dst_port'?`).
public struct Diagnostic: Sendable, Hashable, Error {
    /// How serious it is.
    public var severity: Severity
    /// The message, e.g. `unknown column 'dst_prt'`.
    public var message: String
    /// The primary place it refers to.
    public var span: SourceSpan
    /// A hint shown under the source line, if any.
    public var hint: String?

    /// A diagnostic.
    public init(_ severity: Severity = .error, _ message: String, span: SourceSpan, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.span = span
        self.hint = hint
    }

    /// An error diagnostic.
    public static func error(_ message: String, span: SourceSpan, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, span: span, hint: hint)
    }
}
