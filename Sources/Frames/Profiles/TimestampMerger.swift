/// Joins a date column and a time-of-day column into one timestamp column.
///
/// The reader has usually typed the date column already (a `dd/mm/yyyy`
/// column as timestamps at midnight); text columns (times, and dates with
/// mixed or damaged values) are parsed here from their bytes, a dictionary
/// column once per distinct value. A row whose date or time cannot be read is
/// null and counted, never guessed.
enum TimestampMerger {
    /// Days from 1899-12-30 (Excel's day 0) to 1970-01-01.
    static let excelEpochOffset: Int64 = 25_569

    struct Result {
        var column: Column
        var damage: [String]
    }

    /// How one row's part was read.
    enum State: UInt8 {
        case null, ok, serial, bad
    }

    /// One column's parts: microseconds (local midnight, or time of day) and states.
    struct Parts {
        var micros: [Int64]
        var states: [State]
    }

    static func merge(date: Column, time: Column?, rule: Profile.TimestampRule, zone: Zone, excelSerial: Bool) -> Result {
        let n = date.count
        let dates = localDates(date, rule.dateLayout, zone: zone, excelSerial: excelSerial)
        let times = time.map { timesOfDay($0, excelSerial: excelSerial) }
        var values = [Int64](repeating: 0, count: n)
        var validity = Bitmap(count: n, value: true)
        var allValid = true
        var badDates = 0, badTimes = 0, serials = 0
        var firstBadDate = -1, firstBadTime = -1
        for i in 0..<n {
            var local = dates.micros[i]
            var ok = true
            switch dates.states[i] {
            case .ok: break
            case .serial: serials += 1
            case .null: ok = false
            case .bad:
                ok = false
                badDates += 1
                if firstBadDate < 0 { firstBadDate = i }
            }
            if ok, let times {
                switch times.states[i] {
                case .ok, .serial: local += times.micros[i]
                case .null: ok = false
                case .bad:
                    ok = false
                    badTimes += 1
                    if firstBadTime < 0 { firstBadTime = i }
                }
            }
            if ok {
                values[i] = zone.instant(fromLocalMicros: local)
            } else {
                validity[i] = false
                allValid = false
            }
        }
        var damage: [String] = []
        if badDates > 0 {
            let example = text(date, firstBadDate)
            var note = "\(rule.target): \(ProfileApplier.rows(badDates)) with a date that is not \(rule.dateFormat) (e.g. '\(example)'): left null"
            if Double(example) != nil && !excelSerial {
                note += "; numbers may be Excel serial dates, which the profile converts only with \"excel_serial_dates\": true"
            }
            damage.append(note)
        }
        if badTimes > 0, let time {
            damage.append("\(rule.target): \(ProfileApplier.rows(badTimes)) with a time that is not hh:mm:ss (e.g. '\(text(time, firstBadTime))'): left null")
        }
        if serials > 0 {
            damage.append("\(rule.target): \(ProfileApplier.rows(serials)) converted from Excel serial dates (the profile says so)")
        }
        return Result(column: Column(.timestamp(values), validity: allValid ? nil : validity), damage: damage)
    }

    /// A row's value as the file had it (one leading apostrophe dropped).
    static func text(_ c: Column, _ i: Int) -> String {
        var t = c.value(at: i).description.trimmingBlanks()
        if t.hasPrefix("'") { t.removeFirst() }
        return t
    }

