/// Reads one column of a Parquet file, chunk by chunk, page by page: levels,
/// dictionary and data pages (v1 and v2), PLAIN, dictionary and RLE
/// encodings, any codec of `Compression` — into an ipdr column.
struct ParquetColumnReader {
    let leaf: ParquetLeaf
    private let plain: ParquetPlainDecoder
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var ips: [IPAddress] = []
    private var indices: [Int32] = []
    private var strings = ByteDictionary()
    private var validity: [Bool] = []
    private var nulls = 0

    init(_ leaf: ParquetLeaf) {
        self.leaf = leaf
        plain = ParquetPlainDecoder(leaf: leaf)
    }

    private var rows: Int { validity.count }

    /// Reads one column chunk of `file` holding `rows` rows.
    mutating func read(_ chunk: ParquetFileMetadata.Chunk, rows expected: Int, in file: UnsafeRawBufferPointer) throws(ParquetFormatError) {
        let startRows = rows
        var dictionary: ParquetValues?
        var at = chunk.start
        let end = min(file.count, chunk.start + chunk.length)
        var seen = 0
        while seen < chunk.valueCount {
            guard at < end else { throw .damaged("the chunk ends after \(seen) of \(chunk.valueCount) values (byte \(at))") }
            var reader = ThriftReader(UnsafeRawBufferPointer(rebasing: file[at..<end]))
            let header = try reader.readStruct()
            let dataStart = at + reader.position
            let type = try header.require(1, "a page's type")
            let compressed = Int(clamping: try header.require(3, "a page's compressed size"))
            let uncompressed = Int(clamping: try header.require(2, "a page's size"))
            guard compressed >= 0, uncompressed >= 0, compressed <= end - dataStart else { throw .damaged("a page at byte \(at) runs past its chunk") }
            let page = UnsafeRawBufferPointer(rebasing: file[dataStart..<(dataStart + compressed)])
            switch type {
            case ParquetConstants.dictionaryPage:
                guard let d = header.structure(7) else { throw .damaged("a dictionary page at byte \(at) has no header") }
                let count = Int(clamping: try d.require(1, "a dictionary's size"))
                guard count >= 0, count <= Int(Int32.max) else { throw .damaged("a dictionary of \(count) values") }
                let bytes = try decompress(page, codec: chunk.codec, expected: uncompressed, at: at)
                dictionary = try ParquetBytes.with(bytes) { (b) throws(ParquetFormatError) -> ParquetValues in
                    try plain.decode(b, count: count, strings: &strings).0
                }
            case ParquetConstants.dataPage:
                guard let d = header.structure(5) else { throw .damaged("a data page at byte \(at) has no header") }
                let count = try Self.valueCount(d, left: expected - (rows - startRows), at: at)
                let encoding = try d.require(2, "a page's encoding")
                let bytes = try decompress(page, codec: chunk.codec, expected: uncompressed, at: at)
                try ParquetBytes.with(bytes) { (b) throws(ParquetFormatError) in
                    var offset = 0
                    var levels: [UInt32]?
                    if leaf.optional {
                        guard b.count >= 4 else { throw .damaged("a data page at byte \(at) has no definition levels") }
                        let n = Int(UInt32(littleEndian: b.loadUnaligned(as: UInt32.self)))
                        guard n <= b.count - 4 else { throw .damaged("the definition levels of a page at byte \(at) run past it") }
                        levels = try Self.levels(UnsafeRawBufferPointer(rebasing: b[4..<(4 + n)]), count: count)
                        offset = 4 + n
                    }
                    try values(UnsafeRawBufferPointer(rebasing: b[offset...]), encoding: encoding, count: count,
                               levels: levels, dictionary: dictionary, at: at)
                }
                seen += count
            case ParquetConstants.dataPageV2:
                guard let d = header.structure(8) else { throw .damaged("a data page at byte \(at) has no header") }
                let count = try Self.valueCount(d, left: expected - (rows - startRows), at: at)
                let encoding = try d.require(4, "a page's encoding")
                let defLength = Int(clamping: try d.require(5, "a page's level size"))
                let repLength = Int(clamping: try d.require(6, "a page's level size"))
                guard defLength >= 0, repLength >= 0, defLength + repLength <= page.count else {
                    throw .damaged("the levels of a page at byte \(at) run past it")
                }
                let levelBytes = UnsafeRawBufferPointer(rebasing: page[repLength..<(repLength + defLength)])
                let levels = leaf.optional ? try Self.levels(levelBytes, count: count) : nil
                let rest = UnsafeRawBufferPointer(rebasing: page[(repLength + defLength)...])
                if d.bool(7) ?? true, let codec = chunk.codec {
                    let bytes = try decompress(rest, codec: codec, expected: uncompressed - defLength - repLength, at: at)
                    try ParquetBytes.with(bytes) { (b) throws(ParquetFormatError) in
                        try values(b, encoding: encoding, count: count, levels: levels, dictionary: dictionary, at: at)
                    }
                } else {
                    try values(rest, encoding: encoding, count: count, levels: levels, dictionary: dictionary, at: at)
                }
                seen += count
            default:
                break
            }
            at = dataStart + compressed
        }
        guard rows - startRows == expected else {
            throw .damaged("a chunk holds \(rows - startRows) rows where its row group has \(expected)")
        }
    }

