#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only and mapped into memory for the lifetime of the value.
///
/// The bytes are immutable while mapped (the mapping is private and
/// read-only), so sharing the pointer across worker threads is safe.
final class MappedFile: @unchecked Sendable {
    /// The path as given.
    let path: String
    /// The first byte (nil for an empty file).
    let base: UnsafePointer<UInt8>?
    /// The file size in bytes.
    let count: Int

    /// Opens and maps `path`, turning the usual failures into load errors.
    init(path: String) throws(LoadError) {
        self.path = path
        var st = stat()
        if stat(path, &st) != 0 {
            throw MappedFile.openError(errno, path)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw MappedFile.openError(errno, path) }
        defer { close(fd) }
        var fst = stat()
        guard fstat(fd, &fst) == 0 else { throw MappedFile.openError(errno, path) }
        let size = Int(fst.st_size)
        count = size
        if size == 0 {
            base = nil
            return
        }
        let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        if m == MAP_FAILED || m == nil {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        #if canImport(Glibc)
        _ = madvise(m, size, MADV_SEQUENTIAL)
        #endif
        base = UnsafePointer(m!.assumingMemoryBound(to: UInt8.self))
    }

    /// Bytes made in memory (a converted spreadsheet sheet) presented as a
    /// read-only mapping under `path`, so that the readers of mapped files read
    /// them unchanged; the copy lives in anonymous pages released like a file mapping.
    init(path: String, contents: [UInt8]) throws(LoadError) {
        self.path = path
        count = contents.count
        guard !contents.isEmpty else {
            base = nil
            return
        }
        let m = mmap(nil, contents.count, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let m, m != MAP_FAILED else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        contents.withUnsafeBytes { src in
            if let from = src.baseAddress { m.copyMemory(from: from, byteCount: src.count) }
        }
        _ = mprotect(m, contents.count, PROT_READ)
        base = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
    }

    static func openError(_ code: Int32, _ path: String) -> LoadError {
        switch code {
        case ENOENT, ENOTDIR: return .missingFile(path: path)
        case EACCES, EPERM: return .permissionDenied(path: path)
        case EISDIR: return .isDirectory(path: path)
        default: return .unreadable(path: path, reason: String(cString: strerror(code)))
        }
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// True when the first block (64 KiB) holds a NUL byte.
    /// The mapped bytes (empty for an empty file).
    var rawBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count) }

    var looksBinary: Bool {
        guard let base else { return false }
        return memchr(base, 0, min(count, 65_536)) != nil
    }

    /// The number of bytes of a UTF-8 byte order mark at the start (0 or 3).
    var bomLength: Int {
        guard let base, count >= 3 else { return 0 }
        return base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
    }
}
