#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor (remembering its first failure), or
/// to memory (`collected`).
struct ByteSink {
    let fd: Int32
    private let toMemory: Bool
    private var buffer: [UInt8] = []
    /// Everything written, when writing to memory.
    private(set) var collected: [UInt8] = []
    private(set) var written: Int64 = 0
    /// The errno of the first failed write, if any.
    private(set) var failure: Int32?
    /// Bytes taken so far (written or buffered).
    var position: Int { Int(written) + buffer.count }
    /// Sees every byte written to the file, in order.
    var observer: WriteObserverQueue?
    /// Polled after each write to the file; once true, the rest is dropped (`cancelled`).
    var isCancelled: (@Sendable () -> Bool)?
    /// Told the bytes written so far after each write to the file.
    var progress: (@Sendable (Int64) -> Void)?
    /// True once `isCancelled` said so: nothing more reaches the file.
    private(set) var cancelled = false

    static let capacity = 1 << 20

    init(fd: Int32) {
        self.fd = fd
        toMemory = false
        buffer.reserveCapacity(ByteSink.capacity + 4096)
    }

    /// A sink that keeps the bytes in `collected`.
    static func memory() -> ByteSink {
        ByteSink(memory: ())
    }

    private init(memory: Void) {
        fd = -1
        toMemory = true
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer.append(b)
        if buffer.count >= ByteSink.capacity { flush() }
    }

    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: b)
        if buffer.count >= ByteSink.capacity { flush() }
    }

    /// Writes a large block: buffered bytes first, then the block straight
    /// from its memory (no copy) when writing to a file.
    mutating func block(_ b: UnsafeRawBufferPointer) {
        guard b.count >= ByteSink.capacity / 4, !toMemory, let base = b.baseAddress else {
            bytes(UnsafeBufferPointer(start: b.baseAddress?.assumingMemoryBound(to: UInt8.self), count: b.count))
            return
        }
        flush()
        guard failure == nil, !cancelled else { return }
        observer?.lend(b)
        var offset = 0
        while offset < b.count {
            let n = write(fd, base + offset, b.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                observer?.wait()
                return
            }
            offset += n
        }
        written += Int64(offset)
        // The block is the caller's memory, valid only during this call: the observer finishes with it first.
        observer?.wait()
        reportProgress()
    }

    /// Reports the bytes written and notes a cancellation.
    private mutating func reportProgress() {
        progress?(written)
        if let isCancelled, isCancelled() { cancelled = true }
    }

    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { bytes($0) }
    }

    /// Decimal digits of an integer.
    mutating func int(_ v: Int64) {
        if v == 0 { byte(48); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 {
                d[19 - count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            }
        }
        if v < 0 { byte(45) }
        withUnsafeBytes(of: &digits) { d in
            bytes(UnsafeBufferPointer(rebasing: d.bindMemory(to: UInt8.self)[(20 - count)...]))
        }
    }

    /// Writes out the buffer.
    mutating func flush() {
        if toMemory {
            collected.append(contentsOf: buffer)
            written += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        guard failure == nil, !cancelled else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        let total = buffer.count
        buffer.withUnsafeBytes { raw in
            observer?.copy(raw)
            guard let base = raw.baseAddress else { return }
            while offset < total {
                let n = write(fd, base + offset, total - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        written += Int64(offset)
        buffer.removeAll(keepingCapacity: true)
        reportProgress()
    }
}
