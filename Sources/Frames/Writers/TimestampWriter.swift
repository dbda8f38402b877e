/// Writes timestamps as `ValueText.timestamp` does (ISO 8601 in a zone), in
/// bytes, with the date part kept from the previous value of the same local
/// day: exports write millions of timestamps and most share a day with the
/// one before.
struct TimestampWriter {
    let zone: Zone
    private var cachedDay = Int64.min
    private var date: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init(zone: Zone) { self.zone = zone }

    mutating func write(_ micros: Int64, to sink: inout ByteSink) {
        var offset = zone.offset(atUTCSeconds: TimeFormat.floorDiv(micros, TimeFormat.microsPerSecond))
        var utcName = zone.name == "UTC"
        if offset % 60 != 0 { offset = 0; utcName = true }
        let (local, overflow) = micros.addingReportingOverflow(offset * TimeFormat.microsPerSecond)
        let day = TimeFormat.floorDiv(local, TimeFormat.microsPerDay)
        if overflow || day != cachedDay {
            let (y, m, d) = TimeFormat.civilFromDays(day)
            guard !overflow, y >= 0, y <= 9999 else {
                sink.text(ValueText.timestamp(micros, zone: zone))
                return
            }
            date = (digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), 45, digit(m / 10), digit(m), 45, digit(d / 10), digit(d))
            cachedDay = day
        }
        withUnsafeBytes(of: &date) { sink.bytes($0.bindMemory(to: UInt8.self)) }
        let rem = local - day * TimeFormat.microsPerDay
        let h = rem / 3_600_000_000, mi = (rem / 60_000_000) % 60, s = (rem / 1_000_000) % 60
        sink.byte(84)
        two(h, &sink)
        sink.byte(58)
        two(mi, &sink)
        sink.byte(58)
        two(s, &sink)
        var frac = rem % 1_000_000
        if frac != 0 {
            var digits = 6
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            sink.byte(46)
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            while divisor > 0 {
                sink.byte(digit(frac / divisor))
                divisor /= 10
            }
        }
        if offset == 0 && utcName {
            sink.byte(90)
        } else {
            let a = abs(offset)
            sink.byte(offset < 0 ? 45 : 43)
            two(a / 3600, &sink)
            sink.byte(58)
            two((a % 3600) / 60, &sink)
        }
    }

    @inline(__always) private func digit(_ v: Int64) -> UInt8 { UInt8(48 + v % 10) }

    @inline(__always) private func two(_ v: Int64, _ sink: inout ByteSink) {
        sink.byte(digit(v / 10))
        sink.byte(digit(v))
    }
}
