/// The buffers of a compressed Arrow record batch, decompressed into one
/// block: each compressed buffer starts with its uncompressed length (int64,
/// -1 for a buffer stored as it is), then the LZ4 frame or zstd data.
final class ArrowDecompressedBody {
    /// The block holding every buffer, each at an 8-aligned offset.
    let storage: UnsafeMutableRawBufferPointer
    /// Each buffer's (offset, length) in `storage`.
    let buffers: [(offset: Int, length: Int)]

    /// Buffers of more than this many bytes, or batches of more than
    /// `largestBatch` decompressed, are taken for damage.
    static let largestBuffer = Int(Int32.max)
    static let largestBatch = 1 << 34

    init(codec: Compression, buffers compressed: [(offset: Int, length: Int)], body: UnsafeRawBufferPointer) throws(ArrowFormatError) {
        var sizes: [Int] = []
        var stored: [Bool] = []
        for b in compressed {
            guard b.length > 0 else {
                sizes.append(0)
                stored.append(false)
                continue
            }
            guard b.length >= 8 else { throw .damaged("a compressed buffer of \(b.length) bytes has no length prefix") }
            let n = Int64(littleEndian: body.loadUnaligned(fromByteOffset: b.offset, as: Int64.self))
            stored.append(n == -1)
            if n == -1 {
                sizes.append(b.length - 8)
            } else {
                guard n >= 0, n <= Self.largestBuffer else { throw .damaged("a compressed buffer announces \(n) bytes") }
                sizes.append(Int(n))
            }
        }
        var layout: [(offset: Int, length: Int)] = []
        var total = 0
        for n in sizes {
            layout.append((total, n))
            total += (n + 7) & ~7
        }
        guard total <= Self.largestBatch else { throw .damaged("a compressed batch announces \(total) bytes") }
        storage = .allocate(byteCount: max(total, 8), alignment: 8)
        buffers = layout
        do {
            for (i, b) in compressed.enumerated() where sizes[i] > 0 {
                let source = UnsafeRawBufferPointer(rebasing: body[(b.offset + 8)..<(b.offset + b.length)])
                let target = UnsafeMutableRawBufferPointer(rebasing: storage[layout[i].offset..<(layout[i].offset + sizes[i])])
                if stored[i] {
                    target.copyMemory(from: source)
                } else {
                    try codec.decompress(source, into: target)
                }
            }
        } catch let failure as Compression.Failure {
            // Fully initialised: deinit releases `storage`.
            throw .damaged("a \(codec == .zstd ? "ZSTD" : "LZ4_FRAME") buffer: \(failure.reason)")
        } catch {
            throw .damaged("a compressed buffer does not decompress")
        }
    }

    deinit { storage.deallocate() }
}
