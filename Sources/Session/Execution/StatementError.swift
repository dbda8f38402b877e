import Frames
import Language

/// Why a statement failed.
public enum StatementError: Error, Sendable {
    /// A syntax or binding error at a place in the statement.
    case diagnostic(Diagnostic)
    /// A data file could not be read; the error names the file, line and column.
    case load(LoadError)
    /// A result could not be written.
    case write(WriteError)
    /// A script file named by `run` could not be read.
    case scriptUnreadable(path: String, reason: String, span: SourceSpan)
    /// The statement was cancelled.
    case cancelled
    /// A nested script failed and has reported its own errors.
    case alreadyReported
    /// An `audit` statement could not do its work (the message says why).
    case audit(String)
    /// A job that `wait` waited for failed or was cancelled (its notice said why).
    case jobsFailed(String)
}