    /// A data page's value count, which must fit in what its row group has left.
    private static func valueCount(_ d: ThriftStruct, left: Int, at: Int) throws(ParquetFormatError) -> Int {
        let count = try d.require(1, "a page's value count")
        guard count >= 0, count <= Int64(Int32.max), count <= Int64(left) else {
            throw .damaged("a page at byte \(at) holds \(count) values where its row group has \(left) rows left")
        }
        return Int(count)
    }

    private func decompress(_ page: UnsafeRawBufferPointer, codec: Compression?, expected: Int, at: Int) throws(ParquetFormatError) -> [UInt8] {
        guard let codec else {
            guard page.count == expected else { throw .damaged("an uncompressed page at byte \(at) has \(page.count) bytes, its header says \(expected)") }
            return Array(page)
        }
        do {
            return try codec.decompress(page, expected: expected)
        } catch {
            throw .damaged("the page at byte \(at): \(error.reason)")
        }
    }

    /// Definition levels (0 = null, 1 = present) of a page.
    private static func levels(_ b: UnsafeRawBufferPointer, count: Int) throws(ParquetFormatError) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: count)
        try ParquetBytes.withMutable(&out) { (o) throws(ParquetFormatError) in
            try RLEHybrid.decode(b, bitWidth: 1, count: count, into: o)
        }
        return out
    }

    private mutating func values(_ b: UnsafeRawBufferPointer, encoding: Int64, count: Int, levels: [UInt32]?,
                                 dictionary: ParquetValues?, at: Int) throws(ParquetFormatError) {
        let present = levels.map { $0.reduce(0) { $0 + Int($1) } } ?? count
        let decoded: ParquetValues
        switch encoding {
        case ParquetConstants.plain:
            decoded = try plain.decode(b, count: present, strings: &strings).0
        case ParquetConstants.plainDictionary, ParquetConstants.rleDictionary:
            guard let dictionary else { throw .damaged("a dictionary-encoded page at byte \(at) comes before any dictionary") }
            var idx = [UInt32](repeating: 0, count: present)
            if present > 0 {
                guard let width = b.first else { throw .damaged("a dictionary-encoded page at byte \(at) is empty") }
                try ParquetBytes.withMutable(&idx) { (o) throws(ParquetFormatError) in
                    try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: b[1...]), bitWidth: Int(width), count: present, into: o)
                }
                let size = UInt32(dictionary.count)
                if idx.contains(where: { $0 >= size }) { throw .damaged("a page at byte \(at) points past its dictionary of \(size) values") }
            }
            decoded = dictionary.gather(idx)
        case ParquetConstants.rle where leaf.physical == ParquetConstants.boolean:
            guard b.count >= 4 else { throw .damaged("a boolean page at byte \(at) is empty") }
            let n = Int(UInt32(littleEndian: b.loadUnaligned(as: UInt32.self)))
            guard n <= b.count - 4 else { throw .damaged("a boolean page at byte \(at) runs past its end") }
            var bits = [UInt32](repeating: 0, count: present)
            try ParquetBytes.withMutable(&bits) { (o) throws(ParquetFormatError) in
                try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: b[4..<(4 + n)]), bitWidth: 1, count: present, into: o)
            }
            decoded = .bools(bits.map { $0 != 0 })
        case ParquetConstants.deltaBinaryPacked, ParquetConstants.deltaLengthByteArray, ParquetConstants.deltaByteArray,
             ParquetConstants.byteStreamSplit:
            let plainBytes = try ParquetDeltaDecoder.plain(b, encoding: encoding, physical: leaf.physical, typeLength: leaf.typeLength, count: present)
            decoded = try ParquetBytes.with(plainBytes) { (raw) throws(ParquetFormatError) -> ParquetValues in
                try plain.decode(raw, count: present, strings: &strings).0
            }
        default:
            throw .unsupported("column `\(leaf.name)` uses the \(Self.encodingName(encoding)) encoding, which ipdr does not read; "
                               + "rewrite the file with the default (dictionary or plain) encodings")
        }
        try append(decoded, levels: levels, count: count, present: present)
    }

    static func encodingName(_ e: Int64) -> String {
        switch e {
        case ParquetConstants.deltaBinaryPacked: return "DELTA_BINARY_PACKED"
        case ParquetConstants.deltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY"
        case ParquetConstants.deltaByteArray: return "DELTA_BYTE_ARRAY"
        case ParquetConstants.byteStreamSplit: return "BYTE_STREAM_SPLIT"
        case ParquetConstants.bitPacked: return "BIT_PACKED"
        case ParquetConstants.rle: return "RLE"
        default: return "encoding \(e)"
        }
    }

    /// Appends a page's rows: present values in order, nulls where the levels say 0.
    private mutating func append(_ v: ParquetValues, levels: [UInt32]?, count: Int, present: Int) throws(ParquetFormatError) {
        guard v.count == present || (v.count == 0 && leaf.kind == .null) else {
            throw .damaged("a page of column `\(leaf.name)` holds \(v.count) values for \(present) present rows")
        }
        if present == count, leaf.kind != .null {
            // No nulls on the page: the values go in as they are.
            validity.append(contentsOf: repeatElement(true, count: count))
            switch v {
            case .ints(let a): ints.append(contentsOf: a)
            case .doubles(let a): doubles.append(contentsOf: a)
            case .bools(let a): bools.append(contentsOf: a)
            case .ips(let a): ips.append(contentsOf: a)
            case .strings(let a): indices.append(contentsOf: a)
            case .none: indices.append(contentsOf: repeatElement(-1, count: count))
            }
            return
        }
        var k = 0
        func next() -> Int? {
            defer { k += 1 }
            return k
        }
        for row in 0..<count {
            let isPresent = levels.map { $0[row] != 0 } ?? true
            validity.append(isPresent && leaf.kind != .null)
            if !isPresent || leaf.kind == .null { nulls += 1 }
            let i = isPresent && leaf.kind != .null ? next() : nil
            switch v {
            case .ints(let a): ints.append(i.map { a[$0] } ?? 0)
            case .doubles(let a): doubles.append(i.map { a[$0] } ?? 0)
            case .bools(let a): bools.append(i.map { a[$0] } ?? false)
            case .ips(let a): ips.append(i.map { a[$0] } ?? IPAddress(high: 0, low: 0))
            case .strings(let a): indices.append(i.map { a[$0] } ?? -1)
            case .none: indices.append(-1)
            }
        }
    }

    /// The finished column.
    func finish() -> Column {
        let valid: Bitmap? = nulls > 0 ? Bitmap(validity) : nil
        switch leaf.dataType ?? .string {
        case .int: return Column(.int(ints), validity: valid)
        case .timestamp: return Column(.timestamp(ints), validity: valid)
        case .duration: return Column(.duration(ints), validity: valid)
        case .float: return Column(.float(doubles), validity: valid)
        case .bool: return Column(.bool(Bitmap(bools)), validity: valid)
        case .ip: return Column(.ip(ips), validity: valid)
        case .string:
            let dict = strings.strings
            if dict.count > 0, dict.count <= max(1, indices.count / 2) {
                return Column(.string(.dictionary(indices: indices.map { max($0, 0) }, dictionary: dict)), validity: valid)
            }
            var out = PlainStrings()
            out.offsets.reserveCapacity(indices.count + 1)
            dict.bytes.withUnsafeBufferPointer { b in
                for i in indices {
                    if i < 0 { out.appendEmpty(); continue }
                    let s = Int(dict.offsets[Int(i)]), e = Int(dict.offsets[Int(i) + 1])
                    out.append(bytes: UnsafeBufferPointer(rebasing: b[s..<e]))
                }
            }
            return Column(.string(.plain(out)), validity: valid)
        }
    }
}
