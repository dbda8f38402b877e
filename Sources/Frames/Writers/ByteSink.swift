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
    private let buffer: ByteBuffer
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
        buffer = ByteBuffer(capacity: ByteSink.capacity + 4096)
    }

    /// A sink that keeps the bytes in `collected`, with room for `capacity` bytes before it grows.
    static func memory(capacity: Int = 4096) -> ByteSink {
        ByteSink(memoryCapacity: capacity)
    }

    private init(memoryCapacity: Int) {
        fd = -1
        toMemory = true
        buffer = ByteBuffer(capacity: memoryCapacity)
    }

    /// The bytes a memory sink holds, without copying them out (nothing must have been flushed).
    func withMemoryBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        precondition(toMemory && collected.isEmpty, "withMemoryBytes is for unflushed memory sinks")
        return body(buffer.bytes)
    }

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        buffer.append(b)
        if buffer.count >= ByteSink.capacity, !toMemory { flush() }
    }

    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        buffer.append(b)
        if buffer.count >= ByteSink.capacity, !toMemory { flush() }
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
        if v < 0 { buffer.append(45) }
        withUnsafeBytes(of: &digits) { d in
            for k in (20 - count)..<20 { buffer.append(d[k]) }
        }
        if buffer.count >= ByteSink.capacity, !toMemory { flush() }
    }

    /// Writes out the buffer.
    mutating func flush() {
        if toMemory {
            // A memory sink grows its buffer without limit; the first flush hands it over without a copy.
            written += Int64(buffer.count)
            collected.append(contentsOf: buffer.bytes)
            buffer.removeAll()
            return
        }
        guard failure == nil, !cancelled else { buffer.removeAll(); return }
        var offset = 0
        let raw = buffer.bytes
        let total = raw.count
        observer?.copy(raw)
        if let base = raw.baseAddress {
            while offset < total {
                let n = write(fd, base + offset, total - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                offset += n
            }
        }
        written += Int64(offset)
        buffer.removeAll()
        reportProgress()
    }
}
