/// The text a sheet cell becomes in the CSV form of the sheet: numbers as the
/// shortest text that reads back as the same double (a 12-digit MSISDN stored
/// as a number stays `919876543210`), numbers in date-formatted cells as ISO
/// dates and times (the value is a local time: no zone), booleans as
/// `TRUE`/`FALSE`, OOXML `_xHHHH_` escapes decoded.
enum XlsxCellText {
    /// Days from Excel's day 0 in the 1900 system (1899-12-30) to 1970-01-01.
    static let epoch1900: Int64 = 25_569
    /// Days from the 1904 system's day 0 (1904-01-01) to 1970-01-01.
    static let epoch1904: Int64 = 24_107

    /// A stored number as text; nil when `v` is not a number.
    static func number(_ v: String) -> String? {
        guard let d = Double(v.trimmingBlanks()), d.isFinite else { return nil }
        return number(d)
    }

    /// The shortest round-trip text of a double; integers below 2^53 (every
    /// one of which a double holds exactly: 16-digit IMEIs stored as numbers)
    /// written out in full, without `.0` or an exponent.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return "\(d)"
    }

    /// A date serial shown by a date format, as ISO text; nil when it is out
    /// of the range of dates (negative, or past 9999-12-31).
    static func date(serial d: Double, kind: XlsxDateKind, date1904: Bool) -> String? {
        guard d.isFinite, d >= 0, d < 2_958_466 else { return nil }
        let millis = Int64((d * 86_400_000).rounded())
        var days = millis / 86_400_000
        let dayMillis = millis % 86_400_000
        if kind == .elapsed { return elapsed(millis) }
        if kind == .time && days == 0 { return time(dayMillis) }
        if date1904 {
            days -= epoch1904
        } else {
            // The 1900 system counts a 29 February 1900 that never was (day 60):
            // days before it are one day later than the count from 1899-12-30.
            if days == 60 { return nil }
            if days < 60 { days += 1 }
            days -= epoch1900
        }
        let (y, m, dd) = TimeFormat.civilFromDays(days)
        let day = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(dd, 2)
        if kind == .date && dayMillis == 0 { return day }
        return day + " " + time(dayMillis)
    }

    /// `HH:mm:ss`, with `.fff` when the milliseconds are not zero.
    static func time(_ millis: Int64) -> String {
        let s = millis / 1000
        let ms = millis % 1000
        return pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2) + (ms == 0 ? "" : "." + pad(ms, 3))
    }

    /// `H:mm:ss` with the hours not wrapped at a day.
    static func elapsed(_ millis: Int64) -> String {
        let s = millis / 1000
        let ms = millis % 1000
        return String(s / 3600) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2) + (ms == 0 ? "" : "." + pad(ms, 3))
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Text with OOXML's `_xHHHH_` escapes (control characters such as `_x000D_`) decoded.
    static func unescaped(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    /// The bytes of a text with OOXML's `_xHHHH_` escapes decoded (the byte form of `unescaped`).
    static func unescape(_ s: inout [UInt8]) {
        let u = UInt8(ascii: "_")
        let found = s.withUnsafeBufferPointer { b in
            var i = 0
            while i + 6 < b.count {
                if b[i] == u, b[i + 1] == UInt8(ascii: "x") { return true }
                i += 1
            }
            return false
        }
        guard found else { return }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == u, i + 6 < s.count, s[i + 1] == UInt8(ascii: "x"), s[i + 6] == u, let code = hex4(s, i + 2),
               let scalar = Unicode.Scalar(code) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += 7
            } else {
                out.append(s[i])
                i += 1
            }
        }
        s = out
    }

    private static func hex4(_ s: [UInt8], _ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for b in s[at..<(at + 4)] {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v * 16 + UInt32(b - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v * 16 + UInt32(b - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v * 16 + UInt32(b - 55)
            default: return nil
            }
        }
        return v
    }
}
