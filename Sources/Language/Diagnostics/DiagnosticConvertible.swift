/// An error that can be shown as a `Diagnostic` (syntax errors, bind errors).
public protocol DiagnosticConvertible {
    /// The diagnostic describing this error.
    var diagnostic: Diagnostic { get }
}

extension Diagnostic: DiagnosticConvertible {
    /// The diagnostic itself.
    public var diagnostic: Diagnostic { self }
}
