import Foundation

extension ExpressionEvaluator {
    /// `+ - * / %` over every type pair the catalog accepts. Integer overflow
    /// wraps; division or remainder by zero gives null.
    func arithmetic(_ f: ScalarFunction, _ a: Operand, _ b: Operand, _ ta: DataType, _ tb: DataType,
                    _ type: DataType, _ n: Int) throws(EvaluationError) -> Operand {
        if a.isNullScalar || b.isNullScalar { return .scalar(.null) }
        let valid = Loops.and(a.validity(n), b.validity(n))
        func make(_ vals: ColumnValues, _ extra: Bitmap? = nil) -> Operand {
            .column(Column(vals, validity: Loops.and(valid, extra)))
        }
        func wrap(_ t: DataType, _ v: [Int64]) -> ColumnValues {
            t == .timestamp ? .timestamp(v) : t == .duration ? .duration(v) : .int(v)
        }
        let intLike: Set<DataType> = [.int, .timestamp, .duration]
        if intLike.contains(ta) && intLike.contains(tb) && type != .float {
            let x = a.int64Side, y = b.int64Side
            switch f {
            case .add: return make(wrap(type, Loops.map2(x, y, n) { $0 &+ $1 }))
            case .subtract: return make(wrap(type, Loops.map2(x, y, n) { $0 &- $1 }))
            case .multiply: return make(wrap(type, Loops.map2(x, y, n) { $0 &* $1 }))
            case .divide, .modulo:
                let nonZero = Self.nonZero(y, n)
                let div = f == .divide
                let r = Loops.map2(x, y, n) { p, q -> Int64 in
                    if q == 0 { return 0 }
                    if div { return p.dividedReportingOverflow(by: q).partialValue }
                    return p.remainderReportingOverflow(dividingBy: q).partialValue
                }
                return make(wrap(type, r), nonZero)
            default: break
            }
        }
        if ta.isNumeric && tb.isNumeric {
            let x = a.doubleSide, y = b.doubleSide
            switch f {
            case .add: return make(.float(Loops.map2(x, y, n) { $0 + $1 }))
            case .subtract: return make(.float(Loops.map2(x, y, n) { $0 - $1 }))
            case .multiply: return make(.float(Loops.map2(x, y, n) { $0 * $1 }))
            case .divide, .modulo:
                let nonZero = Loops.compare2(y, Side<Double>.scalar(0), n) { p, _ in p != 0 }
                let div = f == .divide
                let r = Loops.map2(x, y, n) { p, q -> Double in
                    q == 0 ? 0 : (div ? p / q : fmod(p, q))
                }
                return make(.float(r), nonZero.allSet ? nil : nonZero)
            default: break
            }
        }
        // Durations with floats, duration / duration.
        if f == .divide && ta == .duration && tb == .duration {
            let x = a.int64Side, y = b.int64Side
            let nonZero = Self.nonZero(y, n)
            return make(.float(Loops.map2(x, y, n) { p, q in q == 0 ? 0 : Double(p) / Double(q) }), nonZero)
        }
        if type == .duration && (ta == .float || tb == .float) {
            let d = ta == .duration ? a.int64Side : b.int64Side
            let k = ta == .duration ? b.doubleSide : a.doubleSide
            let div = f == .divide
            var ok = Loops.compare2(d, k, n) { p, q in
                let r = div ? Double(p) / q : Double(p) * q
                return r.isFinite && Swift.abs(r) < 9.2e18
            }
            let r = Loops.map2(d, k, n) { p, q -> Int64 in
                let v = div ? Double(p) / q : Double(p) * q
                return v.isFinite && Swift.abs(v) < 9.2e18 ? Int64(v.rounded()) : 0
            }
            if ok.allSet { ok = Bitmap(count: 0, value: true) }
            return make(.duration(r), ok.count == 0 ? nil : ok)
        }
        throw .typeError(message: "no kernel for \(f.rawValue)(\(ta), \(tb))")
    }

    /// Validity bits "divisor is not zero", nil when no divisor is zero.
    static func nonZero(_ y: Side<Int64>, _ n: Int) -> Bitmap? {
        switch y {
        case .scalar(let s): return s == 0 ? Bitmap(count: n, value: false) : nil
        case .array(let arr):
            if !arr.contains(0) { return nil }
            return Loops.compare2(y, Side<Int64>.scalar(0), n) { p, _ in p != 0 }
        }
    }

    /// Unary minus.
    func negate(_ a: Operand, _ t: DataType, _ n: Int) throws(EvaluationError) -> Operand {
        switch a {
        case .scalar(let v):
            switch v {
            case .int(let x): return .scalar(.int(0 &- x))
            case .float(let x): return .scalar(.float(-x))
            case .duration(let x): return .scalar(.duration(0 &- x))
            default: return .scalar(.null)
            }
        case .column(let c):
            switch c.values {
            case .int(let x): return .column(Column(.int(Loops.map1(x) { 0 &- $0 }), validity: c.validity))
            case .duration(let x): return .column(Column(.duration(Loops.map1(x) { 0 &- $0 }), validity: c.validity))
            case .float(let x): return .column(Column(.float(Loops.map1(x) { -$0 }), validity: c.validity))
            default: throw .typeError(message: "cannot negate \(t)")
            }
        }
    }
}
