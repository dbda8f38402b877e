/// Parses timestamp texts into microseconds since the epoch (UTC).
///
/// Accepted layouts (each with optional fractional seconds, up to 6 digits
/// kept, and as a date alone):
/// `2025-10-05T14:03:11Z`, `2025-10-05T14:03:11+05:30`, `…+0530`,
/// `2025-10-05 14:03:11`, `2025-10-05 14:03:11 +05:30`,
/// `05/10/2025 14:03:11`, `05-10-2025 14:03:11`, `05-Oct-2025 14:03:11`.
/// A text without an offset is a wall-clock reading in the given zone.
public enum TimestampParser {
    /// Microseconds since the epoch for `text`, or nil when it is not a valid timestamp.
    public static func parse(_ text: String, zone: Zone) -> Int64? {
        var s = text
        return s.withUTF8 { parse(bytes: $0, zone: zone, layout: nil) }
    }

    /// Microseconds since the epoch for UTF-8 bytes; with `layout` given, only
    /// that layout is accepted. Leading and trailing blanks are ignored.
    ///
    /// - Complexity: O(n), no allocation.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, zone: Zone, layout: TimestampLayout?) -> Int64? {
        guard let base = bytes.baseAddress else { return nil }
        var start = 0, end = bytes.count
        while start < end, base[start] == 32 { start += 1 }
        while end > start, base[end - 1] == 32 { end -= 1 }
        guard end - start >= 8, let found = detectLayout(base + start, end - start) else { return nil }
        if let layout, layout != found { return nil }
        return parseLayout(found, base + start, end - start, zone: zone)
    }

    /// The layout that `bytes` appears to use (from its shape alone), or nil.
    public static func detectLayout(bytes: UnsafeBufferPointer<UInt8>) -> TimestampLayout? {
        guard let base = bytes.baseAddress, bytes.count >= 8 else { return nil }
        return detectLayout(base, bytes.count)
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    static func detectLayout(_ p: UnsafePointer<UInt8>, _ n: Int) -> TimestampLayout? {
        if n >= 10, isDigit(p[0]), isDigit(p[1]), isDigit(p[2]), isDigit(p[3]), p[4] == 45 { return .iso }
        // Day of one or two digits, then a separator.
        var i = 0
        while i < n, i < 2, isDigit(p[i]) { i += 1 }
        guard i > 0, i < n else { return nil }
        switch p[i] {
        case 47: return .daySlash
        case 45:
            guard i + 1 < n else { return nil }
            return isDigit(p[i + 1]) ? .dayDash : .dayMonthName
        default: return nil
        }
    }

    /// Reads `count` digits at `i` (exactly), advancing `i`.
    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ count: Int) -> Int64? {
        guard i + count <= n else { return nil }
        var v: Int64 = 0
        for k in 0..<count {
            let d = p[i + k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        i += count
        return v
    }

    /// Reads one or two digits at `i`.
    @inline(__always)
    static func oneOrTwo(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int64? {
        guard i < n, isDigit(p[i]) else { return nil }
        var v = Int64(p[i] - 48)
        i += 1
        if i < n, isDigit(p[i]) {
            v = v * 10 + Int64(p[i] - 48)
            i += 1
        }
        return v
    }

    static func monthName(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int64? {
        guard i + 3 <= n else { return nil }
        let a = p[i] | 0x20, b = p[i + 1] | 0x20, c = p[i + 2] | 0x20
        let key = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)
        let m: Int
        switch key {
        case 0x6A616E: m = 0
        case 0x666562: m = 1
        case 0x6D6172: m = 2
        case 0x617072: m = 3
        case 0x6D6179: m = 4
        case 0x6A756E: m = 5
        case 0x6A756C: m = 6
        case 0x617567: m = 7
        case 0x736570: m = 8
        case 0x6F6374: m = 9
        case 0x6E6F76: m = 10
        case 0x646563: m = 11
        default: return nil
        }
        i += 3
        return Int64(m + 1)
    }

    static func parseLayout(_ layout: TimestampLayout, _ p: UnsafePointer<UInt8>, _ n: Int, zone: Zone) -> Int64? {
        var i = 0
        let year: Int64, month: Int64, day: Int64
        switch layout {
        case .iso:
            guard let y = digits(p, n, &i, 4), i < n, p[i] == 45 else { return nil }
            i += 1
            guard let m = digits(p, n, &i, 2), i < n, p[i] == 45 else { return nil }
            i += 1
            guard let d = digits(p, n, &i, 2) else { return nil }
            (year, month, day) = (y, m, d)
        case .daySlash, .dayDash, .dayMonthName:
            let sep: UInt8 = layout == .daySlash ? 47 : 45
            guard let d = oneOrTwo(p, n, &i), i < n, p[i] == sep else { return nil }
            i += 1
            let m: Int64?
            if layout == .dayMonthName { m = monthName(p, n, &i) } else { m = oneOrTwo(p, n, &i) }
            guard let m, i < n, p[i] == sep else { return nil }
            i += 1
            guard let y = digits(p, n, &i, 4) else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard month >= 1, month <= 12, day >= 1, day <= TimeFormat.daysInMonth(year: year, month: month) else {
            return nil
        }
        var micros = TimeFormat.daysFromCivil(year: year, month: month, day: day) * TimeFormat.microsPerDay
        if i == n { return zone.instant(fromLocalMicros: micros) }
        guard p[i] == 84 || p[i] == 32 else { return nil } // 'T' or ' '
        i += 1
        guard let hour = oneOrTwo(p, n, &i), i < n, p[i] == 58 else { return nil }
        i += 1
        guard let minute = digits(p, n, &i, 2) else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if i < n, p[i] == 58 {
            i += 1
            guard let s = digits(p, n, &i, 2) else { return nil }
            second = s
            if i < n, p[i] == 46 || p[i] == 44 { // '.' or ','
                i += 1
                var count = 0
                while i < n, isDigit(p[i]) {
                    if count < 6 { fraction = fraction * 10 + Int64(p[i] - 48) }
                    count += 1
                    i += 1
                }
                guard count > 0 else { return nil }
                var c = min(count, 6)
                while c < 6 { fraction *= 10; c += 1 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        micros += ((hour * 60 + minute) * 60 + second) * TimeFormat.microsPerSecond + fraction
        if i == n { return zone.instant(fromLocalMicros: micros) }
        guard let offset = parseZoneSuffix(p + i, n - i) else { return nil }
        return micros - offset * TimeFormat.microsPerSecond
    }

    /// `Z`, ` UTC`, `+05:30`, ` +0530`, `-08`: seconds east of UTC.
    static func parseZoneSuffix(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        var i = 0
        if i < n, p[i] == 32 { i += 1 }
        guard i < n else { return nil }
        let rest = n - i
        if rest == 1, p[i] == 90 || p[i] == 122 { return 0 } // Z
        if rest == 3 {
            let a = p[i] & 0xDF, b = p[i + 1] & 0xDF, c = p[i + 2] & 0xDF
            if (a == 85 && b == 84 && c == 67) || (a == 71 && b == 77 && c == 84) { return 0 } // UTC, GMT
        }
        let sign: Int64
        switch p[i] {
        case 43: sign = 1
        case 45: sign = -1
        default: return nil
        }
        i += 1
        guard let h = digits(p, n, &i, 2) else { return nil }
        var m: Int64 = 0
        if i < n {
            if p[i] == 58 { i += 1 }
            guard let mm = digits(p, n, &i, 2) else { return nil }
            m = mm
        }
        guard i == n, h <= 18, m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }
}
