/// int(x), float(x), str(x).
enum Conversions {
    static func convert(_ f: ScalarFunction, _ a: Operand, _ t: DataType, _ n: Int, _ zone: Zone) throws(EvaluationError) -> Operand {
        if a.isNullScalar { return .scalar(.null) }
        let c = a.materialize(t, n)
        let valid = c.validity
        switch f {
        case .toInt:
            switch c.values {
            case .int: return .column(c)
            case .timestamp(let v), .duration(let v): return .column(Column(.int(v), validity: valid))
            case .float(let v):
                let ok = Loops.compare2(Side.array(v), Side<Double>.scalar(0), n) { p, _ in p.isFinite && Swift.abs(p) < 9.2e18 }
                let r = Loops.map1(v) { $0.isFinite && Swift.abs($0) < 9.2e18 ? Int64($0) : 0 }
                return .column(Column(.int(r), validity: Loops.and(valid, ok.allSet ? nil : ok)))
            case .bool(let b):
                return .column(Column(.int((0..<n).map { b[$0] ? 1 : 0 }), validity: valid))
            case .ip(let v):
                let ok = Bitmap(v.lazy.map(\.isIPv4))
                return .column(Column(.int(Loops.map1(v) { Int64($0.v4 ?? 0) }), validity: Loops.and(valid, ok.allSet ? nil : ok)))
            case .string(let s):
                let (vals, v) = StringRows.mapValues(s, n, zero: Int64(0)) { parseInt($0) }
                return .column(Column(.int(vals), validity: Loops.and(valid, v)))
            }
        case .toFloat:
            switch c.values {
            case .float: return .column(c)
            case .int(let v), .timestamp(let v), .duration(let v): return .column(Column(.float(Loops.map1(v) { Double($0) }), validity: valid))
            case .bool(let b): return .column(Column(.float((0..<n).map { b[$0] ? 1 : 0 }), validity: valid))
            case .string(let s):
                let (vals, v) = StringRows.mapValues(s, n, zero: 0.0) { b -> Double? in
                    let str = StringRows.string(b).trimmingBlanks()
                    return str.isEmpty ? nil : Double(str)
                }
                return .column(Column(.float(vals), validity: Loops.and(valid, v)))
            case .ip: throw .typeError(message: "float(ip)")
            }
        default:
            if case .string = c.values { return .column(c) }
            var out = PlainStrings()
            out.offsets.reserveCapacity(n + 1)
            for i in 0..<n {
                if let v = valid, !v[i] { out.appendEmpty(); continue }
                switch c.values {
                case .int(let x): out.append(String(x[i]))
                case .float(let x): out.append(String(x[i]))
                case .bool(let b): out.append(b[i] ? "true" : "false")
                case .timestamp(let x): out.append(TimeFormat.iso8601(micros: x[i], zone: zone))
                case .duration(let x): out.append(TimeFormat.duration(micros: x[i]))
                case .ip(let x): out.append(x[i].description)
                case .string: break
                }
            }
            return .column(Column(.string(.plain(out)), validity: valid))
        }
    }

    /// A decimal integer with an optional sign and surrounding blanks; nil otherwise.
    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, end = b.count
        while i < end, b[i] == 32 { i += 1 }
        while end > i, b[end - 1] == 32 { end -= 1 }
        guard i < end else { return nil }
        var neg = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { neg = b[i] == UInt8(ascii: "-"); i += 1 }
        guard i < end else { return nil }
        var v: Int64 = 0
        while i < end {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = neg ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            v = s
            i += 1
        }
        return v
    }
}
