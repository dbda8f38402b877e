/// The Arrow flatbuffers metadata ipdr writes (Schema.fbs, Message.fbs,
/// File.fbs of the Arrow columnar format, metadata version V5), as `FlatValue`s.
///
/// Column types: int → int64, float → float64 (double), bool → bool,
/// string → large_utf8 (plain) or dictionary<int32, large_utf8>,
/// timestamp → timestamp[us, "UTC"], duration → duration[us],
/// ip → fixed_size_binary(16) with field metadata
/// `ARROW:extension:name = ipdr.ip` (16 bytes, network order, IPv4 mapped).
enum ArrowSchemaEncoding {
    /// `MetadataVersion.V5`.
    static let version: Int16 = 4
    /// The extension name of ip columns.
    static let ipExtensionName = "ipdr.ip"
    /// Field metadata key keeping a column's original header text.
    static let sourceNameKey = "ipdr.source_name"

    // Type union tags (Schema.fbs `union Type`).
    static let typeInt: UInt8 = 2, typeFloat: UInt8 = 3, typeBool: UInt8 = 6
    static let typeFixedSizeBinary: UInt8 = 15, typeTimestamp: UInt8 = 10
    static let typeDuration: UInt8 = 18, typeLargeUtf8: UInt8 = 20
    static let timeUnitMicrosecond: Int16 = 2

    // Message header tags (Message.fbs `union MessageHeader`).
    static let headerSchema: UInt8 = 1, headerDictionaryBatch: UInt8 = 2, headerRecordBatch: UInt8 = 3

    static func keyValues(_ pairs: [(String, String)]) -> FlatValue {
        .vector(pairs.map { .table([.string($0.0), .string($0.1)]) })
    }

    /// The `Field` table of a column; `dictionaryID` is set for dictionary strings.
    static func field(_ field: Field, nullable: Bool, dictionaryID: Int64?) -> FlatValue {
        let (tag, type): (UInt8, FlatValue)
        var metadata: [(String, String)] = []
        switch field.type {
        case .int: (tag, type) = (typeInt, .table([.int32(64), .bool(true)]))
        case .float: (tag, type) = (typeFloat, .table([.int16(2)]))
        case .bool: (tag, type) = (typeBool, .table([]))
        case .string: (tag, type) = (typeLargeUtf8, .table([]))
        case .timestamp: (tag, type) = (typeTimestamp, .table([.int16(timeUnitMicrosecond), .string("UTC")]))
        case .duration: (tag, type) = (typeDuration, .table([.int16(timeUnitMicrosecond)]))
        case .ip:
            (tag, type) = (typeFixedSizeBinary, .table([.int32(16)]))
            metadata.append(("ARROW:extension:name", ipExtensionName))
            metadata.append(("ARROW:extension:metadata", ""))
        }
        if let source = field.sourceName { metadata.append((sourceNameKey, source)) }
        let dictionary: FlatValue? = dictionaryID.map { id in
            .table([.int64(id), .table([.int32(32), .bool(true)]), .bool(false)])
        }
        return .table([.string(field.name), .bool(nullable), .uint8(tag), type, dictionary, .vector([]),
                       metadata.isEmpty ? nil : keyValues(metadata)])
    }

    /// The `Field` tables of a frame's columns; a dictionary-encoded string
    /// column's dictionary id is its column index.
    static func fields(of frame: Frame) -> [FlatValue] {
        zip(frame.fields, frame.columns).enumerated().map { i, pair in
            var id: Int64?
            if case .string(.dictionary) = pair.1.values { id = Int64(i) }
            return field(pair.0, nullable: true, dictionaryID: id)
        }
    }

    /// The `Schema` table.
    static func schema(_ fields: [FlatValue], metadata: [(String, String)]) -> FlatValue {
        .table([.int16(0), .vector(fields), metadata.isEmpty ? nil : keyValues(metadata)])
    }

    /// A `Message` table around a header.
    static func message(tag: UInt8, header: FlatValue, bodyLength: Int64) -> FlatValue {
        .table([.int16(version), .uint8(tag), header, .int64(bodyLength)])
    }

    /// A `RecordBatch` table: `nodes` are (length, null count), `buffers` (offset, length) in the body.
    static func recordBatch(length: Int64, nodes: [(Int64, Int64)], buffers: [(Int64, Int64)]) -> FlatValue {
        .table([.int64(length), .structs(size: 16, bytes: pairs(nodes)), .structs(size: 16, bytes: pairs(buffers))])
    }

    /// A `DictionaryBatch` table.
    static func dictionaryBatch(id: Int64, data: FlatValue) -> FlatValue {
        .table([.int64(id), data, .bool(false)])
    }

    /// The `Footer` table; blocks are (offset, metadata length, body length).
    static func footer(schema: FlatValue, dictionaries: [(Int64, Int32, Int64)], batches: [(Int64, Int32, Int64)]) -> FlatValue {
        .table([.int16(version), schema, .structs(size: 24, bytes: blocks(dictionaries)), .structs(size: 24, bytes: blocks(batches))])
    }

    static func pairs(_ items: [(Int64, Int64)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(items.count * 16)
        for (a, b) in items {
            withUnsafeBytes(of: a.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: b.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    static func blocks(_ items: [(Int64, Int32, Int64)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(items.count * 24)
        for (offset, meta, body) in items {
            withUnsafeBytes(of: offset.littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: meta.littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: [0, 0, 0, 0])
            withUnsafeBytes(of: body.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }
}
