/// Appends runs of bits to a growing Arrow-layout bit vector.
struct BitAppender {
    private(set) var words: [UInt64] = []
    private(set) var count = 0

    init(capacity: Int) { words.reserveCapacity((capacity + 63) >> 6) }

    /// Appends the first `n` bits of `source`.
    mutating func append(_ source: [UInt64], _ n: Int) {
        source.withUnsafeBufferPointer { append($0, n) }
    }

    /// Appends the first `n` bits of `source`.
    mutating func append(_ source: UnsafeBufferPointer<UInt64>, _ n: Int) {
        guard n > 0 else { return }
        let shift = count & 63
        let fullWords = n >> 6
        if shift == 0 {
            words.append(contentsOf: UnsafeBufferPointer(rebasing: source[0..<min(source.count, (n + 63) >> 6)]))
        } else {
            for w in 0..<((n + 63) >> 6) {
                let v = source[w]
                words[words.count - 1] |= v << UInt64(shift)
                let bitsHere = w < fullWords ? 64 : n & 63
                if bitsHere > 64 - shift { words.append(v >> UInt64(64 - shift)) }
            }
        }
        count += n
        // Keep bits past `count` zero and the word count exact.
        let needed = (count + 63) >> 6
        if words.count > needed { words.removeLast(words.count - needed) }
        if count & 63 != 0 { words[needed - 1] &= (1 << UInt64(count & 63)) - 1 }
    }

    /// Appends `n` copies of one bit.
    mutating func append(repeating bit: Bool, _ n: Int) {
        guard n > 0 else { return }
        let b = Bitmap(count: n, value: bit)
        append(b.words, n)
    }

    /// The bits as a bitmap.
    var bitmap: Bitmap { Bitmap(words: words, count: count) }
}
