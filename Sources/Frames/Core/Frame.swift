/// A column's name and type, with the name it had in the source file when a
/// profile or the reader renamed it.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    /// The column's original header text, when it differs from `name`.
    public var sourceName: String?

    public init(_ name: String, _ type: DataType, sourceName: String? = nil) {
        self.name = name
        self.type = type
        self.sourceName = sourceName
    }
}

/// A table: equally long named columns. Frames are immutable values; stages
/// build new frames that share unchanged column buffers.
public struct Frame: Sendable {
    public private(set) var fields: [Field]
    public private(set) var columns: [Column]
    public let rowCount: Int

    /// A frame from fields and columns of equal length.
    public init(fields: [Field], columns: [Column], rowCount: Int? = nil) {
        precondition(fields.count == columns.count, "fields and columns differ in number")
        let n = rowCount ?? columns.first?.count ?? 0
        for (f, c) in zip(fields, columns) {
            precondition(c.count == n, "column \(f.name) has \(c.count) rows, frame has \(n)")
            precondition(c.type == f.type, "column \(f.name) is \(c.type), field says \(f.type)")
        }
        self.fields = fields
        self.columns = columns
        self.rowCount = n
    }

    /// A frame from (name, column) pairs.
    public init(_ pairs: [(String, Column)]) {
        self.init(fields: pairs.map { Field($0.0, $0.1.type) }, columns: pairs.map { $0.1 })
    }

    /// An empty frame with no columns.
    public static let empty = Frame(fields: [], columns: [], rowCount: 0)

    /// Column names in order.
    public var names: [String] { fields.map(\.name) }

    /// Index of the column with this name.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// The column with this name.
    public func column(_ name: String) -> Column? { index(of: name).map { columns[$0] } }

    /// A copy with one column added at the end, or replaced in place when the name exists.
    public func setting(_ name: String, _ column: Column, sourceName: String? = nil) -> Frame {
        var f = fields, c = columns
        if let i = index(of: name) {
            f[i] = Field(name, column.type, sourceName: sourceName ?? f[i].sourceName)
            c[i] = column
        } else {
            f.append(Field(name, column.type, sourceName: sourceName))
            c.append(column)
        }
        return Frame(fields: f, columns: c, rowCount: columns.isEmpty ? column.count : rowCount)
    }

    /// A copy keeping the columns at these indices, in this order.
    public func projecting(_ indices: [Int]) -> Frame {
        Frame(fields: indices.map { fields[$0] }, columns: indices.map { columns[$0] }, rowCount: rowCount)
    }

    /// A copy with fields renamed (same columns).
    public func withFields(_ newFields: [Field]) -> Frame {
        Frame(fields: newFields, columns: columns, rowCount: rowCount)
    }

    /// Approximate bytes held by the column buffers.
    public var memoryBytes: Int {
        var total = 0
        for c in columns {
            switch c.values {
            case .int(let a), .timestamp(let a), .duration(let a): total += a.count * 8
            case .float(let a): total += a.count * 8
            case .bool(let b): total += b.words.count * 8
            case .ip(let a): total += a.count * 16
            case .string(.plain(let p)): total += p.offsets.count * 8 + p.bytes.count
            case .string(.dictionary(let idx, let d)): total += idx.count * 4 + d.offsets.count * 8 + d.bytes.count
            }
            if let v = c.validity { total += v.words.count * 8 }
        }
        return total
    }
}
