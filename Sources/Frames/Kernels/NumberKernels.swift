import Foundation

/// abs, round, floor, ceil, sqrt, log, log10.
enum NumberKernels {
    static func function(_ f: ScalarFunction, _ a: [Operand], _ t: [DataType], _ type: DataType, _ n: Int) throws(EvaluationError) -> Operand {
        if a.contains(where: \.isNullScalar) { return .scalar(.null) }
        var valid: Bitmap? = nil
        for o in a { valid = Loops.and(valid, o.validity(n)) }
        let x = a[0].materialize(t[0], n)
        if type == .int || type == .duration {
            guard case .array(let v) = Operand.column(x).int64Side else { throw .typeError(message: "int kernel") }
            let r: [Int64]
            switch f {
            case .abs: r = Loops.map1(v) { $0 < 0 ? 0 &- $0 : $0 }
            case .round:
                // round(int, digits): negative digits round to tens, hundreds, ...
                let digits = a.count > 1 ? StringKernels.value(a[1].int64Side, 0) : 0
                if digits >= 0 || digits < -18 { r = v } else {
                    var p: Int64 = 1
                    for _ in 0..<Int(-digits) { p *= 10 }
                    let half = p / 2
                    r = Loops.map1(v) { q in q >= 0 ? (q / p &+ (q % p >= half ? 1 : 0)) &* p
                                                    : 0 &- ((0 &- q) / p &+ ((0 &- q) % p >= half ? 1 : 0)) &* p }
                }
            default: r = v // floor and ceil of an int are the int
            }
            return .column(Column(type == .duration ? .duration(r) : .int(r), validity: valid))
        }
        guard case .float(let v) = x.values else { throw .typeError(message: "float kernel") }
        var extra: Bitmap? = nil
        let r: [Double]
        switch f {
        case .abs: r = Loops.map1(v) { Swift.abs($0) }
        case .floor: r = Loops.map1(v) { $0.rounded(.down) }
        case .ceil: r = Loops.map1(v) { $0.rounded(.up) }
        case .round:
            if a.count > 1 {
                let d = a[1].int64Side
                r = Loops.map2(Side.array(v), d, n) { q, digits in
                    let p = Foundation.pow(10.0, Double(Swift.max(-300, Swift.min(300, digits))))
                    return (q * p).rounded(.toNearestOrAwayFromZero) / p
                }
            } else {
                r = Loops.map1(v) { $0.rounded(.toNearestOrAwayFromZero) }
            }
        case .sqrt:
            r = Loops.map1(v) { Foundation.sqrt($0) }
            extra = Loops.compare2(Side.array(v), Side<Double>.scalar(0), n) { p, _ in p >= 0 }
        case .log, .log10:
            r = f == .log ? Loops.map1(v) { Foundation.log($0) } : Loops.map1(v) { Foundation.log10($0) }
            extra = Loops.compare2(Side.array(v), Side<Double>.scalar(0), n) { p, _ in p > 0 }
        default: throw .typeError(message: "\(f.rawValue) is not a number function")
        }
        if let e = extra, e.allSet { extra = nil }
        return .column(Column(.float(r), validity: Loops.and(valid, extra)))
    }
}
