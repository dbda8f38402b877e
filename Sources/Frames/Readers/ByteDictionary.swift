#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of distinct byte strings, each with a dense index in insertion
/// order: the dictionary of a dictionary-encoded string column, and the key
/// table of the JSON reader. Open addressing over flat buffers.
struct ByteDictionary {
    /// The distinct strings, in first-seen order.
    private(set) var strings = PlainStrings()
    private var hashes: [UInt64] = []
    /// Slot → index + 1 (0 = empty). Capacity is a power of two.
    private var table = [Int32](repeating: 0, count: 64)

    var count: Int { strings.count }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(n)
        var i = 0
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
        return h ^ (h >> 32)
    }

    /// The index of the string, inserting it when new.
    @inline(__always)
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        let h = ByteDictionary.hash(p, n)
        var mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = table[slot]
            if e == 0 { break }
            let idx = Int(e - 1)
            if hashes[idx] == h, equals(idx, p, n) { return Int32(idx) }
            slot = (slot + 1) & mask
        }
        let idx = strings.count
        strings.append(bytes: UnsafeBufferPointer(start: p, count: n))
        hashes.append(h)
        if (idx + 1) * 2 > table.count {
            grow()
            mask = table.count - 1
            slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
        }
        table[slot] = Int32(idx + 1)
        return Int32(idx)
    }

    @inline(__always)
    private func equals(_ idx: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let s = Int(strings.offsets[idx]), e = Int(strings.offsets[idx + 1])
        guard e - s == n else { return false }
        if n == 0 { return true }
        return strings.bytes.withUnsafeBufferPointer { b in
            memcmp(b.baseAddress! + s, p, n) == 0
        }
    }

    private mutating func grow() {
        let newCount = table.count * 2
        var t = [Int32](repeating: 0, count: newCount)
        let mask = newCount - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while t[slot] != 0 { slot = (slot + 1) & mask }
            t[slot] = Int32(i + 1)
        }
        table = t
    }
}
