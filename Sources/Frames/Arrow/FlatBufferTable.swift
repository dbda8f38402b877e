/// Read access to one table of a flatbuffer held in untrusted bytes: every
/// offset is checked against the buffer, so damaged metadata gives an error
/// rather than a crash.
struct FlatBufferTable {
    let buffer: UnsafeRawBufferPointer
    /// The table's position in `buffer`.
    let position: Int
    private let vtable: Int
    private let vtableSize: Int

    /// The root table of the flatbuffer `buffer`.
    init(root buffer: UnsafeRawBufferPointer) throws(ArrowFormatError) {
        let offset = try Self.load(UInt32.self, buffer, 0)
        try self.init(buffer, at: Int(offset))
    }

    init(_ buffer: UnsafeRawBufferPointer, at position: Int) throws(ArrowFormatError) {
        self.buffer = buffer
        self.position = position
        let back = try Self.load(Int32.self, buffer, position)
        let vt = position - Int(back)
        let size = Int(try Self.load(UInt16.self, buffer, vt))
        guard size >= 4, vt + size <= buffer.count else { throw .damaged("a flatbuffer vtable is out of bounds") }
        vtable = vt
        vtableSize = size
    }

    static func load<T: FixedWidthInteger>(_: T.Type, _ buffer: UnsafeRawBufferPointer, _ at: Int) throws(ArrowFormatError) -> T {
        guard at >= 0, at + MemoryLayout<T>.size <= buffer.count else { throw .damaged("a flatbuffer offset is out of bounds") }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: T.self))
    }

    /// The position of field `slot`, or nil when absent.
    private func fieldPosition(_ slot: Int) throws(ArrowFormatError) -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try Self.load(UInt16.self, buffer, vtable + entry))
        return offset == 0 ? nil : position + offset
    }

    /// A scalar field, or `fallback` when absent.
    func scalar<T: FixedWidthInteger>(_ slot: Int, _ fallback: T) throws(ArrowFormatError) -> T {
        guard let at = try fieldPosition(slot) else { return fallback }
        return try Self.load(T.self, buffer, at)
    }

    /// A boolean field.
    func bool(_ slot: Int, _ fallback: Bool = false) throws(ArrowFormatError) -> Bool {
        try scalar(slot, UInt8(fallback ? 1 : 0)) != 0
    }

    private func target(_ slot: Int) throws(ArrowFormatError) -> Int? {
        guard let at = try fieldPosition(slot) else { return nil }
        return at + Int(try Self.load(UInt32.self, buffer, at))
    }

    /// A sub-table field.
    func table(_ slot: Int) throws(ArrowFormatError) -> FlatBufferTable? {
        guard let at = try target(slot) else { return nil }
        return try FlatBufferTable(buffer, at: at)
    }

    /// A string field.
    func string(_ slot: Int) throws(ArrowFormatError) -> String? {
        guard let at = try target(slot) else { return nil }
        return try Self.string(buffer, at)
    }

    static func string(_ buffer: UnsafeRawBufferPointer, _ at: Int) throws(ArrowFormatError) -> String {
        let length = Int(try load(UInt32.self, buffer, at))
        guard at + 4 + length <= buffer.count else { throw .damaged("a flatbuffer string is out of bounds") }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[(at + 4)..<(at + 4 + length)]), as: UTF8.self)
    }

    /// A vector of tables (empty when absent).
    func tables(_ slot: Int) throws(ArrowFormatError) -> [FlatBufferTable] {
        guard let at = try target(slot) else { return [] }
        let count = Int(try Self.load(UInt32.self, buffer, at))
        guard at + 4 + 4 * count <= buffer.count else { throw .damaged("a flatbuffer vector is out of bounds") }
        var out: [FlatBufferTable] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let slotAt = at + 4 + 4 * i
            out.append(try FlatBufferTable(buffer, at: slotAt + Int(try Self.load(UInt32.self, buffer, slotAt))))
        }
        return out
    }

    /// True when the field is present (for vectors that must exist).
    func has(_ slot: Int) throws(ArrowFormatError) -> Bool { try fieldPosition(slot) != nil }

    /// A vector of structs of `size` bytes: each element's position (empty when absent).
    func structs(_ slot: Int, size: Int) throws(ArrowFormatError) -> [Int] {
        guard let at = try target(slot) else { return [] }
        let count = Int(try Self.load(UInt32.self, buffer, at))
        guard at + 4 + size * count <= buffer.count else { throw .damaged("a flatbuffer vector is out of bounds") }
        return (0..<count).map { at + 4 + size * $0 }
    }

    /// A 64-bit integer at an absolute position (inside a struct).
    func int64(at position: Int) throws(ArrowFormatError) -> Int64 { try Self.load(Int64.self, buffer, position) }
    /// A 32-bit integer at an absolute position (inside a struct).
    func int32(at position: Int) throws(ArrowFormatError) -> Int32 { try Self.load(Int32.self, buffer, position) }
}
