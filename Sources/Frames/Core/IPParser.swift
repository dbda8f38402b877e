/// Parses IP address text (the grammar of `IPAddress.parse`: dotted IPv4 without
/// leading zeros, IPv6 full, compressed or with an IPv4 tail) without
/// allocating; dotted IPv4 is read in one pass with no scan for `:` first.
enum IPParser {
    /// The address in `p[0..<n]`, or nil when the bytes are not an address.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> IPAddress? {
        if n == 0 || n > 45 { return nil }
        if let v = v4(p, from: 0, to: n) { return IPAddress(v4: v) }
        var i = 0
        while i < n, p[i] != 58 { i += 1 }
        return i < n ? v6(p, n) : nil
    }

    /// Dotted IPv4 in `p[from..<to]`: four parts of 1–3 digits, each at most 255, no leading zeros.
    @inline(__always)
    static func v4(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt32? {
        var value: UInt32 = 0
        var part: UInt32 = 0
        var digits = 0
        var parts = 0
        var i = from
        while i < to {
            let d = p[i] &- 48
            if d < 10 {
                if digits > 0 && part == 0 { return nil }
                part = part * 10 + UInt32(d)
                digits += 1
                if digits > 3 || part > 255 { return nil }
            } else if p[i] == 46 {
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

    /// IPv6 text (full, compressed, or with an embedded IPv4 tail). Groups
    /// before a `::` fill the address from the top, those after it from the
    /// bottom.
    static func v6(_ p: UnsafePointer<UInt8>, _ end: Int) -> IPAddress? {
        var headHi: UInt64 = 0, headLo: UInt64 = 0 // groups before the gap (or all), shifted in
        var tailHi: UInt64 = 0, tailLo: UInt64 = 0 // groups after the gap
        var n = 0
        var gap = -1
        var i = 0

        @inline(__always)
        func push(_ g: UInt64) {
            if gap < 0 {
                headHi = headHi << 16 | headLo >> 48
                headLo = headLo << 16 | g
            } else {
                tailHi = tailHi << 16 | tailLo >> 48
                tailLo = tailLo << 16 | g
            }
            n += 1
        }

        if end >= 2 && p[0] == 58 {
            guard p[1] == 58 else { return nil }
            gap = 0
            i = 2
            if i == end { return IPAddress(high: 0, low: 0) }
        }
        while i < end {
            var j = i
            var sawDot = false
            var g: UInt64 = 0
            var hexOK = true
            while j < end {
                let c = p[j]
                if c == 58 { break }
                if c == 46 { sawDot = true }
                let d: UInt8
                switch c {
                case 48...57: d = c - 48
                case 97...102: d = c - 87
                case 65...70: d = c - 55
                default: d = 0; hexOK = false
                }
                g = g << 4 | UInt64(d)
                j += 1
            }
            if sawDot {
                guard j == end, n <= 6, let v = v4(p, from: i, to: end) else { return nil }
                push(UInt64(v >> 16))
                push(UInt64(v & 0xFFFF))
                i = end
                break
            }
            let len = j - i
            guard len >= 1 && len <= 4, n < 8, hexOK else { return nil }
            push(g)
            i = j
            if i < end {
                i += 1
                if i < end && p[i] == 58 {
                    guard gap < 0 else { return nil }
                    gap = n
                    i += 1
                    if i == end { break }
                } else if i == end {
                    return nil
                }
            }
        }
        if gap >= 0 {
            guard n < 8 else { return nil }
            // Move the head groups to the top: shift left by 16 bits per missing group.
            let shift = 16 * (8 - gap)
            let (hi, lo) = shiftLeft(headHi, headLo, by: shift)
            return IPAddress(high: hi | tailHi, low: lo | tailLo)
        }
        guard n == 8 else { return nil }
        return IPAddress(high: headHi, low: headLo)
    }

    /// A 128-bit value shifted left by `s` bits (0...128).
    @inline(__always)
    static func shiftLeft(_ hi: UInt64, _ lo: UInt64, by s: Int) -> (UInt64, UInt64) {
        if s >= 128 { return (0, 0) }
        if s >= 64 { return (lo << UInt64(s - 64), 0) }
        if s == 0 { return (hi, lo) }
        return (hi << UInt64(s) | lo >> UInt64(64 - s), lo << UInt64(s))
    }
}
