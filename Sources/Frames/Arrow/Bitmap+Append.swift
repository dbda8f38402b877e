extension Bitmap {
    /// Appends the bits of `other`, a word at a time when this bitmap ends on a word boundary.
    mutating func append(contentsOf other: Bitmap) {
        if count & 63 == 0 {
            self = Bitmap(words: words + other.words, count: count + other.count)
            return
        }
        for i in 0..<other.count { append(other[i]) }
    }

    /// `count` bits copied from Arrow bytes (least-significant bit first); bits past `count` are cleared.
    init(arrowBytes: UnsafeRawBufferPointer, count: Int) {
        var words = [UInt64](repeating: 0, count: (count + 63) >> 6)
        let bytes = min(arrowBytes.count, (count + 7) >> 3)
        if bytes > 0, let source = arrowBytes.baseAddress {
            words.withUnsafeMutableBytes { $0.baseAddress?.copyMemory(from: source, byteCount: bytes) }
        }
        for i in words.indices { words[i] = UInt64(littleEndian: words[i]) }
        let tail = count & 63
        if tail != 0 { words[words.count - 1] &= (1 << UInt64(tail)) - 1 }
        self.init(words: words, count: count)
    }
}
