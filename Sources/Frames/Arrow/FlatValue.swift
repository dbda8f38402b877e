/// A flatbuffers object to encode, described as a tree: a table is a list of
/// field slots in schema order (nil = absent, the reader's default applies).
///
/// Only what the Arrow IPC metadata needs: scalars, strings, tables, vectors
/// of tables or strings, and vectors of fixed-size structs.
indirect enum FlatValue {
    case bool(Bool)
    case uint8(UInt8)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case string(String)
    case table([FlatValue?])
    /// A vector of tables or strings.
    case vector([FlatValue])
    /// A vector of structs of `size` bytes each (8-byte aligned), already laid out little-endian.
    case structs(size: Int, bytes: [UInt8])

    /// The inline size of the value in a table (offsets are 4 bytes).
    var inlineSize: Int {
        switch self {
        case .bool, .uint8: return 1
        case .int16: return 2
        case .int32: return 4
        case .int64: return 8
        case .string, .table, .vector, .structs: return 4
        }
    }
}
