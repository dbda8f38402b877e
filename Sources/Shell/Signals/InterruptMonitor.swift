import Foundation

/// Turns Ctrl-C (SIGINT) into something the shell can act on.
///
/// The signal handler only records the interrupt and writes one byte to a
/// pipe (both async-signal-safe). At the prompt the shell reads the record
/// after libedit returns; while a statement runs, a watcher thread reading the
/// pipe calls the installed action (the session's cooperative cancel).
public final class InterruptMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var action: (@Sendable () -> Void)?

    /// Installs the SIGINT handler and starts the watcher thread.
    public init() {
        // A parent may have started us with SIGINT blocked; Ctrl-C must work.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            InterruptSignal.writeEnd = fds[1]
            let readEnd = fds[0]
            let thread = Thread { [weak self] in
                var byte: UInt8 = 0
                while true {
                    let n = read(readEnd, &byte, 1)
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 { return }
                    self?.fire()
                }
            }
            thread.name = "ipdr-interrupt"
            thread.start()
        }
        var sa = sigaction()
        sa.__sigaction_handler.sa_handler = interruptHandler
        sigemptyset(&sa.sa_mask)
        sa.sa_flags = SA_RESTART
        sigaction(SIGINT, &sa, nil)
    }

    /// True when Ctrl-C arrived since the last `clear()`.
    public var interrupted: Bool { InterruptSignal.pending != 0 }

    /// Forgets an earlier Ctrl-C.
    public func clear() { InterruptSignal.pending = 0 }

    /// Runs `body` with Ctrl-C calling `onInterrupt` (from another thread).
    public func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        lock.lock(); action = onInterrupt; lock.unlock()
        defer { lock.lock(); action = nil; lock.unlock() }
        return try body()
    }

    private func fire() {
        lock.lock()
        let a = action
        lock.unlock()
        a?()
    }
}

/// What the C signal handler may touch.
enum InterruptSignal {
    nonisolated(unsafe) static var pending: sig_atomic_t = 0
    nonisolated(unsafe) static var writeEnd: Int32 = -1
}

private func interruptHandler(_ signal: Int32) {
    let saved = errno
    InterruptSignal.pending = 1
    if InterruptSignal.writeEnd >= 0 {
        var byte: UInt8 = 1
        _ = write(InterruptSignal.writeEnd, &byte, 1)
    }
    errno = saved
}
