/// Parses duration texts into microseconds.
///
/// Accepted: `HH:MM:SS[.f]` (hours of any length), `1d 02:03:04[.f]`, and unit
/// forms `500ms`, `90s`, `5m`, `2h`, `1d`, `1w`, `250us`, also combined
/// (`1h30m`, `1h 30m`) and with a decimal number (`1.5s`); an optional
/// leading `-` negates.
public enum DurationParser {
    /// Microseconds for `text`, or nil when it is not a duration.
    public static func parse(_ text: String) -> Int64? {
        var s = text
        return s.withUTF8 { parse(bytes: $0) }
    }

    /// Microseconds for UTF-8 bytes (leading and trailing blanks ignored).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let p = bytes.baseAddress else { return nil }
        var i = 0, n = bytes.count
        while i < n, p[i] == 32 { i += 1 }
        while n > i, p[n - 1] == 32 { n -= 1 }
        guard i < n else { return nil }
        var negative = false
        if p[i] == 45 { negative = true; i += 1 }
        guard i < n else { return nil }
        // Clock form, possibly after "Nd ".
        var total: Int64 = 0
        var j = i
        while j < n, TimestampParser.isDigit(p[j]) { j += 1 }
        if j < n, j > i, p[j] == 100, j + 1 < n, p[j + 1] == 32 { // "Nd " prefix
            guard let d = number(p, i, j) else { return nil }
            let (v, o) = d.multipliedReportingOverflow(by: TimeFormat.microsPerDay)
            guard !o else { return nil }
            total = v
            i = j + 2
            while i < n, p[i] == 32 { i += 1 }
            j = i
            while j < n, TimestampParser.isDigit(p[j]) { j += 1 }
            guard j < n, p[j] == 58, let c = clock(p, i, n) else { return nil }
            return finish(total, c, negative)
        }
        if j < n, j > i, p[j] == 58 {
            guard let c = clock(p, i, n) else { return nil }
            return finish(0, c, negative)
        }
        guard let u = units(p, i, n) else { return nil }
        return finish(0, u, negative)
    }

    private static func finish(_ a: Int64, _ b: Int64, _ negative: Bool) -> Int64? {
        let (s, o) = a.addingReportingOverflow(b)
        guard !o else { return nil }
        return negative ? -s : s
    }

    private static func number(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int64? {
        guard to > from, to - from <= 15 else { return nil }
        var v: Int64 = 0
        for k in from..<to { v = v * 10 + Int64(p[k] - 48) }
        return v
    }

    /// `H+:MM:SS[.f]` from `i` to `n`.
    private static func clock(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int64? {
        var i = start
        var j = i
        while j < n, TimestampParser.isDigit(p[j]) { j += 1 }
        guard let h = number(p, i, j), j < n, p[j] == 58 else { return nil }
        i = j + 1
        guard let m = TimestampParser.digits(p, n, &i, 2), i < n, p[i] == 58 else { return nil }
        i += 1
        guard let s = TimestampParser.digits(p, n, &i, 2), m < 60, s < 60 else { return nil }
        var frac: Int64 = 0
        if i < n {
            guard p[i] == 46 else { return nil }
            i += 1
            var count = 0
            while i < n, TimestampParser.isDigit(p[i]) {
                if count < 6 { frac = frac * 10 + Int64(p[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0, i == n else { return nil }
            var c = min(count, 6)
            while c < 6 { frac *= 10; c += 1 }
        }
        let (hm, o) = h.multipliedReportingOverflow(by: 3_600_000_000)
        guard !o else { return nil }
        return hm + (m * 60 + s) * TimeFormat.microsPerSecond + frac
    }

    /// A sequence of `NUMBER UNIT` parts, optionally separated by blanks.
    private static func units(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Int64? {
        var i = start
        var total: Int64 = 0
        var parts = 0
        while i < n {
            while i < n, p[i] == 32 { i += 1 }
            guard i < n else { break }
            var whole: Int64 = 0, frac: Int64 = 0, fracScale: Int64 = 1
            var digitCount = 0
            while i < n, TimestampParser.isDigit(p[i]) {
                guard digitCount < 15 else { return nil }
                whole = whole * 10 + Int64(p[i] - 48)
                digitCount += 1
                i += 1
            }
            if i < n, p[i] == 46 {
                i += 1
                var fd = 0
                while i < n, TimestampParser.isDigit(p[i]) {
                    if fd < 6 { frac = frac * 10 + Int64(p[i] - 48); fracScale *= 10 }
                    fd += 1
                    i += 1
                }
                guard fd > 0 else { return nil }
            }
            guard digitCount > 0 else { return nil }
            var u = i
            while u < n, (p[u] | 0x20) >= 97, (p[u] | 0x20) <= 122 { u += 1 }
            let scale: Int64
            switch (u - i, u - i >= 1 ? p[i] | 0x20 : 0, u - i >= 2 ? p[i + 1] | 0x20 : 0) {
            case (2, 117, 115): scale = 1 // us
            case (2, 109, 115): scale = 1000 // ms
            case (1, 115, _): scale = 1_000_000 // s
            case (1, 109, _): scale = 60_000_000 // m
            case (1, 104, _): scale = 3_600_000_000 // h
            case (1, 100, _): scale = TimeFormat.microsPerDay // d
            case (1, 119, _): scale = 7 * TimeFormat.microsPerDay // w
            default: return nil
            }
            i = u
            let (w, o1) = whole.multipliedReportingOverflow(by: scale)
            guard !o1 else { return nil }
            let f = frac * scale / fracScale
            let (t, o2) = total.addingReportingOverflow(w + f)
            guard !o2 else { return nil }
            total = t
            parts += 1
        }
        return parts > 0 ? total : nil
    }
}
