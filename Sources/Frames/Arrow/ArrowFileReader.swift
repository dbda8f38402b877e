/// Reads Arrow IPC files (Feather v2): the footer's schema, its dictionary
/// batches and record batches, into a frame. Uncompressed files only; a
/// compressed file is refused naming its codec.
enum ArrowFileReader {
    /// True when the bytes start with the Arrow file magic.
    static func isArrow(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 6 && Array(bytes[0..<6]) == ArrowFileWriter.magic
    }

    /// What the file holds: the frame, the schema's key-value metadata, notes for the analyst.
    struct Contents {
        var frame: Frame
        var metadata: [(String, String)]
        var notes: [String]
    }

    /// True when the bytes start like an Arrow IPC stream: a continuation
    /// marker and a `Message` whose header is a schema.
    static func isStream(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 16, bytes.loadUnaligned(as: UInt32.self) == 0xFFFF_FFFF else { return false }
        let length = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: Int32.self)))
        guard length >= 8, length <= bytes.count - 8,
              let meta = try? FlatBufferTable(root: UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + length)])) else { return false }
        return (try? meta.scalar(1, UInt8(0))) == ArrowSchemaEncoding.headerSchema
    }

    /// A message: its header type, header table and body.
    typealias Message = (tag: UInt8, header: FlatBufferTable?, body: UnsafeRawBufferPointer)

    /// Decodes a whole file, or a whole stream (`isStream`).
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(ArrowFormatError) -> Contents {
        if !isArrow(bytes), isStream(bytes) { return try decodeStream(bytes) }
        let n = bytes.count
        guard n >= 18, isArrow(bytes), Array(bytes[(n - 6)..<n]) == ArrowFileWriter.magic else {
            throw .damaged("the file does not start and end with ARROW1 (truncated?)")
        }
        let footerLength = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: n - 10, as: Int32.self)))
        guard footerLength > 0, n - 10 - footerLength >= 8 else { throw .damaged("the footer length is out of bounds") }
        let footer = try FlatBufferTable(root: UnsafeRawBufferPointer(rebasing: bytes[(n - 10 - footerLength)..<(n - 10)]))
        guard let schema = try footer.table(1) else { throw .damaged("the footer has no schema") }
        var messages: [Message] = []
        for block in try footer.structs(2, size: 24) {
            let m = try message(bytes, block: block, in: footer)
            guard m.0 == ArrowSchemaEncoding.headerDictionaryBatch else { throw .damaged("a dictionary block holds another message") }
            messages.append(m)
        }
        for block in try footer.structs(3, size: 24) {
            let m = try message(bytes, block: block, in: footer)
            guard m.0 == ArrowSchemaEncoding.headerRecordBatch else { throw .damaged("a record batch block holds another message") }
            messages.append(m)
        }
        return try assemble(schema: schema, messages: messages)
    }

    /// Decodes an Arrow IPC stream: the schema message, then dictionary and
    /// record batches in order, up to the end-of-stream marker or the end of the bytes.
    static func decodeStream(_ bytes: UnsafeRawBufferPointer) throws(ArrowFormatError) -> Contents {
        var at = 0
        var schema: FlatBufferTable?
        var messages: [Message] = []
        var ended = false
        while at + 8 <= bytes.count {
            var length = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)))
            var start = at + 4
            if length == -1 {
                length = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 4, as: Int32.self)))
                start = at + 8
            }
            if length == 0 {
                ended = true
                break
            }
            guard length > 0, length <= bytes.count - start else { throw .damaged("a message at byte \(at) runs past the end") }
            let meta = try FlatBufferTable(root: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
            let tag: UInt8 = try meta.scalar(1, 0)
            let bodyLength: Int64 = try meta.scalar(3, 0)
            let bodyStart = start + length
            guard bodyLength >= 0, bodyLength <= Int64(bytes.count - bodyStart) else {
                throw .damaged("the body of a message at byte \(at) runs past the end")
            }
            let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + Int(bodyLength))])
            if schema == nil {
                guard tag == ArrowSchemaEncoding.headerSchema, let s = try meta.table(2) else {
                    throw .damaged("the stream does not start with a schema")
                }
                schema = s
            } else if tag == ArrowSchemaEncoding.headerDictionaryBatch || tag == ArrowSchemaEncoding.headerRecordBatch {
                messages.append((tag, try meta.table(2), body))
            } else {
                throw .damaged("a message of type \(tag) at byte \(at) inside the stream")
            }
            at = bodyStart + Int(bodyLength)
        }
        guard let schema else { throw .damaged("the stream holds no schema") }
        guard ended || at == bytes.count else { throw .damaged("the stream ends inside a message at byte \(at)") }
        var contents = try assemble(schema: schema, messages: messages)
        if !ended {
            contents.notes.append("the stream has no end-of-stream marker: it may have been cut short after its last whole batch")
        }
        return contents
    }

    /// The frame of a schema and its dictionary and record batch messages, in order.
    private static func assemble(schema: FlatBufferTable, messages: [Message]) throws(ArrowFormatError) -> Contents {
        let fields = try schema.tables(1).map { (t: FlatBufferTable) throws(ArrowFormatError) in try ArrowField(t) }
        var metadata: [(String, String)] = []
        for kv in try schema.tables(2) {
            if let k = try kv.string(0) { metadata.append((k, try kv.string(1) ?? "")) }
        }
        for f in fields {
            if case .unsupported(let type) = f.kind {
                throw .unsupported("column `\(f.name)` has Arrow type \(type), which ipdr does not read")
            }
        }

        var dictionaries: [Int64: PlainStrings] = [:]
        var builders = fields.map { ArrowColumnBuilder($0) }
        var rows = 0
        for (tag, header, body) in messages {
            guard let header else { throw .damaged("a batch message without its header") }
            if tag == ArrowSchemaEncoding.headerRecordBatch {
                var batch = try ArrowRecordBatch(header, body: body)
                for i in builders.indices { try builders[i].append(from: &batch) }
                rows += batch.length
                continue
            }
            let id: Int64 = try header.scalar(0, 0)
            guard let data = try header.table(1), let owner = fields.first(where: { $0.dictionary?.id == id }) else {
                throw .damaged("a dictionary batch for no column")
            }
            var batch = try ArrowRecordBatch(data, body: body)
            var valueField = owner
            valueField.dictionary = nil
            var builder = ArrowColumnBuilder(valueField)
            try builder.append(from: &batch)
            guard case .string(.plain(let strings)) = try builder.finish(dictionary: nil).values else {
                throw .unsupported("column `\(owner.name)` is a dictionary of a type other than strings, which ipdr does not read")
            }
            if try header.bool(2), var existing = dictionaries[id] {
                let base = Int64(existing.bytes.count)
                existing.bytes.append(contentsOf: strings.bytes)
                existing.offsets.append(contentsOf: strings.offsets.dropFirst().map { $0 + base })
                dictionaries[id] = existing
            } else {
                if dictionaries[id] != nil, rows > 0 {
                    throw .unsupported("column `\(owner.name)`'s dictionary is replaced between batches, which ipdr does not read")
                }
                dictionaries[id] = strings
            }
        }
        var frameFields: [Field] = []
        var columns: [Column] = []
        var notes: [String] = []
        for b in builders {
            columns.append(try b.finish(dictionary: b.field.dictionary.flatMap { dictionaries[$0.id] }))
            frameFields.append(Field(b.field.name, columns[columns.count - 1].type, sourceName: b.field.sourceName))
            if case .timestamp(_, let zone) = b.field.kind, zone == nil {
                notes.append("column `\(b.field.name)`: timestamps without a zone read as UTC")
            }
        }
        return Contents(frame: Frame(fields: frameFields, columns: columns, rowCount: rows), metadata: metadata, notes: notes)
    }

    /// The message a footer block points at: its header type, header table and body.
    private static func message(_ bytes: UnsafeRawBufferPointer, block: Int, in footer: FlatBufferTable)
        throws(ArrowFormatError) -> (UInt8, FlatBufferTable?, UnsafeRawBufferPointer) {
        let offset = try footer.int64(at: block), metaLength = Int64(try footer.int32(at: block + 8))
        let bodyLength = try footer.int64(at: block + 16)
        let size = Int64(bytes.count)
        guard offset >= 8, metaLength >= 8, bodyLength >= 0, offset <= size, metaLength <= size - offset,
              bodyLength <= size - offset - metaLength else {
            throw .damaged("a block lies outside the file")
        }
        let at = Int(offset)
        var length = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)))
        var start = at + 4
        if length == -1 {
            length = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at + 4, as: Int32.self)))
            start = at + 8
        }
        guard length > 0, start + length <= at + Int(metaLength) else { throw .damaged("a message's metadata is out of bounds") }
        let meta = try FlatBufferTable(root: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]))
        let tag: UInt8 = try meta.scalar(1, 0)
        let bodyStart = at + Int(metaLength)
        return (tag, try meta.table(2), UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<(bodyStart + Int(bodyLength))]))
    }
}
