#if canImport(Glibc)
import Glibc
#endif

/// Drops already-parsed pages of a read-only file mapping from the process's
/// resident memory. The pages stay in the page cache, so a later read (an
/// error message quoting a line, a second pass) faults them back in; peak
/// memory of a load then tracks the parsed columns, not the file size.
enum PageRelease {
    /// Bytes parsed between two releases.
    static let stride = 8 << 20

    static let pageSize: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 4096
        #endif
    }()

    /// Releases whole pages inside `[from, to)` of the mapping starting at `base`
    /// (which is page-aligned, as mmap returns it).
    static func release(_ base: UnsafePointer<UInt8>, from: Int, to: Int) {
        #if canImport(Glibc)
        let page = pageSize
        let lo = (from + page - 1) / page * page
        let hi = to / page * page
        guard hi > lo else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, MADV_DONTNEED)
        #endif
    }
}
