/// Writes a frame as an Arrow IPC file (Feather v2): the magic `ARROW1`, the
/// schema, one dictionary batch per dictionary-encoded string column, one
/// record batch holding every row, the end-of-stream marker, the footer.
///
/// Column buffers are written as they are in memory (see
/// `ArrowSchemaEncoding` for the types); nothing is converted or compressed.
enum ArrowFileWriter {
    static let magic: [UInt8] = Array("ARROW1".utf8)

    /// Writes `frame` with schema metadata `metadata` (key, value) to `sink`.
    static func write(_ frame: Frame, metadata: [(String, String)], to sink: inout ByteSink) {
        var position: Int64 = 0
        emit(magic + [0, 0], to: &sink, position: &position)

        var dictionaries: [(id: Int64, strings: PlainStrings)] = []
        for (i, column) in frame.columns.enumerated() {
            if case .string(.dictionary(_, let dictionary)) = column.values { dictionaries.append((Int64(i), dictionary)) }
        }
        let schema = ArrowSchemaEncoding.schema(ArrowSchemaEncoding.fields(of: frame), metadata: metadata)
        _ = message(tag: ArrowSchemaEncoding.headerSchema, header: { _ in schema }, nodes: [], body: [],
                    to: &sink, position: &position)

        var dictionaryBlocks: [(Int64, Int32, Int64)] = []
        for (id, strings) in dictionaries {
            let body: [ArrowBodyBuffer] = [.none] + stringBuffers(strings)
            let block = message(tag: ArrowSchemaEncoding.headerDictionaryBatch,
                                header: { ArrowSchemaEncoding.dictionaryBatch(id: id, data: $0) },
                                nodes: [(Int64(strings.count), 0)], body: body, length: Int64(strings.count),
                                to: &sink, position: &position)
            dictionaryBlocks.append(block)
        }

        var nodes: [(Int64, Int64)] = []
        var body: [ArrowBodyBuffer] = []
        for column in frame.columns {
            nodes.append((Int64(column.count), Int64(column.nullCount)))
            body.append(column.nullCount > 0 ? column.validity.map { .bitmap($0) } ?? .none : .none)
            body.append(contentsOf: valueBuffers(column.values))
        }
        let batch = message(tag: ArrowSchemaEncoding.headerRecordBatch, header: { $0 }, nodes: nodes, body: body,
                            length: Int64(frame.rowCount), to: &sink, position: &position)

        emit([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], to: &sink, position: &position)
        let footer = FlatBufferEncoder.encode(ArrowSchemaEncoding.footer(schema: schema, dictionaries: dictionaryBlocks, batches: [batch]))
        emit(footer, to: &sink, position: &position)
        var size = UInt32(footer.count).littleEndian
        emit(withUnsafeBytes(of: &size) { Array($0) } + magic, to: &sink, position: &position)
        sink.flush()
    }

    /// The value buffers of a column (after its validity buffer).
    static func valueBuffers(_ values: ColumnValues) -> [ArrowBodyBuffer] {
        switch values {
        case .int(let a), .timestamp(let a), .duration(let a): return [.int64(a)]
        case .float(let a): return [.double(a)]
        case .bool(let b): return [.bitmap(b)]
        case .ip(let a): return [.ips(a)]
        case .string(.plain(let p)): return stringBuffers(p)
        case .string(.dictionary(let indices, _)): return [.int32(indices)]
        }
    }

    /// Offsets and data of large_utf8 strings (offsets rebased to start at 0).
    static func stringBuffers(_ p: PlainStrings) -> [ArrowBodyBuffer] {
        let first = p.offsets.first ?? 0
        let end = p.offsets.last ?? 0
        if first == 0, end == Int64(p.bytes.count) { return [.int64(p.offsets), .bytes(p.bytes)] }
        return [.int64(p.offsets.map { $0 - first }), .bytes(Array(p.bytes[Int(first)..<Int(end)]))]
    }

    private static func emit(_ bytes: [UInt8], to sink: inout ByteSink, position: inout Int64) {
        bytes.withUnsafeBufferPointer { sink.bytes($0) }
        position += Int64(bytes.count)
    }

    /// Writes one encapsulated message (continuation marker, metadata length,
    /// flatbuffer `Message`, body) and returns its footer block.
    private static func message(tag: UInt8, header: (FlatValue) -> FlatValue, nodes: [(Int64, Int64)], body: [ArrowBodyBuffer],
                                length: Int64 = 0, to sink: inout ByteSink, position: inout Int64) -> (Int64, Int32, Int64) {
        var buffers: [(Int64, Int64)] = []
        var offset: Int64 = 0
        for b in body {
            buffers.append((offset, Int64(b.length)))
            offset += Int64(b.paddedLength)
        }
        let batch = ArrowSchemaEncoding.recordBatch(length: length, nodes: nodes, buffers: buffers)
        let metadata = FlatBufferEncoder.encode(ArrowSchemaEncoding.message(tag: tag, header: header(batch), bodyLength: offset))
        let start = position
        var prefix: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        withUnsafeBytes(of: Int32(metadata.count).littleEndian) { prefix.append(contentsOf: $0) }
        emit(prefix + metadata, to: &sink, position: &position)
        for b in body { b.write(to: &sink) }
        position += offset
        return (start, Int32(8 + metadata.count), offset)
    }
}
