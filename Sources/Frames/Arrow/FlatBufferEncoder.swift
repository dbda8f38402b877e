/// Encodes a `FlatValue` tree as a flatbuffer, laying every object out after
/// the one that refers to it (flatbuffers offsets point forward), with each
/// scalar aligned to its size from the start of the buffer.
///
/// The buffer must be placed at an 8-byte aligned position (Arrow messages are).
struct FlatBufferEncoder {
    private(set) var bytes: [UInt8] = []

    /// The flatbuffer whose root table is `root`.
    static func encode(_ root: FlatValue) -> [UInt8] {
        var e = FlatBufferEncoder()
        e.bytes = [0, 0, 0, 0]
        let position = e.place(root)
        e.patchOffset(at: 0, to: position)
        while e.bytes.count % 8 != 0 { e.bytes.append(0) }
        return e.bytes
    }

    private mutating func align(_ alignment: Int, plus extra: Int = 0) {
        while (bytes.count + extra) % alignment != 0 { bytes.append(0) }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func store<T: FixedWidthInteger>(_ value: T, at position: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (i, b) in raw.enumerated() { bytes[position + i] = b }
        }
    }

    private mutating func patchOffset(at position: Int, to target: Int) {
        store(UInt32(target - position), at: position)
    }

    /// Writes an object (string, table or vector) at the end and returns its position.
    private mutating func place(_ value: FlatValue) -> Int {
        switch value {
        case .string(let s):
            align(4)
            let p = bytes.count
            let utf8 = Array(s.utf8)
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
            bytes.append(0)
            return p
        case .vector(let items):
            align(4)
            let p = bytes.count
            append(UInt32(items.count))
            let slots = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: 4 * items.count))
            for (i, item) in items.enumerated() {
                let child = place(item)
                patchOffset(at: slots + 4 * i, to: child)
            }
            return p
        case .structs(let size, let data):
            align(8, plus: 4)
            let p = bytes.count
            append(UInt32(size == 0 ? 0 : data.count / size))
            bytes.append(contentsOf: data)
            return p
        case .table(let fields):
            return placeTable(fields)
        case .bool, .uint8, .int16, .int32, .int64:
            preconditionFailure("a scalar is not an object")
        }
    }

    private mutating func placeTable(_ fields: [FlatValue?]) -> Int {
        // Inline layout: the vtable offset (4 bytes) at a position ≡ 4 (mod 8),
        // then fields by falling size, so each lands aligned without padding.
        let present = fields.indices.filter { fields[$0] != nil }
            .sorted { (fields[$0]!.inlineSize, -$0) > (fields[$1]!.inlineSize, -$1) }
        var fieldOffset = [Int](repeating: 0, count: fields.count)
        var cursor = 4
        for slot in present {
            fieldOffset[slot] = cursor
            cursor += fields[slot]!.inlineSize
        }
        let inlineSize = cursor
        align(2)
        let vtable = bytes.count
        append(UInt16(4 + 2 * fields.count))
        append(UInt16(inlineSize))
        for slot in fields.indices { append(UInt16(fieldOffset[slot])) }
        align(8, plus: 4)
        let table = bytes.count
        append(Int32(table - vtable))
        bytes.append(contentsOf: repeatElement(0, count: inlineSize - 4))
        for slot in present {
            let at = table + fieldOffset[slot]
            switch fields[slot]! {
            case .bool(let b): bytes[at] = b ? 1 : 0
            case .uint8(let v): bytes[at] = v
            case .int16(let v): store(v, at: at)
            case .int32(let v): store(v, at: at)
            case .int64(let v): store(v, at: at)
            case .string, .table, .vector, .structs: break
            }
        }
        for slot in present {
            switch fields[slot]! {
            case .string, .table, .vector, .structs:
                let child = place(fields[slot]!)
                patchOffset(at: table + fieldOffset[slot], to: child)
            default: break
            }
        }
        return table
    }
}
