import Dispatch

/// Splits row ranges across the machine's cores.
enum Parallel {
    /// Below this many rows work runs on the calling thread.
    static let threshold = 1 << 16

    /// Number of worker chunks for `n` rows.
    static func chunkCount(_ n: Int) -> Int {
        n < threshold ? 1 : Swift.min(Swift.max(ProcessInfoCores.count, 1) * 2, Swift.max(1, n / (threshold / 2)))
    }

    /// Runs `body` over consecutive ranges covering `0..<n`; every range but the
    /// last starts and ends on a multiple of 64 (so bitmap words are not shared).
    static func forEachRange(_ n: Int, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(n)
        if chunks <= 1 {
            body(0..<n)
            return
        }
        let size = ((n + chunks - 1) / chunks + 63) & ~63
        let pieces = (n + size - 1) / size
        withoutActuallyEscaping(body) { b in
            let box = UncheckedBox(b)
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                let lo = k * size
                box.value(lo..<Swift.min(n, lo + size))
            }
        }
    }
}

/// Carries a value across threads where the caller guarantees the accesses do not overlap.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The number of active processors.
enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#endif
