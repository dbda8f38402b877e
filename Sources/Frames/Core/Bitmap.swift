/// A packed bit vector in Arrow's layout: bit `i` lives in byte `i / 8` at
/// position `i % 8` (least significant bit first). Stored as 64-bit words,
/// whose little-endian memory image is exactly the Arrow byte layout.
///
/// Used for validity (bit set = value present) and for boolean values.
public struct Bitmap: Sendable, Equatable {
    /// The words holding the bits; bits past `count` are zero.
    public var words: [UInt64]
    /// The number of bits.
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let wordCount = (count + 63) >> 6
        if value {
            var w = [UInt64](repeating: ~0, count: wordCount)
            let tail = count & 63
            if tail != 0 { w[wordCount - 1] = (1 << UInt64(tail)) - 1 }
            words = w
        } else {
            words = [UInt64](repeating: 0, count: wordCount)
        }
    }

    /// A bitmap from existing words; bits past `count` must be zero.
    public init(words: [UInt64], count: Int) {
        precondition(words.count == (count + 63) >> 6, "bitmap word count mismatch")
        self.words = words
        self.count = count
    }

    /// A bitmap from booleans.
    public init<S: Sequence>(_ bits: S) where S.Element == Bool {
        var w: [UInt64] = []
        var current: UInt64 = 0
        var n = 0
        for b in bits {
            if b { current |= 1 << UInt64(n & 63) }
            n += 1
            if n & 63 == 0 { w.append(current); current = 0 }
        }
        if n & 63 != 0 { w.append(current) }
        words = w
        count = n
    }

    /// Reads or writes bit `i`.
    @inlinable
    public subscript(i: Int) -> Bool {
        get { (words[i >> 6] >> UInt64(i & 63)) & 1 == 1 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    /// Appends one bit.
    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// The number of set bits.
    public var setCount: Int {
        var n = 0
        for w in words { n += w.nonzeroBitCount }
        return n
    }

    /// True when every bit is set.
    public var allSet: Bool { setCount == count }

    /// Bitwise and of two bitmaps of equal length.
    public static func & (a: Bitmap, b: Bitmap) -> Bitmap {
        precondition(a.count == b.count)
        var w = a.words
        w.withUnsafeMutableBufferPointer { p in
            b.words.withUnsafeBufferPointer { q in
                for i in 0..<p.count { p[i] &= q[i] }
            }
        }
        return Bitmap(words: w, count: a.count)
    }

    /// Bitwise or of two bitmaps of equal length.
    public static func | (a: Bitmap, b: Bitmap) -> Bitmap {
        precondition(a.count == b.count)
        var w = a.words
        w.withUnsafeMutableBufferPointer { p in
            b.words.withUnsafeBufferPointer { q in
                for i in 0..<p.count { p[i] |= q[i] }
            }
        }
        return Bitmap(words: w, count: a.count)
    }

    /// Bitwise not (bits past `count` stay zero).
    public static prefix func ~ (a: Bitmap) -> Bitmap {
        var w = a.words.map { ~$0 }
        let tail = a.count & 63
        if tail != 0, !w.isEmpty { w[w.count - 1] &= (1 << UInt64(tail)) - 1 }
        return Bitmap(words: w, count: a.count)
    }

    /// Positions of the set bits, in order: a selection vector.
    public func setIndices() -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(setCount)
        for (wi, word) in words.enumerated() {
            var w = word
            while w != 0 {
                let bit = w.trailingZeroBitCount
                out.append(Int32(wi << 6 + bit))
                w &= w - 1
            }
        }
        return out
    }
}