    /// Local midnight of each row's date.
    static func localDates(_ c: Column, _ layout: TimestampLayout, zone: Zone, excelSerial: Bool) -> Parts {
        let n = c.count
        var out = Parts(micros: [Int64](repeating: 0, count: n), states: [State](repeating: .null, count: n))
        switch c.values {
        case .timestamp(let a):
            for i in 0..<n where c.isValid(i) {
                out.micros[i] = midnight(zone.localMicros(fromInstant: a[i]))
                out.states[i] = .ok
            }
        case .int(let a):
            for i in 0..<n where c.isValid(i) { (out.micros[i], out.states[i]) = serial(Double(a[i]), excelSerial) }
        case .float(let a):
            for i in 0..<n where c.isValid(i) { (out.micros[i], out.states[i]) = serial(a[i], excelSerial) }
        case .string(let s):
            eachValue(s, c) { i, b in
                let v = unquoted(b)
                if let t = TimestampParser.parse(bytes: v, zone: .utc, layout: layout) { return (midnight(t), .ok) }
                if let base = v.baseAddress, let d = NumberParser.float(base, v.count) { return serial(d, excelSerial) }
                return (0, .bad)
            } into: { i, r in (out.micros[i], out.states[i]) = r }
        default:
            for i in 0..<n where c.isValid(i) { out.states[i] = .bad }
        }
        return out
    }

    /// Microseconds since midnight of each row's time.
    static func timesOfDay(_ c: Column, excelSerial: Bool) -> Parts {
        let n = c.count
        var out = Parts(micros: [Int64](repeating: 0, count: n), states: [State](repeating: .null, count: n))
        func check(_ t: Int64?) -> (Int64, State) {
            guard let t, t >= 0, t < TimeFormat.microsPerDay else { return (0, .bad) }
            return (t, .ok)
        }
        switch c.values {
        case .duration(let a):
            for i in 0..<n where c.isValid(i) { (out.micros[i], out.states[i]) = check(a[i]) }
        case .float(let a) where excelSerial:
            for i in 0..<n where c.isValid(i) { (out.micros[i], out.states[i]) = check(a[i] < 1 ? Int64((a[i] * Double(TimeFormat.microsPerDay)).rounded()) : nil) }
        case .string(let s):
            eachValue(s, c) { _, b in check(DurationParser.parse(bytes: unquoted(b))) } into: { i, r in (out.micros[i], out.states[i]) = r }
        default:
            for i in 0..<n where c.isValid(i) { out.states[i] = .bad }
        }
        return out
    }

    /// Reads every valid row's bytes with `read` (a dictionary column's
    /// distinct values once each) and hands each row's reading to `store`.
    static func eachValue(_ s: StringStorage, _ c: Column, _ read: (Int, UnsafeBufferPointer<UInt8>) -> (Int64, State),
                          into store: (Int, (Int64, State)) -> Void) {
        switch s {
        case .plain(let p):
            p.bytes.withUnsafeBufferPointer { bp in
                for i in 0..<p.count where c.isValid(i) {
                    store(i, read(i, UnsafeBufferPointer(rebasing: bp[Int(p.offsets[i])..<Int(p.offsets[i + 1])])))
                }
            }
        case .dictionary(let indices, let d):
            var readings: [(Int64, State)] = []
            readings.reserveCapacity(d.count)
            d.bytes.withUnsafeBufferPointer { bp in
                for k in 0..<d.count { readings.append(read(k, UnsafeBufferPointer(rebasing: bp[Int(d.offsets[k])..<Int(d.offsets[k + 1])]))) }
            }
            for (i, k) in indices.enumerated() where c.isValid(i) { store(i, readings[Int(k)]) }
        }
    }

    /// The bytes without surrounding blanks and one leading apostrophe.
    static func unquoted(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        while s < e, b[s] == 32 || b[s] == 9 { s += 1 }
        while e > s, b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13 { e -= 1 }
        if s < e, b[s] == 39 { s += 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    /// The start of the day that holds `local`.
    static func midnight(_ local: Int64) -> Int64 {
        TimeFormat.floorDiv(local, TimeFormat.microsPerDay) * TimeFormat.microsPerDay
    }

    /// An Excel serial day number as local midnight plus the fraction of the
    /// day; `.bad` when the profile does not allow serials or the number is out of range.
    static func serial(_ d: Double, _ allowed: Bool) -> (Int64, State) {
        guard allowed, d >= 1, d < 2_958_466 else { return (0, .bad) }
        let day = d.rounded(.down)
        let micros = (Int64(day) - excelEpochOffset) * TimeFormat.microsPerDay
            + Int64(((d - day) * Double(TimeFormat.microsPerDay)).rounded())
        return (micros, .serial)
    }
}
