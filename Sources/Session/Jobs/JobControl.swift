import Foundation

/// What a statement's work shares with the session while it runs, possibly
/// on another thread: its cancellation flag and its progress. Lock-protected.
final class JobControl: @unchecked Sendable {
    /// Set by `cancel N` (a job) or Ctrl-C (a statement in the foreground).
    let flag: CancellationFlag
    private let lock = NSLock()
    private var done: Int64 = 0
    private var total: Int64 = 0
    private var reported = false
    private var finishedAt: UInt64?
    private let forward: (@Sendable (Int64, Int64) -> Void)?
    private let gate: (@Sendable () -> Void)?

    /// Work reporting progress to `forward` (the shell's progress line) and
    /// calling `gate` after each report (a test holds a job there).
    init(flag: CancellationFlag, forward: (@Sendable (Int64, Int64) -> Void)? = nil, gate: (@Sendable () -> Void)? = nil) {
        self.flag = flag
        self.forward = forward
        self.gate = gate
    }

    /// True once the work was asked to stop.
    var isCancelled: Bool { flag.isCancelled }

    /// Records progress: bytes (or rows) done of `total` (0 = unknown).
    func report(done: Int64, total: Int64) {
        lock.lock()
        self.done = done
        self.total = total
        reported = true
        lock.unlock()
        forward?(done, total)
        gate?()
    }

    /// Called on the job's thread before its work begins.
    func begin() {
        gate?()
    }

    /// The last progress reported, or nil when none was.
    var progress: (done: Int64, total: Int64)? {
        lock.lock()
        defer { lock.unlock() }
        return reported ? (done, total) : nil
    }

    /// Marks the work finished (its result is ready to be taken).
    func finish() {
        lock.lock()
        finishedAt = DispatchTime.now().uptimeNanoseconds
        lock.unlock()
    }

    /// When the work finished (uptime nanoseconds), or nil while it runs.
    var finished: UInt64? {
        lock.lock()
        defer { lock.unlock() }
        return finishedAt
    }
}
