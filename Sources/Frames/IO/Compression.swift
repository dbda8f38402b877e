import CCompression

/// The block compression codecs of Parquet pages and Arrow IPC buffers, from
/// the system libraries (libzstd, libsnappy, liblz4, zlib).
public enum Compression: String, Sendable, CaseIterable {
    case zstd, snappy, gzip
    /// An LZ4 block without framing (Parquet `LZ4_RAW`).
    case lz4Raw = "lz4_raw"
    /// Hadoop's LZ4 framing (Parquet's deprecated `LZ4`); raw blocks are accepted too.
    case lz4Hadoop = "lz4"
    /// The LZ4 frame format (Arrow IPC `LZ4_FRAME`).
    case lz4Frame = "lz4_frame"

    /// Why bytes did not decompress.
    struct Failure: Error {
        var reason: String
    }

    /// Compresses `input` (zstd at `level`; snappy; the other codecs are read only).
    func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 1) -> [UInt8] {
        switch self {
        case .zstd:
            let bound = ZSTD_compressBound(input.count)
            var out = [UInt8](repeating: 0, count: bound)
            let n = out.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, bound, input.baseAddress, input.count, level) }
            precondition(ZSTD_isError(n) == 0, "zstd compression failed")
            out.removeSubrange(n...)
            return out
        case .snappy:
            var bound = snappy_max_compressed_length(input.count)
            var out = [UInt8](repeating: 0, count: bound)
            let status = out.withUnsafeMutableBytes { o in
                input.withMemoryRebound(to: CChar.self) { i in
                    o.withMemoryRebound(to: CChar.self) { snappy_compress(i.baseAddress, input.count, $0.baseAddress, &bound) }
                }
            }
            precondition(status == SNAPPY_OK, "snappy compression failed")
            out.removeSubrange(bound...)
            return out
        case .gzip, .lz4Raw, .lz4Hadoop, .lz4Frame:
            preconditionFailure("ipdr does not write \(rawValue)")
        }
    }

    /// The largest block decompressed at once (Parquet page sizes are 32-bit).
    static let largestBlock = Int(Int32.max)

    /// Decompresses `input`, which must give exactly `expected` bytes.
    func decompress(_ input: UnsafeRawBufferPointer, expected: Int) throws(Failure) -> [UInt8] {
        guard expected >= 0, expected <= Self.largestBlock else { throw Failure(reason: "an uncompressed size of \(expected) bytes") }
        var out = [UInt8](repeating: 0, count: expected)
        let result: Result<Void, Failure> = out.withUnsafeMutableBytes { o in
            Result { () throws(Failure) in try decompress(input, into: o) }
        }
        try result.get()
        return out
    }

    /// Decompresses `input` into `o`, which it must fill exactly.
    func decompress(_ input: UnsafeRawBufferPointer, into o: UnsafeMutableRawBufferPointer) throws(Failure) {
        let expected = o.count
        let produced: Int = {
            switch self {
            case .zstd:
                let n = ZSTD_decompress(o.baseAddress, expected, input.baseAddress, input.count)
                return ZSTD_isError(n) != 0 ? -1 : n
            case .snappy:
                var length = expected
                let status = input.withMemoryRebound(to: CChar.self) { i in
                    o.withMemoryRebound(to: CChar.self) { snappy_uncompress(i.baseAddress, input.count, $0.baseAddress, &length) }
                }
                return status == SNAPPY_OK ? length : -1
            case .gzip: return Self.inflate(input, into: o)
            case .lz4Raw: return Self.lz4Block(input, into: o)
            case .lz4Hadoop: return Self.lz4Hadoop(input, into: o)
            case .lz4Frame: return Self.lz4Frame(input, into: o)
            }
        }()
        guard produced == expected else {
            throw Failure(reason: produced < 0
                ? "the \(rawValue) data does not decompress"
                : "the \(rawValue) data gives \(produced) bytes where \(expected) were announced")
        }
    }

    private static func lz4Block(_ input: UnsafeRawBufferPointer, into o: UnsafeMutableRawBufferPointer) -> Int {
        guard input.count <= Int(Int32.max), o.count <= Int(Int32.max) else { return -1 }
        let n = input.withMemoryRebound(to: CChar.self) { i in
            o.withMemoryRebound(to: CChar.self) { LZ4_decompress_safe(i.baseAddress, $0.baseAddress, Int32(input.count), Int32(o.count)) }
        }
        return Int(n)
    }

    /// Hadoop framing: blocks of (big-endian uncompressed size, compressed size, LZ4 block).
    private static func lz4Hadoop(_ input: UnsafeRawBufferPointer, into o: UnsafeMutableRawBufferPointer) -> Int {
        var at = 0, written = 0
        func be32(_ p: Int) -> Int { (Int(input[p]) << 24) | (Int(input[p + 1]) << 16) | (Int(input[p + 2]) << 8) | Int(input[p + 3]) }
        while at + 8 <= input.count {
            let raw = be32(at), packed = be32(at + 4)
            at += 8
            guard packed <= input.count - at, raw <= o.count - written else { return lz4Block(input, into: o) }
            let n = lz4Block(UnsafeRawBufferPointer(rebasing: input[at..<(at + packed)]),
                             into: UnsafeMutableRawBufferPointer(rebasing: o[written..<(written + raw)]))
            guard n == raw else { return lz4Block(input, into: o) }
            at += packed
            written += raw
        }
        return at == input.count ? written : lz4Block(input, into: o)
    }

    private static func lz4Frame(_ input: UnsafeRawBufferPointer, into o: UnsafeMutableRawBufferPointer) -> Int {
        var context: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0, let context else { return -1 }
        defer { LZ4F_freeDecompressionContext(context) }
        var at = 0, written = 0
        while at < input.count {
            var outSize = o.count - written
            var inSize = input.count - at
            let hint = LZ4F_decompress(context, o.baseAddress.map { $0 + written }, &outSize,
                                       input.baseAddress.map { $0 + at }, &inSize, nil)
            if LZ4F_isError(hint) != 0 { return -1 }
            at += inSize
            written += outSize
            if hint == 0 { break }
            if inSize == 0 && outSize == 0 { return -1 }
        }
        return written
    }

    private static func inflate(_ input: UnsafeRawBufferPointer, into o: UnsafeMutableRawBufferPointer) -> Int {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return -1 }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(clamping: input.count)
        stream.next_out = o.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(clamping: o.count)
        let status = CCompression.inflate(&stream, Z_FINISH)
        guard status == Z_STREAM_END else { return -1 }
        return o.count - Int(stream.avail_out)
    }
}
