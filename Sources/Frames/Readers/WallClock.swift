/// Timestamps written as words, the way C's `ctime` and BSD syslog write them:
/// `Sat Oct  5 14:03:11 2025` (a RADIUS detail record's first line) and
/// `Oct  5 14:03:11` (a BSD syslog header, which has no year). Both are wall
/// clock readings in some zone: the caller gives the zone (and the year).
enum WallClock {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// 1–12 for an English month abbreviation (case ignored), else nil.
    static func month(_ text: Substring) -> Int64? {
        guard text.count == 3 else { return nil }
        let t = text.prefix(1).uppercased() + text.dropFirst().lowercased()
        return months.firstIndex(of: t).map { Int64($0 + 1) }
    }

    /// Microseconds since the epoch for `Www Mmm dd hh:mm:ss yyyy` read in `zone`, or nil.
    static func ctime(_ line: String, zone: Zone) -> Int64? {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5, weekdays.contains(parts[0].prefix(1).uppercased() + parts[0].dropFirst().lowercased()),
              let year = Int64(parts[4]), parts[4].count == 4 else { return nil }
        return monthDayTime(month: parts[1], day: parts[2], time: parts[3], year: year, zone: zone)
    }

    /// The month, day and time of a BSD syslog stamp (`Oct  5 14:03:11`), or nil.
    static func bsd(_ month: Substring, _ day: Substring, _ time: Substring) -> (month: Int64, day: Int64, time: Substring)? {
        guard let m = WallClock.month(month), let d = Int64(day), d >= 1, d <= 31, time.count >= 8 else { return nil }
        return (m, d, time)
    }

    /// Microseconds for a month name, day, `hh:mm:ss[.ffffff]` and year in `zone`, or nil when any is out of range.
    static func monthDayTime(month: Substring, day: Substring, time: Substring, year: Int64, zone: Zone) -> Int64? {
        guard let m = WallClock.month(month), let d = Int64(day), d >= 1,
              d <= TimeFormat.daysInMonth(year: year, month: m) else { return nil }
        let text = "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d) \(time)"
        guard time.count >= 8, time.dropFirst(2).first == ":" else { return nil }
        return TimestampParser.parse(text, zone: zone)
    }
}
