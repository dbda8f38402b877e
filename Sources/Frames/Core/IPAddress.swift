/// An IPv4 or IPv6 address in one 16-byte value.
///
/// IPv4 addresses are stored IPv4-mapped (`::ffff:a.b.c.d`). The two stored
/// words hold the address bytes in network order in memory, so an array of
/// `IPAddress` is byte for byte an Arrow `fixed_size_binary(16)` buffer.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// First 8 bytes of the address, as laid out in memory (network order).
    public var rawHigh: UInt64
    /// Last 8 bytes of the address, as laid out in memory (network order).
    public var rawLow: UInt64

    /// The first 64 bits as a number (most significant first).
    @inlinable public var high: UInt64 { UInt64(bigEndian: rawHigh) }
    /// The last 64 bits as a number.
    @inlinable public var low: UInt64 { UInt64(bigEndian: rawLow) }

    /// An address from its numeric halves.
    @inlinable
    public init(high: UInt64, low: UInt64) {
        rawHigh = high.bigEndian
        rawLow = low.bigEndian
    }

    /// An IPv4 address from its 32-bit value.
    @inlinable
    public init(v4: UInt32) {
        self.init(high: 0, low: 0x0000_FFFF_0000_0000 | UInt64(v4))
    }

    /// True for an IPv4(-mapped) address.
    @inlinable public var isIPv4: Bool { high == 0 && (low >> 32) == 0xFFFF }

    /// The IPv4 value, for an IPv4 address.
    @inlinable public var v4: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: low) : nil }

    /// 4 or 6.
    public var version: Int { isIPv4 ? 4 : 6 }

    @inlinable
    public static func < (a: IPAddress, b: IPAddress) -> Bool {
        let ah = a.high, bh = b.high
        return ah != bh ? ah < bh : a.low < b.low
    }

    /// Parses dotted IPv4 or IPv6 text (full, compressed, or with an embedded IPv4 tail).
    public init?(_ text: String) {
        var s = text
        guard let r = s.withUTF8({ IPAddress.parse($0) }) else { return nil }
        self = r
    }

    /// Parses an address from UTF-8 bytes. Returns nil when the bytes are not an address.
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        if b.isEmpty || b.count > 45 { return nil }
        var hasColon = false
        for c in b where c == UInt8(ascii: ":") { hasColon = true; break }
        if !hasColon {
            guard let v = parseV4(b, from: 0, to: b.count) else { return nil }
            return IPAddress(v4: v)
        }
        return parseV6(b)
    }

    @usableFromInline
    static func parseV4(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        var i = from
        while i < to {
            let c = b[i]
            if c >= 48 && c <= 57 {
                if digits > 0 && part == 0 { return nil } // leading zero
                part = part * 10 + UInt32(c - 48)
                digits += 1
                if digits > 3 || part > 255 { return nil }
            } else if c == UInt8(ascii: ".") {
                if digits == 0 || parts == 3 { return nil }
                value = value << 8 | part
                parts += 1
                part = 0
                digits = 0
            } else {
                return nil
            }
            i += 1
        }
        if digits == 0 || parts != 3 { return nil }
        return value << 8 | part
    }

    static func parseV6(_ b: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        var groups = [UInt16](repeating: 0, count: 8)
        var n = 0
        var gap = -1
        var i = 0
        let end = b.count
        if end >= 2 && b[0] == UInt8(ascii: ":") {
            guard b[1] == UInt8(ascii: ":") else { return nil }
            gap = 0
            i = 2
            if i == end { return IPAddress(high: 0, low: 0) }
        }
        while i < end {
            // Embedded IPv4 tail?
            var j = i
            var sawDot = false
            while j < end && b[j] != UInt8(ascii: ":") {
                if b[j] == UInt8(ascii: ".") { sawDot = true }
                j += 1
            }
            if sawDot {
                guard j == end, n <= 6, let v4 = parseV4(b, from: i, to: end) else { return nil }
                groups[n] = UInt16(v4 >> 16); groups[n + 1] = UInt16(v4 & 0xFFFF)
                n += 2
                i = end
                break
            }
            let len = j - i
            guard len >= 1 && len <= 4, n < 8 else { return nil }
            var g: UInt16 = 0
            for k in i..<j {
                let c = b[k]
                let d: UInt8
                switch c {
                case 48...57: d = c - 48
                case 97...102: d = c - 87
                case 65...70: d = c - 55
                default: return nil
                }
                g = g << 4 | UInt16(d)
            }
            groups[n] = g
            n += 1
            i = j
            if i < end {
                i += 1 // skip ':'
                if i < end && b[i] == UInt8(ascii: ":") {
                    guard gap < 0 else { return nil }
                    gap = n
                    i += 1
                    if i == end { break }
                } else if i == end {
                    return nil // trailing single colon
                }
            }
        }
        if gap >= 0 {
            guard n < 8 else { return nil }
            let move = n - gap
            var out = [UInt16](repeating: 0, count: 8)
            for k in 0..<gap { out[k] = groups[k] }
            for k in 0..<move { out[8 - move + k] = groups[gap + k] }
            groups = out
        } else if n != 8 {
            return nil
        }
        var hi: UInt64 = 0, lo: UInt64 = 0
        for k in 0..<4 { hi = hi << 16 | UInt64(groups[k]) }
        for k in 4..<8 { lo = lo << 16 | UInt64(groups[k]) }
        return IPAddress(high: hi, low: lo)
    }

    /// Dotted text for IPv4, RFC 5952 compressed text for IPv6.
    public var description: String {
        if let v = v4 {
            return "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
        }
        let h = high, l = low
        var g = [UInt16](repeating: 0, count: 8)
        for k in 0..<4 { g[k] = UInt16(truncatingIfNeeded: h >> UInt64(48 - 16 * k)) }
        for k in 0..<4 { g[4 + k] = UInt16(truncatingIfNeeded: l >> UInt64(48 - 16 * k)) }
        // Longest run of zero groups (length >= 2) is compressed.
        var bestStart = -1, bestLen = 0, k = 0
        while k < 8 {
            if g[k] == 0 {
                var e = k
                while e < 8 && g[e] == 0 { e += 1 }
                if e - k > bestLen && e - k >= 2 { bestStart = k; bestLen = e - k }
                k = e
            } else { k += 1 }
        }
        var out = ""
        var idx = 0
        while idx < 8 {
            if idx == bestStart {
                out += "::"
                idx += bestLen
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(g[idx], radix: 16)
            idx += 1
        }
        return out
    }
}
