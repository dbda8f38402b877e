import Dispatch

/// Writes a frame as a Parquet file: the magic `PAR1`, row groups of up to
/// `rowGroupRows` rows whose column chunks are encoded on all cores, and the
/// Thrift footer with the schema, the Arrow schema (`ARROW:schema`, so that
/// pyarrow and ipdr get durations, zones, dictionaries and addresses back)
/// and the provenance key-value metadata.
///
/// Types: int → INT64, float → DOUBLE, bool → BOOLEAN, string → BYTE_ARRAY
/// (STRING; dictionary-encoded when the column is), timestamp → INT64
/// TIMESTAMP(MICROS, UTC), duration → INT64 (microseconds), ip →
/// FIXED_LEN_BYTE_ARRAY(16). Every column is OPTIONAL.
enum ParquetFileWriter {
    static let rowGroupRows = 1 << 20

    /// Writes `frame` with key-value `metadata`, pages compressed with `codec` (nil = none),
    /// in row groups of `groupRows` rows.
    static func write(_ frame: Frame, metadata: [(String, String)], codec: Compression?, groupRows: Int = rowGroupRows,
                      pageBytes: Int = ParquetColumnWriter.pageBytes, to sink: inout ByteSink) {
        var position: Int64 = 0
        func emit(_ bytes: [UInt8], _ sink: inout ByteSink) {
            bytes.withUnsafeBytes { sink.block($0) }
            position += Int64(bytes.count)
        }
        emit(ParquetFileReader.magic, &sink)

        var groupCount = 0
        var groupBodies: [[UInt8]] = []
        let columns = frame.columns
        var start = 0
        while start < frame.rowCount {
            let end = min(start + max(groupRows, 1), frame.rowCount)
            let slots = ParallelSlots<ParquetColumnWriter.Chunk>(count: columns.count)
            let range = start..<end
            DispatchQueue.concurrentPerform(iterations: columns.count) { c in
                slots.set(c, ParquetColumnWriter(column: columns[c], range: range, codec: codec, pageBytes: pageBytes).encode())
            }
            var group = ThriftWriter()
            group.beginList(1, .structure, count: columns.count)
            let groupStart = position
            var totalUncompressed: Int64 = 0
            for (c, chunk) in slots.results().enumerated() {
                guard let chunk else { continue }
                let chunkStart = position
                emit(chunk.bytes, &sink)
                totalUncompressed += chunk.uncompressedSize
                group.beginElementStruct()
                group.i64(2, chunkStart)
                group.beginStruct(3)
                group.i32(1, chunk.physical)
                group.beginList(2, .i32, count: chunk.encodings.count)
                for e in chunk.encodings { group.elementI32(e) }
                group.beginList(3, .binary, count: 1)
                group.elementString(frame.fields[c].name)
                group.i32(4, ParquetConstants.codecValue(chunk.codec))
                group.i64(5, chunk.values)
                group.i64(6, chunk.uncompressedSize)
                group.i64(7, Int64(chunk.bytes.count))
                group.i64(9, chunkStart + chunk.dataPageOffset)
                if let d = chunk.dictionaryPageOffset { group.i64(11, chunkStart + d) }
                group.beginStruct(12)
                group.i64(3, chunk.nulls)
                if let (lo, hi) = chunk.minMax {
                    group.binary(5, hi)
                    group.binary(6, lo)
                }
                group.endStruct()
                group.endStruct()
                group.endStruct()
            }
            group.i64(2, totalUncompressed)
            group.i64(3, Int64(end - start))
            group.i64(5, groupStart)
            group.i64(6, position - groupStart)
            group.i16(7, Int16(truncatingIfNeeded: groupCount))
            groupBodies.append(group.finish())
            groupCount += 1
            start = end
        }

        var footer = ThriftWriter()
        footer.i32(1, 2)
        footer.beginList(2, .structure, count: frame.fields.count + 1)
        footer.beginElementStruct()
        footer.string(4, "schema")
        footer.i32(5, Int32(frame.fields.count))
        footer.endStruct()
        for field in frame.fields { schemaElement(field, into: &footer) }
        footer.i64(3, Int64(frame.rowCount))
        footer.beginList(4, .structure, count: groupCount)
        for body in groupBodies { footer.rawStruct(body) }
        let pairs = metadata + [(ParquetArrowSchema.key, ParquetArrowSchema.encode(frame, metadata: metadata))]
        footer.beginList(5, .structure, count: pairs.count)
        for (k, v) in pairs {
            footer.beginElementStruct()
            footer.string(1, k)
            footer.string(2, v)
            footer.endStruct()
        }
        footer.string(6, "ipdr")
        footer.beginList(7, .structure, count: frame.fields.count)
        for _ in frame.fields {
            footer.beginElementStruct()
            footer.beginStruct(1)
            footer.endStruct()
            footer.endStruct()
        }
        let bytes = footer.finish()
        emit(bytes, &sink)
        emit(withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { Array($0) } + ParquetFileReader.magic, &sink)
        sink.flush()
    }

    private static func schemaElement(_ field: Field, into w: inout ThriftWriter) {
        w.beginElementStruct()
        w.i32(1, ParquetColumnWriter.physical(field.type))
        if field.type == .ip { w.i32(2, 16) }
        w.i32(3, Int32(ParquetConstants.optional))
        w.string(4, field.name)
        switch field.type {
        case .string:
            w.i32(6, Int32(ParquetConstants.convertedUTF8))
            w.beginStruct(10)
            w.beginStruct(1)
            w.endStruct()
            w.endStruct()
        case .timestamp:
            w.i32(6, Int32(ParquetConstants.convertedTimestampMicros))
            w.beginStruct(10)
            w.beginStruct(8)
            w.bool(1, true)
            w.beginStruct(2)
            w.beginStruct(2)
            w.endStruct()
            w.endStruct()
            w.endStruct()
            w.endStruct()
        case .int:
            w.i32(6, Int32(ParquetConstants.convertedInt64))
            w.beginStruct(10)
            w.beginStruct(10)
            w.i8(1, 64)
            w.bool(2, true)
            w.endStruct()
            w.endStruct()
        case .float, .bool, .duration, .ip:
            break
        }
        w.endStruct()
    }
}
