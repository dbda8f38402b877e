/// The unsigned LEB128 varints and zigzag integers of Parquet: in Thrift
/// metadata, RLE run headers and delta-encoded pages.
enum Varint {
    /// The varint at `at` in `bytes` (advancing `at`); `what` names the data in errors.
    static func read(_ bytes: UnsafeRawBufferPointer, at: inout Int, what: String) throws(ParquetFormatError) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard at < bytes.count else { throw .damaged("\(what) ends early") }
            let b = bytes[at]
            at += 1
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw .damaged("a varint in \(what) is too long") }
        }
    }

    /// The zigzag-encoded signed integer at `at`.
    static func readZigzag(_ bytes: UnsafeRawBufferPointer, at: inout Int, what: String) throws(ParquetFormatError) -> Int64 {
        let v = try read(bytes, at: &at, what: what)
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }
}
