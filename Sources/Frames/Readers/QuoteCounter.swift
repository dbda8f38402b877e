/// Counts bytes equal to a given value, eight at a time.
enum QuoteCounter {
    /// The number of bytes equal to `byte` in `p[from..<to]`.
    ///
    /// - Complexity: O(n) with word-at-a-time comparison.
    static func count(_ byte: UInt8, in p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        var total = 0
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= to {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ pattern
            let t = ~(((x & low7) &+ low7) | x | low7)
            total += t.nonzeroBitCount
            i += 8
        }
        while i < to {
            if p[i] == byte { total += 1 }
            i += 1
        }
        return total
    }
}
