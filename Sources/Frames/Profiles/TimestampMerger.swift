/// Joins a date column and a time-of-day column into one timestamp column.
///
/// The reader has usually typed them already (a `dd/mm/yyyy` column as
/// timestamps at midnight, `hh:mm:ss` as durations); text columns (mixed or
/// damaged values) are parsed here row by row with the profile's date layout.
/// A row whose date or time cannot be read is null and counted, never guessed.
enum TimestampMerger {
    /// Days from 1899-12-30 (Excel's day 0) to 1970-01-01.
    static let excelEpochOffset: Int64 = 25_569

    struct Result {
        var column: Column
        var damage: [String]
    }

    static func merge(date: Column, time: Column?, rule: Profile.TimestampRule, zone: Zone, excelSerial: Bool) -> Result {
        let n = date.count
        var values = [Int64](repeating: 0, count: n)
        var valid = [Bool](repeating: false, count: n)
        var badDates = 0, badTimes = 0, serials = 0
        var dateExample = "", timeExample = ""
        var looksSerial = false
        for i in 0..<n {
            guard date.isValid(i) else { continue }
            var local: Int64
            switch localDate(date, i, rule.dateLayout, zone: zone, excelSerial: excelSerial) {
            case .value(let v): local = v
            case .serial(let v): local = v; serials += 1
            case .bad(let text):
                badDates += 1
                if dateExample.isEmpty { dateExample = text }
                if Double(text) != nil { looksSerial = true }
                continue
            }
            if let time {
                guard time.isValid(i) else { continue }
                guard let t = timeOfDay(time, i, excelSerial: excelSerial) else {
                    badTimes += 1
                    if timeExample.isEmpty { timeExample = time.value(at: i).description }
                    continue
                }
                local += t
            }
            values[i] = zone.instant(fromLocalMicros: local)
            valid[i] = true
        }
        var damage: [String] = []
        if badDates > 0 {
            var note = "\(rule.target): \(ProfileApplier.rows(badDates)) with a date that is not \(rule.dateFormat) (e.g. '\(dateExample)'): left null"
            if looksSerial && !excelSerial {
                note += "; numbers may be Excel serial dates, which the profile converts only with \"excel_serial_dates\": true"
            }
            damage.append(note)
        }
        if badTimes > 0 {
            damage.append("\(rule.target): \(ProfileApplier.rows(badTimes)) with a time that is not hh:mm:ss (e.g. '\(timeExample)'): left null")
        }
        if serials > 0 {
            damage.append("\(rule.target): \(ProfileApplier.rows(serials)) converted from Excel serial dates (the profile says so)")
        }
        let validity = valid.allSatisfy { $0 } ? nil : Bitmap(valid)
        return Result(column: Column(.timestamp(values), validity: validity), damage: damage)
    }

    enum DateReading {
        case value(Int64)
        case serial(Int64)
        case bad(String)
    }

    /// Microseconds of local midnight of row `i`'s date.
    static func localDate(_ c: Column, _ i: Int, _ layout: TimestampLayout, zone: Zone, excelSerial: Bool) -> DateReading {
        switch c.values {
        case .timestamp(let a):
            let local = zone.localMicros(fromInstant: a[i])
            return .value(midnight(local))
        case .int(let a):
            return serial(Double(a[i]), excelSerial) ?? .bad(String(a[i]))
        case .float(let a):
            return serial(a[i], excelSerial) ?? .bad(String(a[i]))
        case .string(let s):
            var text = s[i].trimmingBlanks()
            if text.hasPrefix("'") { text.removeFirst() }
            var copy = text
            let instant = copy.withUTF8 { TimestampParser.parse(bytes: $0, zone: .utc, layout: layout) }
            if let instant { return .value(midnight(instant)) }
            if let d = Double(text), let r = serial(d, excelSerial) { return r }
            return .bad(text)
        default:
            return .bad(c.value(at: i).description)
        }
    }

    /// The start of the day that holds `local`.
    static func midnight(_ local: Int64) -> Int64 {
        TimeFormat.floorDiv(local, TimeFormat.microsPerDay) * TimeFormat.microsPerDay
    }

    /// An Excel serial day number as local midnight plus the fraction of the day.
    static func serial(_ d: Double, _ allowed: Bool) -> DateReading? {
        guard allowed, d >= 1, d < 2_958_466 else { return nil }
        let day = d.rounded(.down)
        let micros = (Int64(day) - excelEpochOffset) * TimeFormat.microsPerDay
            + Int64(((d - day) * Double(TimeFormat.microsPerDay)).rounded())
        return .serial(micros)
    }

    /// Microseconds since midnight of row `i`'s time, or nil when it is not a time of day.
    static func timeOfDay(_ c: Column, _ i: Int, excelSerial: Bool) -> Int64? {
        let t: Int64?
        switch c.values {
        case .duration(let a): t = a[i]
        case .float(let a) where excelSerial && a[i] >= 0 && a[i] < 1:
            t = Int64((a[i] * Double(TimeFormat.microsPerDay)).rounded())
        case .string(let s):
            var text = s[i].trimmingBlanks()
            if text.hasPrefix("'") { text.removeFirst() }
            t = text.isEmpty ? nil : DurationParser.parse(text)
        default: t = nil
        }
        guard let t, t >= 0, t < TimeFormat.microsPerDay else { return nil }
        return t
    }
}
