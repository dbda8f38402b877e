/// Encodes Thrift structs in the compact protocol, the encoding of Parquet's
/// metadata (file footer and page headers).
///
/// Fields are written in increasing id order; `beginStruct`/`endStruct`
/// bracket nested structs so that field-id deltas restart inside them.
struct ThriftWriter {
    /// Compact-protocol type codes.
    enum TypeCode: UInt8 {
        case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private(set) var bytes: [UInt8] = []
    private var lastField: [Int16] = [0]

    init() {}

    private mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    private mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    private mutating func fieldHeader(_ id: Int16, _ type: TypeCode) {
        let last = lastField[lastField.count - 1]
        let delta = Int(id) - Int(last)
        if delta > 0, delta <= 15 {
            bytes.append(UInt8(delta << 4) | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            zigzag(Int64(id))
        }
        lastField[lastField.count - 1] = id
    }

    /// An i32 field (Thrift enums are i32 too).
    mutating func i32(_ id: Int16, _ v: Int32) {
        fieldHeader(id, .i32)
        zigzag(Int64(v))
    }

    /// An i64 field.
    mutating func i64(_ id: Int16, _ v: Int64) {
        fieldHeader(id, .i64)
        zigzag(v)
    }

    /// An i16 field.
    mutating func i16(_ id: Int16, _ v: Int16) {
        fieldHeader(id, .i16)
        zigzag(Int64(v))
    }

    /// An i8 field.
    mutating func i8(_ id: Int16, _ v: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: v))
    }

    /// A bool field (the value lives in the type code).
    mutating func bool(_ id: Int16, _ v: Bool) { fieldHeader(id, v ? .boolTrue : .boolFalse) }

    /// A binary or string field.
    mutating func binary(_ id: Int16, _ v: [UInt8]) {
        fieldHeader(id, .binary)
        varint(UInt64(v.count))
        bytes.append(contentsOf: v)
    }

    /// A string field.
    mutating func string(_ id: Int16, _ v: String) { binary(id, Array(v.utf8)) }

    /// Starts a struct-valued field; close it with `endStruct`.
    mutating func beginStruct(_ id: Int16) {
        fieldHeader(id, .structure)
        lastField.append(0)
    }

    /// Ends the innermost struct (writes its stop byte).
    mutating func endStruct() {
        bytes.append(0)
        lastField.removeLast()
    }

    /// Starts a list-valued field of `count` elements of `type`.
    mutating func beginList(_ id: Int16, _ type: TypeCode, count: Int) {
        fieldHeader(id, .list)
        listHeader(type, count: count)
    }

    private mutating func listHeader(_ type: TypeCode, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count << 4) | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            varint(UInt64(count))
        }
    }

    /// An i32 list element.
    mutating func elementI32(_ v: Int32) { zigzag(Int64(v)) }

    /// A string list element.
    mutating func elementString(_ v: String) {
        let u = Array(v.utf8)
        varint(UInt64(u.count))
        bytes.append(contentsOf: u)
    }

    /// A struct list element already encoded by another writer (fields and stop byte).
    mutating func rawStruct(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

    /// Starts a struct list element; close it with `endStruct`.
    mutating func beginElementStruct() { lastField.append(0) }

    /// Ends the top-level struct being written (its stop byte).
    mutating func finish() -> [UInt8] {
        bytes.append(0)
        return bytes
    }
}
