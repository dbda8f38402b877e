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
        guard let base = b.baseAddress else { return nil }
        return IPParser.parse(base, b.count)
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
