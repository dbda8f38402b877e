/// A column of an Arrow schema as ipdr reads it.
struct ArrowField {
    /// The Arrow types ipdr turns into columns.
    enum Kind: Equatable {
        case null
        case int(bits: Int, signed: Bool)
        case float(bits: Int)
        case bool
        case utf8(large: Bool)
        case timestamp(unitsPerSecond: Int64, zone: String?)
        case duration(unitsPerSecond: Int64)
        /// interval[day_time] (`dayTime`) or interval[month_day_nano], read as a duration when it has no months.
        case interval(dayTime: Bool)
        case date(days: Bool)
        case ip
        /// Any other type, by name (reported when the column is read).
        case unsupported(String)
    }

    var name: String
    var kind: Kind
    /// Set for dictionary-encoded columns: the dictionary id and index width.
    var dictionary: (id: Int64, bits: Int, signed: Bool)?
    var sourceName: String?

    /// Reads a `Field` table.
    init(_ t: FlatBufferTable) throws(ArrowFormatError) {
        name = try t.string(0) ?? ""
        var metadata: [String: String] = [:]
        for kv in try t.tables(6) {
            if let k = try kv.string(0) { metadata[k] = try kv.string(1) ?? "" }
        }
        sourceName = metadata[ArrowSchemaEncoding.sourceNameKey]
        let tag: UInt8 = try t.scalar(2, 0)
        let type = try t.table(3)
        kind = try Self.kind(tag: tag, type: type, extensionName: metadata["ARROW:extension:name"])
        if let d = try t.table(4) {
            let id: Int64 = try d.scalar(0, 0)
            let index = try d.table(1)
            let bits: Int32 = try index?.scalar(0, 32) ?? 32
            guard [8, 16, 32, 64].contains(bits) else { throw .damaged("a dictionary index of \(bits) bits") }
            dictionary = (id, Int(bits), try index?.bool(1) ?? true)
        }
    }

    static func units(_ unit: Int16) -> Int64 {
        switch unit {
        case 0: return 1
        case 1: return 1_000
        case 2: return 1_000_000
        default: return 1_000_000_000
        }
    }

    static func kind(tag: UInt8, type: FlatBufferTable?, extensionName: String?) throws(ArrowFormatError) -> Kind {
        switch tag {
        case 1: return .null
        case 2:
            let bits: Int32 = try type?.scalar(0, 0) ?? 0
            guard [8, 16, 32, 64].contains(bits) else { throw .damaged("an int type of \(bits) bits") }
            return .int(bits: Int(bits), signed: try type?.bool(1) ?? false)
        case 3:
            let precision: Int16 = try type?.scalar(0, 0) ?? 0
            if precision == 0 { return .unsupported("float16") }
            return .float(bits: precision == 1 ? 32 : 64)
        case 4: return .unsupported("binary")
        case 5: return .utf8(large: false)
        case 6: return .bool
        case 7: return .unsupported("decimal")
        case 8:
            let unit: Int16 = try type?.scalar(0, 1) ?? 1
            return .date(days: unit == 0)
        case 9: return .unsupported("time of day")
        case 10:
            let unit: Int16 = try type?.scalar(0, 0) ?? 0
            return .timestamp(unitsPerSecond: units(unit), zone: try type?.string(1))
        case 11:
            let unit: Int16 = try type?.scalar(0, 0) ?? 0
            if unit == 0 { return .unsupported("interval[year_month]") }
            return .interval(dayTime: unit == 1)
        case 15:
            let width: Int32 = try type?.scalar(0, 0) ?? 0
            if width == 16, extensionName == ArrowSchemaEncoding.ipExtensionName { return .ip }
            return .unsupported("fixed_size_binary(\(width))" + (width == 16 ? " without the ipdr.ip extension" : ""))
        case 18:
            let unit: Int16 = try type?.scalar(0, 1) ?? 1
            return .duration(unitsPerSecond: units(unit))
        case 19: return .unsupported("large_binary")
        case 20: return .utf8(large: true)
        case 24: return .unsupported("string_view")
        case 12, 16, 21, 25, 26: return .unsupported("list")
        case 13: return .unsupported("struct")
        case 14: return .unsupported("union")
        case 17: return .unsupported("map")
        case 22: return .unsupported("run-end encoded")
        default: return .unsupported("type \(tag)")
        }
    }

    /// The ipdr type of the column (nil for unsupported types).
    var dataType: DataType? {
        switch kind {
        case .null, .utf8: return .string
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .timestamp, .date: return .timestamp
        case .duration, .interval: return .duration
        case .ip: return .ip
        case .unsupported: return nil
        }
    }

    /// The number of buffers the type has in a record batch.
    var bufferCount: Int {
        if dictionary != nil { return 2 }
        switch kind {
        case .null: return 0
        case .utf8: return 3
        default: return 2
        }
    }
}
