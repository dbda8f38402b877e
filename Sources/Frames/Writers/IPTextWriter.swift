/// Writes an address as `IPAddress.description` spells it — dotted IPv4, RFC
/// 5952 compressed IPv6 — straight into a sink, without a `String`.
enum IPTextWriter {

    static func write(_ a: IPAddress, to sink: inout ByteSink) {
        if a.isIPv4 {
            let v = a.low
            octet(UInt8(truncatingIfNeeded: v >> 24), to: &sink); sink.byte(46)
            octet(UInt8(truncatingIfNeeded: v >> 16), to: &sink); sink.byte(46)
            octet(UInt8(truncatingIfNeeded: v >> 8), to: &sink); sink.byte(46)
            octet(UInt8(truncatingIfNeeded: v), to: &sink)
            return
        }
        var g: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &g) { raw in
            let groups = raw.bindMemory(to: UInt16.self)
            for k in 0..<4 {
                groups[k] = UInt16(truncatingIfNeeded: a.high >> UInt64(48 - 16 * k))
                groups[4 + k] = UInt16(truncatingIfNeeded: a.low >> UInt64(48 - 16 * k))
            }
        }
        withUnsafeBytes(of: &g) { raw in
            let groups = raw.bindMemory(to: UInt16.self)
            // The longest run of two or more zero groups (the first of equal runs) becomes `::`.
            var bestStart = -1, bestLength = 0, k = 0
            while k < 8 {
                guard groups[k] == 0 else { k += 1; continue }
                var e = k
                while e < 8 && groups[e] == 0 { e += 1 }
                if e - k > bestLength && e - k >= 2 { bestStart = k; bestLength = e - k }
                k = e
            }
            var i = 0
            var afterColons = true
            while i < 8 {
                if i == bestStart {
                    sink.byte(58); sink.byte(58)
                    afterColons = true
                    i += bestLength
                    continue
                }
                if !afterColons { sink.byte(58) }
                hex(groups[i], to: &sink)
                afterColons = false
                i += 1
            }
        }
    }

    /// An IPv4 octet in decimal.
    @inline(__always)
    private static func octet(_ v: UInt8, to sink: inout ByteSink) {
        if v >= 100 { sink.byte(48 + v / 100) }
        if v >= 10 { sink.byte(48 + (v / 10) % 10) }
        sink.byte(48 + v % 10)
    }

    /// A group in lower-case hex without leading zeros.
    @inline(__always)
    private static func hex(_ v: UInt16, to sink: inout ByteSink) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let d = Int((v >> UInt16(shift)) & 15)
            if d != 0 || started || shift == 0 {
                sink.byte(d < 10 ? UInt8(48 + d) : UInt8(87 + d))
                started = true
            }
        }
    }
}
