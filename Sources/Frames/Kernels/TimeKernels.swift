/// Calendar fields, `bin` and `datetime`.
enum TimeKernels {
    /// The zone named by a constant zone argument, or the session zone.
    static func zone(_ a: [Operand], _ session: Zone) throws(EvaluationError) -> Zone? {
        guard a.count > 1 else { return session }
        guard case .scalar(let v) = a[1] else { return nil }
        guard case .string(let name) = v else { return session }
        guard let z = Zone(name) else { throw .badZone(name: name) }
        return z
    }

    /// Local wall-clock microseconds of every row, with a per-row zone when the zone is a column.
    static func localMicros(_ a: [Operand], _ n: Int, _ session: Zone) throws(EvaluationError) -> [Int64] {
        guard case .array(let t) = a[0].int64Side else { return [] }
        if let z = try zone(a, session) {
            if let off = z.fixedOffset {
                let d = off * 1_000_000
                return Loops.map1(t) { $0 &+ d }
            }
            return Loops.map1(t) { z.localMicros(fromInstant: $0) }
        }
        // Zone names in a column: resolve each distinct name once.
        var zones = ZoneNames()
        let zs = StringKernels.storage(a[1], n)
        var out = [Int64](repeating: 0, count: n)
        let zValid = a[1].validity(n)
        try StringRows.with(zs) { (g) throws(EvaluationError) in
            for i in 0..<n where zValid?[i] ?? true {
                let name = StringRows.string(g(i))
                let z = try zones.zone(name)
                out[i] = z.localMicros(fromInstant: t[i])
            }
        }
        return out
    }

    /// hour, minute, dayofweek (ISO, Monday = 1), date (`yyyy-MM-dd`).
    static func calendar(_ f: ScalarFunction, _ a: [Operand], _ n: Int, _ session: Zone) throws(EvaluationError) -> Operand {
        if a.contains(where: \.isNullScalar) { return .scalar(.null) }
        var valid: Bitmap? = nil
        for o in a { valid = Loops.and(valid, o.validity(n)) }
        let col = a[0].materialize(.timestamp, n)
        let local = try localMicros([.column(col)] + a.dropFirst(), n, session)
        let day = TimeFormat.microsPerDay
        switch f {
        case .hour:
            return .column(Column(.int(Loops.map1(local) { (($0 % day + day) % day) / 3_600_000_000 }), validity: valid))
        case .minute:
            return .column(Column(.int(Loops.map1(local) { (($0 % 3_600_000_000 + 3_600_000_000) % 3_600_000_000) / 60_000_000 }), validity: valid))
        case .dayOfWeek:
            // 1970-01-01 was a Thursday (ISO 4).
            return .column(Column(.int(Loops.map1(local) { ((TimeFormat.floorDiv($0, day) + 3) % 7 + 7) % 7 + 1 }), validity: valid))
        default:
            // Few distinct days: build a dictionary column.
            var dict = PlainStrings()
            var seen: [Int64: Int32] = [:]
            var lastDay = Int64.min, lastIndex: Int32 = 0
            var idx = [Int32](repeating: 0, count: n)
            for i in 0..<n {
                if let v = valid, !v[i] { continue }
                let d = TimeFormat.floorDiv(local[i], day)
                if d != lastDay {
                    if let k = seen[d] { lastIndex = k } else {
                        lastIndex = Int32(dict.count)
                        seen[d] = lastIndex
                        dict.append(TimeFormat.date(micros: d * day, zone: .utc))
                    }
                    lastDay = d
                }
                idx[i] = lastIndex
            }
            if dict.count == 0 { return .column(Column.nulls(.string, count: n)) }
            return .column(Column(.string(.dictionary(indices: idx, dictionary: dict)), validity: valid))
        }
    }

    /// `bin(x, size)`: x rounded down to a multiple of size; size <= 0 gives null.
    /// Timestamps are floored on the wall clock of `zone`, so hourly and daily
    /// bins start on the zone's whole hours and midnights (for `+05:30` too).
    static func bin(_ x: Operand, _ size: Operand, _ tx: DataType, _ type: DataType, _ n: Int, zone: Zone = .utc) throws(EvaluationError) -> Operand {
        if x.isNullScalar || size.isNullScalar { return .scalar(.null) }
        let valid = Loops.and(x.validity(n), size.validity(n))
        if type == .float {
            let a = x.doubleSide, b = size.doubleSide
            let ok = Loops.compare2(b, Side<Double>.scalar(0), n) { p, _ in p > 0 }
            let r = Loops.map2(a, b, n) { p, q -> Double in q > 0 ? (p / q).rounded(.down) * q : 0 }
            return .column(Column(.float(r), validity: Loops.and(valid, ok.allSet ? nil : ok)))
        }
        let a = x.int64Side, b = size.int64Side
        let ok = Loops.compare2(b, Side<Int64>.scalar(0), n) { p, _ in p > 0 }
        let r: [Int64]
        if type == .timestamp, let offset = zone.fixedOffset {
            let shift = offset * TimeFormat.microsPerSecond
            r = Loops.map2(a, b, n) { p, q -> Int64 in q > 0 ? TimeFormat.floorDiv(p &+ shift, q) &* q &- shift : 0 }
        } else if type == .timestamp {
            r = Loops.map2(a, b, n) { p, q -> Int64 in
                q > 0 ? zone.instant(fromLocalMicros: TimeFormat.floorDiv(zone.localMicros(fromInstant: p), q) &* q) : 0
            }
        } else {
            r = Loops.map2(a, b, n) { p, q -> Int64 in q > 0 ? TimeFormat.floorDiv(p, q) &* q : 0 }
        }
        let vals: ColumnValues = type == .timestamp ? .timestamp(r) : type == .duration ? .duration(r) : .int(r)
        return .column(Column(vals, validity: Loops.and(valid, ok.allSet ? nil : ok)))
    }

    /// `datetime(s [, zone])`: parsed timestamps; text that does not parse is null.
    static func datetime(_ a: [Operand], _ n: Int, _ session: Zone) throws(EvaluationError) -> Operand {
        if a.contains(where: \.isNullScalar) { return .scalar(.null) }
        var valid: Bitmap? = nil
        for o in a { valid = Loops.and(valid, o.validity(n)) }
        let s = StringKernels.storage(a[0], n)
        if let z = try zone(a, session) {
            let (vals, v) = StringRows.mapValues(s, n, zero: Int64(0)) { TimestampParser.parse(bytes: $0, zone: z, layout: nil) }
            return .column(Column(.timestamp(vals), validity: Loops.and(valid, v)))
        }
        var zones = ZoneNames()
        let zs = StringKernels.storage(a[1], n)
        var out = [Int64](repeating: 0, count: n)
        var ok = Bitmap(count: n, value: true)
        try StringRows.with(s) { (gs) throws(EvaluationError) in
            try StringRows.with(zs) { (gz) throws(EvaluationError) in
                for i in 0..<n {
                    if let v = valid, !v[i] { continue }
                    let name = StringRows.string(gz(i))
                    let z = try zones.zone(name)
                    if let t = TimestampParser.parse(bytes: gs(i), zone: z, layout: nil) { out[i] = t } else { ok[i] = false }
                }
            }
        }
        return .column(Column(.timestamp(out), validity: Loops.and(valid, ok)))
    }
}
