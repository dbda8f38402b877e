#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C calls the audit log makes, in one place, each returning the errno
/// text on failure.
enum SystemCalls {
    /// The text of an errno value.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Writes all of `bytes` at the end of `fd`. On a short or failed write
    /// returns the reason (and how much got out).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> (written: Int, error: String?) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + done, raw.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return (done, reason(errno))
            }
            if n == 0 { return (done, "nothing was written") }
            done += n
        }
        return (done, nil)
    }

    /// Flushes `fd` to stable storage.
    static func sync(_ fd: Int32) -> String? {
        fsync(fd) == 0 ? nil : reason(errno)
    }

    /// Flushes the directory holding `path` (so a newly created file's name is stable).
    static func syncDirectory(of path: String) -> String? {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(dir.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : dir, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return reason(errno) }
        defer { close(fd) }
        return sync(fd)
    }

    /// The size of an open file, or nil when it is not a regular file.
    static func regularFileSize(_ fd: Int32) -> Int64? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(st.st_size)
    }

    /// Reads `count` bytes at `offset`.
    static func read(_ fd: Int32, offset: Int64, count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            done += n
        }
        return done == count ? out : Array(out[0..<done])
    }

    /// Shortens a file to `length` bytes.
    static func truncate(_ fd: Int32, to length: Int64) -> String? {
        ftruncate(fd, off_t(length)) == 0 ? nil : reason(errno)
    }

    /// Opens `path`: the descriptor, or -1 with `errno` set.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0) -> Int32 {
        open(path, flags, mode)
    }

    /// Appends `bytes` to `path` (created with mode 0600) and flushes it.
    static func appendDurably(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { return reason(errno) }
        defer { close(fd) }
        if let e = writeAll(fd, bytes).error { return e }
        return sync(fd)
    }

    /// Creates a new file (never replacing one) with mode 0600, writes `bytes` and flushes it.
    static func createFile(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 { return reason(errno) }
        defer { close(fd) }
        if let e = writeAll(fd, bytes).error { return e }
        if let e = sync(fd) { return e }
        return syncDirectory(of: path)
    }
}
