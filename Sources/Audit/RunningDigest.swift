import Crypto

/// SHA-256 of bytes handed over in pieces and in order (a file as it is
/// written), readable once the last piece is in.
public final class RunningDigest: @unchecked Sendable {
    private let lock = NSLockShim()
    private var hasher = SHA256()
    private var byteCount: Int64 = 0

    public init() {}

    /// Adds the next piece.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        lock.locked {
            hasher.update(bufferPointer: bytes)
            byteCount += Int64(bytes.count)
        }
    }

    /// The digest of everything added so far, as lower-case hex.
    public var hex: String { lock.locked { SHA256Hex.hex(hasher.finalize()) } }

    /// How many bytes were added.
    public var count: Int64 { lock.locked { byteCount } }
}
