/// One column of one parsed chunk, ready to be joined with the other chunks.
struct ChunkColumn: Sendable {
    var kind: ValueKind
    var rows: Int
    /// Validity bits (set = present), `rows` of them.
    var validity: [UInt64]
    var ints: [Int64] = []
    var floats: [Double] = []
    var bools: [UInt64] = []
    var ips: [IPAddress] = []
    /// Plain strings, when not dictionary-encoded.
    var plain: PlainStrings?
    /// Dictionary-encoded strings.
    var indices: [Int32] = []
    var dictionary: PlainStrings?
}
