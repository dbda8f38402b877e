/// Encodes the rows `range` of one column as a Parquet column chunk: an
/// optional dictionary page, then data pages (v1) of `pageRows` rows with
/// RLE definition levels and PLAIN or RLE_DICTIONARY values, compressed with
/// `codec` — or stored uncompressed when compression would not make the
/// chunk smaller.
struct ParquetColumnWriter {
    /// An encoded chunk, its offsets relative to its own start.
    struct Chunk {
        var bytes: [UInt8]
        var physical: Int32
        var codec: Compression?
        var encodings: [Int32]
        var uncompressedSize: Int64
        var dictionaryPageOffset: Int64?
        var dataPageOffset: Int64
        var values: Int64
        var nulls: Int64
        /// PLAIN-encoded minimum and maximum (integer-like columns).
        var minMax: ([UInt8], [UInt8])?
    }

    /// A dictionary larger than this (PLAIN bytes) is not used: the chunk falls back to PLAIN strings.
    static let dictionaryLimit = 2 << 20
    static let pageRows = 1 << 16
    /// A page's values stop growing past this many bytes (one longer value still fits alone).
    static let pageBytes = 64 << 20

    let column: Column
    let range: Range<Int>
    let codec: Compression?
    /// The most value bytes a page takes before it ends early.
    var pageBytes = Self.pageBytes

    /// The physical type of an ipdr type.
    static func physical(_ type: DataType) -> Int32 {
        switch type {
        case .int, .timestamp, .duration: return Int32(ParquetConstants.int64)
        case .float: return Int32(ParquetConstants.double)
        case .bool: return Int32(ParquetConstants.boolean)
        case .string: return Int32(ParquetConstants.byteArray)
        case .ip: return Int32(ParquetConstants.fixedLenByteArray)
        }
    }

    /// Encodes the chunk.
    func encode() -> Chunk {
        var dictionaryPage: [UInt8]?
        var dictionaryCount = 0
        var dictionaryWidth = 0
        if case .string(.dictionary(_, let dict)) = column.values {
            let plainSize = dict.bytes.count + 4 * dict.count
            if plainSize <= Self.dictionaryLimit {
                var page: [UInt8] = []
                page.reserveCapacity(plainSize)
                for i in 0..<dict.count { Self.appendString(dict, i, to: &page) }
                dictionaryPage = page
                dictionaryCount = dict.count
                dictionaryWidth = RLEHybrid.bitWidth(dict.count - 1)
            }
        }
        var rawPages: [(header: PageKind, body: [UInt8], rows: Int)] = []
        if let page = dictionaryPage { rawPages.append((.dictionary(count: dictionaryCount), page, 0)) }
        var nulls = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = pageEnd(start)
            var body: [UInt8] = []
            let levels = RLEHybrid.encode(count: end - start, bitWidth: 1) { UInt32(column.isValid(start + $0) ? 1 : 0) }
            withUnsafeBytes(of: UInt32(levels.count).littleEndian) { body.append(contentsOf: $0) }
            body.append(contentsOf: levels)
            let present = column.validity.map { v in (start..<end).reduce(0) { $0 + (v[$1] ? 1 : 0) } } ?? (end - start)
            nulls += (end - start) - present
            if dictionaryPage != nil, case .string(.dictionary(let indices, _)) = column.values {
                body.append(UInt8(dictionaryWidth))
                var kept: [Int32] = []
                kept.reserveCapacity(present)
                for r in start..<end where column.isValid(r) { kept.append(indices[r]) }
                body.append(contentsOf: RLEHybrid.encode(count: kept.count, bitWidth: dictionaryWidth) { UInt32(kept[$0]) })
                rawPages.append((.data(encoding: Int32(ParquetConstants.rleDictionary)), body, end - start))
            } else {
                appendPlain(start..<end, present: present, to: &body)
                rawPages.append((.data(encoding: Int32(ParquetConstants.plain)), body, end - start))
            }
            start = end
        }

