/// Calendar arithmetic and text formats for timestamps and durations,
/// without Foundation on the per-row path.
public enum TimeFormat {
    /// Microseconds per unit.
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Floor division that rounds toward negative infinity.
    @inlinable
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date.
    @inlinable
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month (1–12), day (1–31) for days since 1970-01-01.
    @inlinable
    public static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Days in a month of a year.
    @inlinable
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `yyyy-MM-dd` of an instant in a zone.
    public static func date(micros: Int64, zone: Zone) -> String {
        let local = zone.localMicros(fromInstant: micros)
        let (y, m, d) = civilFromDays(floorDiv(local, microsPerDay))
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Display form `yyyy-MM-dd HH:mm:ss[.ffffff]` in a zone (fraction only when non-zero).
    public static func display(micros: Int64, zone: Zone) -> String {
        let local = zone.localMicros(fromInstant: micros)
        return civil(local, separator: " ")
    }

    /// ISO 8601 with the zone's offset: `2026-03-14T10:00:00+05:30`, `Z` for UTC,
    /// with as many fractional digits as the value needs (up to 6).
    public static func iso8601(micros: Int64, zone: Zone) -> String {
        let secs = floorDiv(micros, microsPerSecond)
        let off = zone.offset(atUTCSeconds: secs)
        let local = micros + off * microsPerSecond
        var s = civil(local, separator: "T")
        if off == 0 && (zone.name == "UTC") {
            s += "Z"
        } else {
            let a = abs(off)
            s += (off < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad((a % 3600) / 60, 2)
        }
        return s
    }

    private static func civil(_ local: Int64, separator: String) -> String {
        let day = floorDiv(local, microsPerDay)
        let rem = local - day * microsPerDay
        let (y, m, d) = civilFromDays(day)
        let h = rem / 3_600_000_000
        let mi = (rem / 60_000_000) % 60
        let sec = (rem / 1_000_000) % 60
        var frac = rem % 1_000_000
        var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))\(separator)\(pad(h, 2)):\(pad(mi, 2)):\(pad(sec, 2))"
        if frac != 0 {
            var digits = 6
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            s += "." + pad(frac, digits)
        }
        return s
    }

    /// Duration text: `1d 02:03:04.5`, `02:03:04`, `-00:00:01`, or `1.5s`-free plain form.
    public static func duration(micros: Int64) -> String {
        let neg = micros < 0
        var m = neg ? -micros : micros
        let days = m / microsPerDay
        m %= microsPerDay
        let h = m / 3_600_000_000
        let mi = (m / 60_000_000) % 60
        let s = (m / 1_000_000) % 60
        var frac = m % 1_000_000
        var out = neg ? "-" : ""
        if days > 0 { out += "\(days)d " }
        out += "\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))"
        if frac != 0 {
            var digits = 6
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            out += "." + pad(frac, digits)
        }
        return out
    }
}
