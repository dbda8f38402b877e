/// Decodes compact-protocol Thrift structs from untrusted bytes: every length
/// and count is checked against the input and nesting is bounded, so damaged
/// metadata gives an error, never a crash.
struct ThriftReader {
    /// The input; it must stay valid while the reader is used.
    let bytes: UnsafeRawBufferPointer
    /// The read position.
    private(set) var position: Int
    private static let maxDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Reads one struct (up to its stop byte).
    mutating func readStruct() throws(ParquetFormatError) -> ThriftStruct {
        try structure(depth: 0)
    }

    private mutating func byte() throws(ParquetFormatError) -> UInt8 {
        guard position < bytes.count else { throw .damaged("Thrift metadata ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func varint() throws(ParquetFormatError) -> UInt64 {
        try Varint.read(bytes, at: &position, what: "Thrift metadata")
    }

    private mutating func zigzag() throws(ParquetFormatError) -> Int64 {
        try Varint.readZigzag(bytes, at: &position, what: "Thrift metadata")
    }

    private mutating func structure(depth: Int) throws(ParquetFormatError) -> ThriftStruct {
        guard depth < Self.maxDepth else { throw .damaged("Thrift metadata is nested too deeply") }
        var s = ThriftStruct()
        var last: Int16 = 0
        while true {
            let header = try byte()
            if header == 0 { return s }
            let type = header & 0x0F
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                id = last &+ Int16(delta)
            } else {
                let raw = try zigzag()
                guard let v = Int16(exactly: raw) else { throw .damaged("a Thrift field id is out of range") }
                id = v
            }
            last = id
            s.fields[id] = try value(type: type, depth: depth)
        }
    }

    private mutating func value(type: UInt8, depth: Int) throws(ParquetFormatError) -> ThriftValue {
        switch type {
        case 1: return .bool(true)
        case 2: return .bool(false)
        case 3: return .int(Int64(Int8(bitPattern: try byte())))
        case 4, 5, 6: return .int(try zigzag())
        case 7:
            guard position + 8 <= bytes.count else { throw .damaged("Thrift metadata ends early") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[position + i]) << UInt64(8 * i) }
            position += 8
            return .double(Double(bitPattern: bits))
        case 8:
            let n = try varint()
            guard n <= UInt64(bytes.count - position) else { throw .damaged("a Thrift string runs past the end") }
            let start = position
            position += Int(n)
            return .binary(ArraySlice(Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))))
        case 9, 10:
            let header = try byte()
            var count = Int(header >> 4)
            if count == 15 {
                let n = try varint()
                guard n <= UInt64(bytes.count - position) else { throw .damaged("a Thrift list is longer than the metadata") }
                count = Int(n)
            }
            let elementType = header & 0x0F
            var items: [ThriftValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                if elementType == 1 || elementType == 2 {
                    items.append(.bool(try byte() == 1))
                } else {
                    items.append(try value(type: elementType, depth: depth + 1))
                }
            }
            return type == 9 ? .list(items) : .other
        case 11:
            let n = try varint()
            guard n <= UInt64(bytes.count - position) else { throw .damaged("a Thrift map is longer than the metadata") }
            if n == 0 { return .other }
            let types = try byte()
            // Inside a map, as inside a list, a bool takes a byte of its own.
            func element(_ type: UInt8) throws(ParquetFormatError) {
                if type == 1 || type == 2 { _ = try byte() } else { _ = try value(type: type, depth: depth + 1) }
            }
            for _ in 0..<n {
                try element(types >> 4)
                try element(types & 0x0F)
            }
            return .other
        case 12: return .structure(try structure(depth: depth + 1))
        default: throw .damaged("unknown Thrift type code \(type)")
        }
    }
}
