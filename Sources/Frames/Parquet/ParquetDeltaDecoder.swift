/// Decodes Parquet's DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
/// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT encodings (written by Parquet v2
/// writers: DuckDB with `PARQUET_VERSION v2`, Spark, pyarrow on request) into
/// the PLAIN encoding of the same values, which `ParquetPlainDecoder` then
/// turns into ipdr values — so every type conversion lives in one place.
enum ParquetDeltaDecoder {
    /// Varints at a position in untrusted bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        mutating func varint() throws(ParquetFormatError) -> UInt64 {
            try Varint.read(bytes, at: &at, what: "delta-encoded data")
        }

        mutating func zigzag() throws(ParquetFormatError) -> Int64 {
            try Varint.readZigzag(bytes, at: &at, what: "delta-encoded data")
        }
    }

    /// `count` integers of DELTA_BINARY_PACKED data at the start of `bytes`, and the bytes they took.
    static func integers(_ bytes: UnsafeRawBufferPointer, count: Int) throws(ParquetFormatError) -> ([Int64], Int) {
        var r = Reader(bytes: bytes)
        let blockSize = Int(clamping: try r.varint())
        let miniblocks = Int(clamping: try r.varint())
        let total = Int(clamping: try r.varint())
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0, blockSize <= 1 << 20 else {
            throw .damaged("a delta block of \(blockSize) values in \(miniblocks) miniblocks")
        }
        guard total >= count, total <= Int(Int32.max) else { throw .damaged("delta data of \(total) values where \(count) are needed") }
        var out: [Int64] = []
        out.reserveCapacity(min(count, bytes.count * 8))
        var previous = try r.zigzag()
        if count > 0 { out.append(previous) }
        let perMiniblock = blockSize / miniblocks
        var widths = [Int](repeating: 0, count: miniblocks)
        while out.count < count {
            let minDelta = try r.zigzag()
            guard r.at + miniblocks <= bytes.count else { throw .damaged("delta-encoded data ends inside a block header") }
            for m in 0..<miniblocks {
                widths[m] = Int(bytes[r.at + m])
                guard widths[m] <= 64 else { throw .damaged("a delta miniblock of \(widths[m]) bits") }
            }
            r.at += miniblocks
            for m in 0..<miniblocks where out.count < count {
                let width = widths[m]
                let size = perMiniblock * width / 8
                guard r.at + size <= bytes.count else { throw .damaged("delta-encoded data ends inside a miniblock") }
                var acc: UInt64 = 0, bits = 0, p = r.at
                for _ in 0..<perMiniblock where out.count < count {
                    var delta: UInt64 = 0
                    if width > 0 {
                        var got = 0
                        while got < width {
                            if bits == 0 {
                                acc = UInt64(bytes[p])
                                p += 1
                                bits = 8
                            }
                            let take = min(width - got, bits)
                            delta |= (acc & ((1 << UInt64(take)) - 1)) << UInt64(got)
                            acc >>= UInt64(take)
                            bits -= take
                            got += take
                        }
                    }
                    previous = previous &+ minDelta &+ Int64(bitPattern: delta)
                    out.append(previous)
                }
                r.at += size
            }
        }
        return (out, r.at)
    }

    /// PLAIN bytes for `count` values of `encoding` stored in `bytes` for a column of `physical` type.
    static func plain(_ bytes: UnsafeRawBufferPointer, encoding: Int64, physical: Int64, typeLength: Int, count: Int) throws(ParquetFormatError) -> [UInt8] {
        var out: [UInt8] = []
        func appendLE<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        switch (encoding, physical) {
        case (ParquetConstants.deltaBinaryPacked, ParquetConstants.int32):
            for v in try integers(bytes, count: count).0 { appendLE(Int32(truncatingIfNeeded: v)) }
        case (ParquetConstants.deltaBinaryPacked, ParquetConstants.int64):
            for v in try integers(bytes, count: count).0 { appendLE(v) }
        case (ParquetConstants.deltaLengthByteArray, ParquetConstants.byteArray):
            let (lengths, used) = try integers(bytes, count: count)
            var at = used
            for n in lengths {
                guard n >= 0, n <= Int64(bytes.count - at) else { throw .damaged("a delta-length string runs past its page") }
                appendLE(UInt32(n))
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(n))]))
                at += Int(n)
            }
        case (ParquetConstants.deltaByteArray, ParquetConstants.byteArray),
             (ParquetConstants.deltaByteArray, ParquetConstants.fixedLenByteArray):
            let (prefixes, used) = try integers(bytes, count: count)
            let (suffixes, used2) = try integers(UnsafeRawBufferPointer(rebasing: bytes[used...]), count: count)
            var at = used + used2
            var last: [UInt8] = []
            for (p, s) in zip(prefixes, suffixes) {
                guard p >= 0, p <= Int64(last.count), s >= 0, s <= Int64(bytes.count - at) else {
                    throw .damaged("a delta string's prefix or suffix runs past its data")
                }
                var value = Array(last.prefix(Int(p)))
                value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(s))]))
                at += Int(s)
                if physical == ParquetConstants.byteArray { appendLE(UInt32(value.count)) }
                else if value.count != typeLength { throw .damaged("a delta value of \(value.count) bytes in a column of \(typeLength)") }
                out.append(contentsOf: value)
                last = value
            }
        case (ParquetConstants.byteStreamSplit, _):
            let width: Int
            switch physical {
            case ParquetConstants.float, ParquetConstants.int32: width = 4
            case ParquetConstants.double, ParquetConstants.int64: width = 8
            case ParquetConstants.fixedLenByteArray: width = typeLength
            default: throw .unsupported("BYTE_STREAM_SPLIT on \(ParquetConstants.typeName(physical))")
            }
            guard width > 0, count <= bytes.count / width else { throw .damaged("a page holds fewer values than it announces") }
            out = [UInt8](repeating: 0, count: count * width)
            for b in 0..<width {
                for i in 0..<count { out[i * width + b] = bytes[b * count + i] }
            }
        default:
            throw .unsupported("the \(ParquetColumnReader.encodingName(encoding)) encoding on \(ParquetConstants.typeName(physical))")
        }
        return out
    }
}
