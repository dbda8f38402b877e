/// The footer of a Parquet file (`FileMetaData`): its flat schema, row groups
/// and key-value metadata, checked against the file's size.
struct ParquetFileMetadata {
    /// One column chunk of a row group.
    struct Chunk {
        var physical: Int64
        var codec: Compression?
        var valueCount: Int
        /// Where the chunk's first page starts and how many bytes it spans.
        var start: Int
        var length: Int
    }

    struct RowGroup {
        var rows: Int
        var chunks: [Chunk]
    }

    var leaves: [ParquetLeaf]
    var rowGroups: [RowGroup]
    var rows: Int
    var keyValues: [(String, String)]
    var createdBy: String?

    /// Decodes the footer of a file of `fileSize` bytes.
    init(_ footer: ThriftStruct, fileSize: Int) throws(ParquetFormatError) {
        createdBy = footer.string(6)
        keyValues = footer.structs(5).compactMap { kv in kv.string(1).map { ($0, kv.string(2) ?? "") } }
        let arrowFields = ParquetArrowSchema.fields(keyValues.first { $0.0 == ParquetArrowSchema.key }?.1)

        let elements = footer.structs(2)
        guard let root = elements.first else { throw .damaged("the schema is empty") }
        let rootChildren = Int(clamping: root.int(5) ?? 0)
        guard rootChildren >= 0, rootChildren < elements.count || rootChildren == 0 else {
            throw .damaged("the schema announces \(rootChildren) columns and lists \(elements.count - 1)")
        }
        var leaves: [ParquetLeaf] = []
        var at = 1
        for _ in 0..<rootChildren {
            guard at < elements.count else { throw .damaged("the schema lists fewer columns than it announces") }
            let e = elements[at]
            let children = Int(clamping: e.int(5) ?? 0)
            if children > 0 {
                let name = e.string(4) ?? ""
                throw .unsupported("column `\(name)` is a nested group (a list, struct or map), which ipdr does not read")
            }
            let arrow = arrowFields.flatMap { $0.count == rootChildren ? $0[leaves.count] : nil }
            leaves.append(try ParquetLeaf(e, arrow: arrow.flatMap { $0.name == e.string(4) ? $0 : nil }))
            at += 1
        }
        self.leaves = leaves
        rows = Int(clamping: try footer.require(3, "the row count"))

        var groups: [RowGroup] = []
        var total = 0
        for g in footer.structs(4) {
            let rows = Int(clamping: try g.require(3, "a row group's row count"))
            guard rows >= 0, rows <= Int(Int32.max) else { throw .damaged("a row group has \(rows) rows") }
            let columns = g.structs(1)
            guard columns.count == leaves.count else {
                throw .damaged("a row group has \(columns.count) column chunks for \(leaves.count) columns")
            }
            var chunks: [Chunk] = []
            for (i, c) in columns.enumerated() {
                if c.string(1) != nil { throw .unsupported("column `\(leaves[i].name)` is stored in another file") }
                guard let m = c.structure(3) else { throw .unsupported("column `\(leaves[i].name)` has no metadata (an encrypted file?)") }
                let physical = try m.require(1, "a column chunk's type")
                guard physical == leaves[i].physical else { throw .damaged("column `\(leaves[i].name)`'s chunk type differs from the schema") }
                let dataPage = Int(clamping: try m.require(9, "a column chunk's data page offset"))
                let dictionaryPage = Int(clamping: m.int(11) ?? 0)
                let start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage
                let length = Int(clamping: try m.require(7, "a column chunk's size"))
                guard start >= 4, length >= 0, length <= fileSize - start else {
                    throw .damaged("column `\(leaves[i].name)`'s chunk lies outside the file")
                }
                chunks.append(Chunk(physical: physical, codec: try ParquetConstants.codec(try m.require(4, "a codec")),
                                    valueCount: Int(clamping: try m.require(5, "a value count")), start: start, length: length))
            }
            groups.append(RowGroup(rows: rows, chunks: chunks))
            let (sum, overflow) = total.addingReportingOverflow(rows)
            guard !overflow else { throw .damaged("the row groups hold more rows than a frame can") }
            total = sum
        }
        guard total == rows else { throw .damaged("the row groups hold \(total) rows, the footer says \(rows)") }
        rowGroups = groups
    }
}