        // Compress; keep the chunk uncompressed when that is not smaller.
        var compressed: [[UInt8]] = rawPages.map { $0.body }
        var used = codec
        if let codec {
            compressed = rawPages.map { page in page.body.withUnsafeBytes { codec.compress($0) } }
            if compressed.reduce(0, { $0 + $1.count }) >= rawPages.reduce(0, { $0 + $1.body.count }) {
                compressed = rawPages.map { $0.body }
                used = nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(compressed.reduce(0) { $0 + $1.count } + 64 * rawPages.count)
        var uncompressedSize: Int64 = 0
        var dictionaryOffset: Int64?
        var dataOffset: Int64 = 0
        var sawData = false
        for (page, body) in zip(rawPages, compressed) {
            let header = page.header.encode(rows: page.rows, uncompressed: page.body.count, compressed: body.count)
            switch page.header {
            case .dictionary: dictionaryOffset = Int64(bytes.count)
            case .data where !sawData:
                dataOffset = Int64(bytes.count)
                sawData = true
            case .data: break
            }
            uncompressedSize += Int64(header.count + page.body.count)
            bytes.append(contentsOf: header)
            bytes.append(contentsOf: body)
        }
        let dataEncoding = dictionaryPage != nil ? Int32(ParquetConstants.rleDictionary) : Int32(ParquetConstants.plain)
        let encodings = dictionaryPage != nil
            ? [Int32(ParquetConstants.plain), Int32(ParquetConstants.rle), dataEncoding]
            : [Int32(ParquetConstants.plain), Int32(ParquetConstants.rle)]
        return Chunk(bytes: bytes, physical: Self.physical(column.type), codec: used, encodings: encodings,
                     uncompressedSize: uncompressedSize, dictionaryPageOffset: dictionaryOffset, dataPageOffset: dataOffset,
                     values: Int64(range.count), nulls: Int64(nulls), minMax: minMax())
    }

    /// The end of the page starting at row `start`: `pageRows` rows, fewer when
    /// long strings would make the page larger than `pageBytes` (page sizes are
    /// 32-bit in the format).
    private func pageEnd(_ start: Int) -> Int {
        let end = min(start + Self.pageRows, range.upperBound)
        let length: (Int) -> Int
        switch column.values {
        case .string(.plain(let p)): length = { p.length($0) }
        case .string(.dictionary(let indices, let dict)): length = { dict.length(Int(indices[$0])) }
        default: return end
        }
        var bytes = 0
        for r in start..<end {
            bytes += 4 + length(r)
            if bytes > pageBytes { return max(r, start + 1) }
        }
        return end
    }

    /// What a page header says.
    enum PageKind {
        case dictionary(count: Int)
        case data(encoding: Int32)

        func encode(rows: Int, uncompressed: Int, compressed: Int) -> [UInt8] {
            var w = ThriftWriter()
            switch self {
            case .dictionary(let count):
                w.i32(1, Int32(ParquetConstants.dictionaryPage))
                w.i32(2, Int32(uncompressed))
                w.i32(3, Int32(compressed))
                w.beginStruct(7)
                w.i32(1, Int32(count))
                w.i32(2, Int32(ParquetConstants.plain))
                w.endStruct()
            case .data(let encoding):
                w.i32(1, Int32(ParquetConstants.dataPage))
                w.i32(2, Int32(uncompressed))
                w.i32(3, Int32(compressed))
                w.beginStruct(5)
                w.i32(1, Int32(rows))
                w.i32(2, encoding)
                w.i32(3, Int32(ParquetConstants.rle))
                w.i32(4, Int32(ParquetConstants.rle))
                w.endStruct()
            }
            return w.finish()
        }
    }

    private static func appendString(_ s: PlainStrings, _ i: Int, to out: inout [UInt8]) {
        let a = Int(s.offsets[i]), b = Int(s.offsets[i + 1])
        withUnsafeBytes(of: UInt32(b - a).littleEndian) { out.append(contentsOf: $0) }
        s.bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[a..<b])) }
    }

    /// PLAIN values of the present rows in `rows`.
    private func appendPlain(_ rows: Range<Int>, present: Int, to body: inout [UInt8]) {
        let dense = present == rows.count
        func fixed<T>(_ a: [T]) {
            a.withUnsafeBytes { raw in
                let size = MemoryLayout<T>.stride
                if dense {
                    body.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(rows.lowerBound * size)..<(rows.upperBound * size)]))
                } else {
                    for r in rows where column.isValid(r) {
                        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(r * size)..<((r + 1) * size)]))
                    }
                }
            }
        }
        switch column.values {
        case .int(let a), .timestamp(let a), .duration(let a): fixed(a)
        case .float(let a): fixed(a)
        case .ip(let a): fixed(a)
        case .bool(let bits):
            var byte: UInt8 = 0, n = 0
            for r in rows where column.isValid(r) {
                if bits[r] { byte |= 1 << UInt8(n & 7) }
                n += 1
                if n & 7 == 0 { body.append(byte); byte = 0 }
            }
            if n & 7 != 0 { body.append(byte) }
        case .string(.plain(let p)):
            for r in rows where column.isValid(r) { Self.appendString(p, r, to: &body) }
        case .string(.dictionary(let indices, let dict)):
            for r in rows where column.isValid(r) { Self.appendString(dict, Int(indices[r]), to: &body) }
        }
    }

    /// The smallest and largest present value of integer-like columns, PLAIN-encoded.
    private func minMax() -> ([UInt8], [UInt8])? {
        let a: [Int64]
        switch column.values {
        case .int(let x), .timestamp(let x), .duration(let x): a = x
        default: return nil
        }
        var lo = Int64.max, hi = Int64.min, any = false
        for r in range where column.isValid(r) {
            let v = a[r]
            if v < lo { lo = v }
            if v > hi { hi = v }
            any = true
        }
        guard any else { return nil }
        return (withUnsafeBytes(of: lo.littleEndian) { Array($0) }, withUnsafeBytes(of: hi.littleEndian) { Array($0) })
    }
}
