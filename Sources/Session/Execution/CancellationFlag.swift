import Foundation

/// A flag that long-running work polls to stop early; safe to set from any thread.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    public init() {}

    /// True once `cancel()` was called (until `reset()`).
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Asks the running work to stop.
    public func cancel() {
        lock.lock()
        value = true
        lock.unlock()
    }

    /// Clears the flag before the next statement.
    public func reset() {
        lock.lock()
        value = false
        lock.unlock()
    }
}
