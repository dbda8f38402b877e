#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of distinct byte strings, each with a dense index in insertion
/// order: the dictionary of a dictionary-encoded string column, and the key
/// table of the JSON reader. Open addressing over flat buffers.
///
/// Each slot holds the full hash, the length and the first 16 bytes of its
/// string, so a lookup of a short string (most identifiers are) touches one
/// slot and no other memory; longer strings compare their tail only after
/// the hash, length and first 16 bytes all matched.
struct ByteDictionary {
    /// One table slot (32 bytes: half a cache line).
    struct Slot {
        /// Bytes 0..<8 and 8..<16 of the string, little-endian, zero-padded.
        var head0: UInt64
        var head1: UInt64
        var hash: UInt64
        var length: Int32
        /// Index + 1; 0 = empty slot.
        var entry: Int32

        static let empty = Slot(head0: 0, head1: 0, hash: 0, length: 0, entry: 0)
    }

    /// The distinct strings, in first-seen order.
    private(set) var strings = PlainStrings()
    /// Capacity is a power of two.
    private var table = [Slot](repeating: .empty, count: 64)

    var count: Int { strings.count }

    /// The first 16 bytes of `p[0..<n]` as two little-endian words, zero-padded,
    /// without reading outside the string.
    @inline(__always)
    static func head(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(p)
        if n >= 16 {
            return (UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        if n >= 8 {
            let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            return (w0, n == 8 ? 0 : last >> UInt64(8 * (16 - n)))
        }
        if n >= 4 {
            let lo = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let hi = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return (lo | (hi >> UInt64(8 * (8 - n))) << 32, 0)
        }
        var w: UInt64 = 0
        var i = 0
        while i < n {
            w |= UInt64(p[i]) << UInt64(8 * i)
            i += 1
        }
        return (w, 0)
    }

    /// The hash of a string from its length, its first 16 bytes, and (when longer) the rest.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int, _ h0: UInt64, _ h1: UInt64) -> UInt64 {
        var h = (h0 ^ 0xCBF2_9CE4_8422_2325) &* 0x9E37_79B9_7F4A_7C15
        h ^= (h1 ^ UInt64(n)) &* 0xC2B2_AE3D_27D4_EB4F
        if n > 16 {
            var i = 16
            while i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                h = (h ^ w) &* 0x0000_0100_0000_01B3
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    /// The index of the string, inserting it when new.
    @inline(__always)
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let (h0, h1) = ByteDictionary.head(p, n)
        let h = ByteDictionary.hash(p, n, h0, h1)
        var mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: Int32 = table.withUnsafeBufferPointer { t in
            while true {
                let s = t[slot]
                if s.entry == 0 { return -1 }
                if s.hash == h, s.head0 == h0, s.head1 == h1, Int(s.length) == n,
                   n <= 16 || tailEquals(Int(s.entry) - 1, p, n) {
                    return s.entry - 1
                }
                slot = (slot + 1) & mask
            }
        }
        if found >= 0 { return found }
        let idx = strings.count
        strings.append(bytes: UnsafeBufferPointer(start: p, count: n))
        if (idx + 1) * 2 > table.count {
            grow()
            mask = table.count - 1
            slot = Int(truncatingIfNeeded: h) & mask
            while table[slot].entry != 0 { slot = (slot + 1) & mask }
        }
        table[slot] = Slot(head0: h0, head1: h1, hash: h, length: Int32(truncatingIfNeeded: n), entry: Int32(idx + 1))
        return Int32(idx)
    }

    /// True when bytes 16..<n of string `idx` equal those of `p` (lengths already equal).
    private func tailEquals(_ idx: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = Int(strings.offsets[idx])
        return strings.bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            return memcmp(base + s + 16, p + 16, n - 16) == 0
        }
    }

    private mutating func grow() {
        let newCount = table.count * 2
        var t = [Slot](repeating: .empty, count: newCount)
        let mask = newCount - 1
        for s in table where s.entry != 0 {
            var slot = Int(truncatingIfNeeded: s.hash) & mask
            while t[slot].entry != 0 { slot = (slot + 1) & mask }
            t[slot] = s
        }
        table = t
    }
}
