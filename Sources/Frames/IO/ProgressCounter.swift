import Foundation

/// A thread-safe running total of bytes parsed, for progress reports.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int64 = 0

    /// Adds `n` and returns the new total.
    func add(_ n: Int64) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        total += n
        return total
    }
}
