/// A column of a Parquet file's schema as ipdr reads it: the physical type
/// and what its annotations (logical or converted type, and the Arrow schema
/// pyarrow and ipdr store in the metadata) make of it.
struct ParquetLeaf {
    /// What the stored values become.
    enum Kind: Equatable {
        case bool
        /// INT32 or INT64; `unsigned` for UINT annotations.
        case int(unsigned: Bool)
        case float
        case string
        /// INT64 (or INT32 via DATE) counts of `unitsPerSecond` since the epoch.
        case timestamp(unitsPerSecond: Int64, utc: Bool)
        /// INT96 Julian day and nanoseconds (Impala, Spark).
        case int96Timestamp
        /// INT32 days since the epoch.
        case date
        /// INT64 of `unitsPerSecond` (from the Arrow schema).
        case duration(unitsPerSecond: Int64)
        /// FIXED_LEN_BYTE_ARRAY(12) INTERVAL: months, days, milliseconds (DuckDB's `INTERVAL`).
        case interval
        /// An unscaled integer (INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY, big-endian) / 10^scale, read as float.
        case decimal(scale: Int)
        /// FIXED_LEN_BYTE_ARRAY(16) marked `ipdr.ip` in the Arrow schema.
        case ip
        /// A column of nulls (logical type UNKNOWN).
        case null
        case unsupported(String)
    }

    var name: String
    var physical: Int64
    var typeLength: Int
    var optional: Bool
    var kind: Kind
    /// The column's original header text, kept in the Arrow schema by ipdr.
    var sourceName: String?

    /// The ipdr type of the column (nil for unsupported kinds).
    var dataType: DataType? {
        switch kind {
        case .bool: return .bool
        case .int: return .int
        case .float, .decimal: return .float
        case .string, .null: return .string
        case .timestamp, .int96Timestamp, .date: return .timestamp
        case .duration, .interval: return .duration
        case .ip: return .ip
        case .unsupported: return nil
        }
    }

    /// Reads a leaf `SchemaElement`, refined by its Arrow schema field when there is one.
    init(_ e: ThriftStruct, arrow: ArrowField?) throws(ParquetFormatError) {
        name = e.string(4) ?? ""
        guard let physical = e.int(1) else { throw .damaged("column `\(name)` has no type") }
        self.physical = physical
        typeLength = Int(clamping: e.int(2) ?? 0)
        guard typeLength >= 0, typeLength <= Int(Int32.max) else { throw .damaged("column `\(name)` has a fixed length of \(typeLength)") }
        let repetition = e.int(3) ?? ParquetConstants.optional
        optional = repetition == ParquetConstants.optional
        sourceName = arrow?.sourceName
        kind = Self.kind(physical: physical, typeLength: typeLength, element: e, arrow: arrow)
        if repetition == ParquetConstants.repeated { kind = .unsupported("a repeated field (a list)") }
    }

    private static func unit(_ u: ThriftStruct?) -> Int64 {
        guard let u else { return 1_000 }
        if u.structure(1) != nil { return 1_000 }
        if u.structure(2) != nil { return 1_000_000 }
        return 1_000_000_000
    }

    private static func kind(physical: Int64, typeLength: Int, element e: ThriftStruct, arrow: ArrowField?) -> Kind {
        let logical = e.structure(10)
        let converted = e.int(6)
        if logical?.structure(11) != nil { return .null }
        let decimalStorage = [ParquetConstants.int32, ParquetConstants.int64, ParquetConstants.byteArray, ParquetConstants.fixedLenByteArray]
        if logical?.structure(5) != nil || converted == ParquetConstants.convertedDecimal {
            guard decimalStorage.contains(physical) else { return .unsupported("DECIMAL stored as \(ParquetConstants.typeName(physical))") }
            return .decimal(scale: Int(clamping: logical?.structure(5)?.int(1) ?? e.int(7) ?? 0))
        }
        switch physical {
        case ParquetConstants.boolean: return .bool
        case ParquetConstants.int32:
            if logical?.structure(6) != nil || converted == ParquetConstants.convertedDate { return .date }
            if logical?.structure(7) != nil || converted == ParquetConstants.convertedTimeMillis { return .unsupported("time of day") }
            if let i = logical?.structure(10) { return .int(unsigned: i.bool(2) == false) }
            if let c = converted, c >= ParquetConstants.convertedUInt8, c < ParquetConstants.convertedUInt8 + 4 { return .int(unsigned: true) }
            return .int(unsigned: false)
        case ParquetConstants.int64:
            if let t = logical?.structure(8) {
                return .timestamp(unitsPerSecond: unit(t.structure(2)), utc: t.bool(1) ?? false)
            }
            if converted == ParquetConstants.convertedTimestampMillis { return .timestamp(unitsPerSecond: 1_000, utc: true) }
            if converted == ParquetConstants.convertedTimestampMicros { return .timestamp(unitsPerSecond: 1_000_000, utc: true) }
            if logical?.structure(7) != nil || converted == ParquetConstants.convertedTimeMicros { return .unsupported("time of day") }
            if case .duration(let units)? = arrow?.kind { return .duration(unitsPerSecond: units) }
            if let i = logical?.structure(10) { return .int(unsigned: i.bool(2) == false) }
            if converted == ParquetConstants.convertedUInt64 { return .int(unsigned: true) }
            return .int(unsigned: false)
        case ParquetConstants.int96: return .int96Timestamp
        case ParquetConstants.float, ParquetConstants.double: return .float
        case ParquetConstants.byteArray:
            if logical?.structure(1) != nil || logical?.structure(4) != nil || logical?.structure(12) != nil { return .string }
            if converted == ParquetConstants.convertedUTF8 || converted == ParquetConstants.convertedEnum
                || converted == ParquetConstants.convertedJSON { return .string }
            if case .utf8? = arrow?.kind { return .string }
            if logical?.structure(13) != nil { return .unsupported("BSON") }
            return .unsupported("binary")
        case ParquetConstants.fixedLenByteArray:
            if typeLength == 16, arrow?.kind == .ip { return .ip }
            if logical?.structure(14) != nil { return .unsupported("uuid") }
            if logical?.structure(15) != nil { return .unsupported("float16") }
            if converted == ParquetConstants.convertedInterval, typeLength == 12 { return .interval }
            return .unsupported("fixed_len_byte_array(\(typeLength))" + (typeLength == 16 ? " without the ipdr.ip marking" : ""))
        default:
            return .unsupported(ParquetConstants.typeName(physical))
        }
    }
}
