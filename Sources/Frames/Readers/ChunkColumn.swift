/// One column of one parsed chunk, ready to be joined with the other chunks.
struct ChunkColumn: Sendable {
    var kind: ValueKind
    var rows: Int
    /// Validity bits (set = present), `rows` of them.
    var validity: ChunkBuffer<UInt64>
    var ints = ChunkBuffer<Int64>()
    var floats = ChunkBuffer<Double>()
    var bools = ChunkBuffer<UInt64>()
    var ips = ChunkBuffer<IPAddress>()
    /// Plain strings (`large_utf8` offsets and bytes), when not dictionary-encoded.
    var plain: (offsets: ChunkBuffer<Int64>, bytes: ChunkBuffer<UInt8>)?
    /// Dictionary-encoded strings.
    var indices = ChunkBuffer<Int32>()
    var dictionary: PlainStrings?
}
