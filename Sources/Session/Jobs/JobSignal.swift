import Foundation

/// Wakes the session when a job's work finishes (for `wait`).
final class JobSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0

    /// Says that some job finished (job thread).
    func notify() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until some job finishes after `seen` (the count read before) or `seconds` pass; returns the new count.
    func wait(after seen: Int, seconds: Double) -> Int {
        condition.lock()
        defer { condition.unlock() }
        if count == seen { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
        return count
    }

    /// How many jobs finished so far.
    var finishedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }
}
