import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file through a temporary file in the same folder, renamed over
/// the target only when every byte is written and synced: a failure never
/// leaves a partial file under the target name.
enum AtomicFile {
    /// Runs `body` with a sink to a temporary file, then moves it to `path`.
    /// `observer` is given every byte of the file, in order, on a thread of its
    /// own; the write returns only after it has seen the last one.
    /// `isCancelled` is polled after every write (and before the rename): once
    /// true the write stops, the temporary file is removed and `.cancelled`
    /// is thrown. `progress` is told the bytes written so far, starting with 0.
    static func write(to path: String, overwrite: Bool, observer: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
                      isCancelled: (@Sendable () -> Bool)? = nil, progress: (@Sendable (Int64) -> Void)? = nil,
                      _ body: (inout ByteSink) throws(WriteError) -> Void) throws(WriteError) -> Int64 {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw .isDirectory(path: path) }
            if !overwrite { throw .exists(path: path) }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: path, reason: "cannot create folder \(folder)")
        }
        var template = Array((folder + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var sink = ByteSink(fd: fd)
        sink.isCancelled = isCancelled
        sink.progress = progress
        let observing = observer.map { WriteObserverQueue($0) }
        sink.observer = observing
        var finished = false
        defer {
            // Lent blocks belong to the caller's frame: the observer is done with them before this returns.
            observing?.wait()
            if !finished { unlink(tempPath) }
        }
        progress?(0)
        do {
            try body(&sink)
        } catch {
            close(fd)
            throw error
        }
        sink.flush()
        if let code = sink.failure {
            close(fd)
            throw .writeFailed(path: path, reason: String(cString: strerror(code)))
        }
        if sink.cancelled || isCancelled?() == true {
            close(fd)
            throw .cancelled(path: path)
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            throw .writeFailed(path: path, reason: String(cString: strerror(code)))
        }
        _ = fchmod(fd, 0o644)
        close(fd)
        if !overwrite {
            // link() refuses an existing target atomically; fall back to a checked rename where links are unsupported.
            if link(tempPath, path) == 0 {
                unlink(tempPath)
                finished = true
                return sink.written
            }
            if errno == EEXIST { throw .exists(path: path) }
            if FileManager.default.fileExists(atPath: path) { throw .exists(path: path) }
        }
        guard rename(tempPath, path) == 0 else {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        finished = true
        return sink.written
    }
}
