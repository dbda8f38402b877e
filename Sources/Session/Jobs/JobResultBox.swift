import Foundation

/// The outcome of a job's work, handed from the job's thread to the session's.
final class JobResultBox<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<Output, StatementError>?

    /// Stores the outcome (job thread).
    func set(_ result: Result<Output, StatementError>) {
        lock.lock()
        value = result
        lock.unlock()
    }

    /// Takes the outcome (session thread); nil when there is none yet.
    func take() -> Result<Output, StatementError>? {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value = nil
        return v
    }
}
