import Dispatch

/// Reads Parquet files with flat schemas — ipdr's own and what pyarrow,
/// pandas and DuckDB write with their defaults — into a frame. Columns are
/// decoded on all cores, one column per task.
enum ParquetFileReader {
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// True when the bytes start with the Parquet magic.
    static func isParquet(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && Array(bytes[0..<4]) == magic
    }

    /// What the file holds: the frame, the key-value metadata (without the Arrow schema), notes.
    struct Contents {
        var frame: Frame
        var metadata: [(String, String)]
        var notes: [String]
    }

    /// The footer of a file.
    static func metadata(_ bytes: UnsafeRawBufferPointer) throws(ParquetFormatError) -> ParquetFileMetadata {
        let n = bytes.count
        guard n >= 12, isParquet(bytes), Array(bytes[(n - 4)..<n]) == magic else {
            if n >= 4, Array(bytes[(n - 4)..<n]) == Array("PARE".utf8) {
                throw .unsupported("the file is encrypted (PARE), which ipdr does not read")
            }
            throw .damaged("the file does not start and end with PAR1 (truncated, or not Parquet?)")
        }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt32.self)))
        guard length > 0, length <= n - 12 else { throw .damaged("the footer length \(length) is out of bounds") }
        var reader = ThriftReader(UnsafeRawBufferPointer(rebasing: bytes[(n - 8 - length)..<(n - 8)]))
        return try ParquetFileMetadata(try reader.readStruct(), fileSize: n)
    }

    /// Decodes a whole file; `isCancelled` is polled between column chunks
    /// (a cancelled decode throws, and the caller reports the cancellation).
    static func decode(_ bytes: UnsafeRawBufferPointer, isCancelled: (@Sendable () -> Bool)? = nil) throws(ParquetFormatError) -> Contents {
        let meta = try metadata(bytes)
        for leaf in meta.leaves {
            if case .unsupported(let type) = leaf.kind {
                throw .unsupported("column `\(leaf.name)` has the Parquet type \(type), which ipdr does not read")
            }
        }
        let count = meta.leaves.count
        let columns = ParallelSlots<Result<Column, ParquetFormatError>>(count: count)
        nonisolated(unsafe) let file = bytes
        let groups = meta.rowGroups
        let leaves = meta.leaves
        DispatchQueue.concurrentPerform(iterations: count) { c in
            var reader = ParquetColumnReader(leaves[c])
            do throws(ParquetFormatError) {
                for (g, group) in groups.enumerated() {
                    if let isCancelled, isCancelled() { throw ParquetFormatError.damaged("cancelled") }
                    do throws(ParquetFormatError) {
                        try reader.read(group.chunks[c], rows: group.rows, in: file)
                    } catch {
                        throw Self.located(error, column: leaves[c].name, group: g, groups: groups.count)
                    }
                }
                columns.set(c, .success(reader.finish()))
            } catch {
                columns.set(c, .failure(error))
            }
        }
        var fields: [Field] = []
        var built: [Column] = []
        var notes: [String] = []
        for (c, result) in columns.results().enumerated() {
            guard let result else { throw .damaged("column `\(leaves[c].name)` was not read") }
            let column = try result.get()
            built.append(column)
            fields.append(Field(leaves[c].name, column.type, sourceName: leaves[c].sourceName))
            switch leaves[c].kind {
            case .timestamp(_, utc: false), .int96Timestamp:
                notes.append("column `\(leaves[c].name)`: timestamps without a zone read as UTC")
            case .decimal:
                notes.append("column `\(leaves[c].name)`: decimals read as float")
            default: break
            }
        }
        let metadata = meta.keyValues.filter { $0.0 != ParquetArrowSchema.key }
        return Contents(frame: Frame(fields: fields, columns: built, rowCount: meta.rows), metadata: metadata, notes: notes)
    }

    private static func located(_ e: ParquetFormatError, column: String, group: Int, groups: Int) -> ParquetFormatError {
        let place = groups > 1 ? "column `\(column)`, row group \(group + 1) of \(groups)" : "column `\(column)`"
        switch e {
        case .damaged(let r): return .damaged("\(place): \(r)")
        case .unsupported(let r): return .unsupported(r.contains("`\(column)`") ? r : "\(place): \(r)")
        }
    }
}
