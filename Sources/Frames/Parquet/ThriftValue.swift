/// A Thrift value decoded from the compact protocol without a schema: Parquet
/// metadata is read into these, then picked apart by field id, so unknown
/// fields (newer writers) are skipped naturally.
enum ThriftValue {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case binary(ArraySlice<UInt8>)
    case list([ThriftValue])
    case structure(ThriftStruct)
    /// Sets and maps, which Parquet metadata does not use, are kept opaque.
    case other
}

/// A decoded Thrift struct: its fields by id.
struct ThriftStruct {
    var fields: [Int16: ThriftValue] = [:]

    /// An integer field (i8…i64, enums).
    func int(_ id: Int16) -> Int64? {
        if case .int(let v)? = fields[id] { return v }
        return nil
    }

    /// A bool field.
    func bool(_ id: Int16) -> Bool? {
        if case .bool(let v)? = fields[id] { return v }
        return nil
    }

    /// A binary field's bytes.
    func binary(_ id: Int16) -> ArraySlice<UInt8>? {
        if case .binary(let v)? = fields[id] { return v }
        return nil
    }

    /// A string field (UTF-8; invalid bytes are replaced).
    func string(_ id: Int16) -> String? { binary(id).map { String(decoding: $0, as: UTF8.self) } }

    /// A struct field.
    func structure(_ id: Int16) -> ThriftStruct? {
        if case .structure(let v)? = fields[id] { return v }
        return nil
    }

    /// A list field (empty when absent).
    func list(_ id: Int16) -> [ThriftValue] {
        if case .list(let v)? = fields[id] { return v }
        return []
    }

    /// A list of structs (other elements are ignored).
    func structs(_ id: Int16) -> [ThriftStruct] {
        list(id).compactMap { if case .structure(let s) = $0 { return s } else { return nil } }
    }

    /// A required integer field, or the error naming what is missing.
    func require(_ id: Int16, _ what: String) throws(ParquetFormatError) -> Int64 {
        guard let v = int(id) else { throw .damaged("\(what) is missing") }
        return v
    }
}
