#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one-writer lock of a log: an exclusive `flock` on `LOG.lock`, which
/// also holds the holder's process id for the message a second writer gets.
final class AuditLock {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock of the log at `logPath`, waiting up to `wait` seconds
    /// for another holder to let go.
    static func acquire(logPath: String, wait: Double) throws(AuditError) -> AuditLock {
        let lockPath = logPath + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw .cannotOpen(path: logPath, reason: "lock file \(lockPath): \(SystemCalls.reason(errno))") }
        var waited = 0.0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let why = SystemCalls.reason(errno)
                close(fd)
                throw .cannotOpen(path: logPath, reason: "lock file \(lockPath): \(why)")
            }
            if waited >= wait {
                let holder = SystemCalls.read(fd, offset: 0, count: 32).flatMap {
                    Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: "\n "))
                }
                close(fd)
                throw .locked(path: logPath, holder: holder)
            }
            usleep(50_000)
            waited += 0.05
        }
        _ = ftruncate(fd, 0)
        _ = SystemCalls.writeAll(fd, Array("\(getpid())\n".utf8))
        return AuditLock(fd: fd)
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let drop = Set(set.utf8)
        let bytes = Array(utf8)
        var lo = 0, hi = bytes.count
        while lo < hi, drop.contains(bytes[lo]) { lo += 1 }
        while hi > lo, drop.contains(bytes[hi - 1]) { hi -= 1 }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
