#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strict parsers for integers, floats and booleans on UTF-8 bytes.
///
/// Integers and floats reject a leading `+` and leading zeros (`007`), so
/// that identifiers such as phone numbers are not taken for numbers.
enum NumberParser {
    /// An integer without leading zeros or `+`, fitting in 64 bits.
    @inline(__always)
    static func int(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n > 0 else { return nil }
        var i = 0
        let negative = p[0] == 45
        if negative { i = 1 }
        guard i < n else { return nil }
        if p[i] == 48 { return n - i == 1 ? 0 : nil }
        guard n - i <= 19 else { return nil }
        var v: UInt64 = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            v = v &* 10 &+ UInt64(d)
            i += 1
        }
        if negative {
            guard v <= UInt64(Int64.max) + 1 else { return nil }
            return v == UInt64(Int64.max) + 1 ? Int64.min : -Int64(v)
        }
        guard v <= UInt64(Int64.max) else { return nil }
        return Int64(v)
    }

    /// True for `-?[0-9]+`: an integer literal (which, when it does not fit
    /// in 64 bits, is kept as text rather than rounded into a float).
    static func isPlainInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        if n > 0, p[0] == 45 { i = 1 }
        guard i < n else { return false }
        while i < n {
            guard TimestampParser.isDigit(p[i]) else { return false }
            i += 1
        }
        return true
    }

    private static let powers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A decimal float `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`; with
    /// `special`, also `nan`, `inf`, `-inf`, `infinity`.
    static func float(_ p: UnsafePointer<UInt8>, _ n: Int, special: Bool = false) -> Double? {
        guard n > 0 else { return nil }
        var i = 0
        let negative = p[0] == 45
        if negative { i = 1 }
        guard i < n else { return nil }
        if special, !TimestampParser.isDigit(p[i]) { return specialValue(p + i, n - i, negative) }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        let intStart = i
        while i < n, TimestampParser.isDigit(p[i]) {
            if significant < 19 { mantissa = mantissa * 10 + UInt64(p[i] - 48); if mantissa > 0 { significant += 1 } } else { exponent += 1 }
            i += 1
        }
        let intDigits = i - intStart
        guard intDigits > 0, !(intDigits > 1 && p[intStart] == 48) else { return nil }
        if i < n, p[i] == 46 {
            i += 1
            let fracStart = i
            while i < n, TimestampParser.isDigit(p[i]) {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(p[i] - 48)
                    if mantissa > 0 { significant += 1 }
                    exponent -= 1
                }
                i += 1
            }
            guard i > fracStart else { return nil }
        }
        if i < n, p[i] | 0x20 == 101 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 43 || p[i] == 45 { expNegative = p[i] == 45; i += 1 }
            let expStart = i
            var e = 0
            while i < n, TimestampParser.isDigit(p[i]) {
                if e < 100_000 { e = e * 10 + Int(p[i] - 48) }
                i += 1
            }
            guard i > expStart else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if significant <= 15, exponent >= -22, exponent <= 22 {
            var d = Double(mantissa)
            d = exponent < 0 ? d / powers[-exponent] : d * powers[exponent]
            return negative ? -d : d
        }
        return slow(p, n)
    }

    private static func specialValue(_ p: UnsafePointer<UInt8>, _ n: Int, _ negative: Bool) -> Double? {
        var lower = 0 as UInt64
        guard n <= 8 else { return nil }
        for k in 0..<n { lower = lower << 8 | UInt64(p[k] | 0x20) }
        switch lower {
        case 0x6E616E: return negative ? nil : .nan // nan
        case 0x696E66, 0x696E66696E697479: return negative ? -.infinity : .infinity // inf, infinity
        default: return nil
        }
    }

    private static func slow(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            guard let b = buf.baseAddress else { return nil }
            UnsafeMutableRawPointer(b).copyMemory(from: p, byteCount: n)
            b[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(b, &end)
            guard let end, end - b == n else { return nil }
            return v
        }
    }

    /// `true` or `false`, in any case.
    @inline(__always)
    static func bool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        if n == 4, p[0] | 0x20 == 116, p[1] | 0x20 == 114, p[2] | 0x20 == 117, p[3] | 0x20 == 101 { return true }
        if n == 5, p[0] | 0x20 == 102, p[1] | 0x20 == 97, p[2] | 0x20 == 108, p[3] | 0x20 == 115, p[4] | 0x20 == 101 {
            return false
        }
        return nil
    }
}
