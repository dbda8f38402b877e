import Crypto

/// SHA-256 of a file's bytes as a reader hands them over, usable from the
/// reader's hashing thread; the result is read after the read returns.
public final class StreamingDigest: @unchecked Sendable {
    private let lock = NSLockShim()
    private var result: String?
    private var byteCount: Int64 = 0
    private let isCancelled: @Sendable () -> Bool

    /// A digest that stops early (leaving no result) when `isCancelled` turns true.
    public init(isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.isCancelled = isCancelled
    }

    /// Hashes all of `bytes` in slices of 4 MiB.
    public func consume(_ bytes: UnsafeRawBufferPointer) {
        var h = SHA256()
        let slice = 4 << 20
        var at = 0
        while at < bytes.count {
            if isCancelled() { return }
            let end = min(bytes.count, at + slice)
            h.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[at..<end]))
            at = end
        }
        let hex = SHA256Hex.hex(h.finalize())
        lock.locked {
            result = hex
            byteCount = Int64(bytes.count)
        }
    }

    /// The digest, once `consume` has finished.
    public var hex: String? { lock.locked { result } }

    /// How many bytes were hashed.
    public var count: Int64 { lock.locked { byteCount } }
}
