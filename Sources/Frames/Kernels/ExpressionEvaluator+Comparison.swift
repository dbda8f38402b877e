extension ExpressionEvaluator {
    /// `== != < <= > >=` for operands of one type `t` (after promotion).
    func compare(_ f: ScalarFunction, _ a: Operand, _ b: Operand, _ t: DataType, _ n: Int) throws(EvaluationError) -> Operand {
        if a.isNullScalar || b.isNullScalar { return .scalar(.null) }
        let valid = Loops.and(a.validity(n), b.validity(n))
        let bits: Bitmap
        switch t {
        case .int, .timestamp, .duration:
            bits = Self.compareSides(f, a.int64Side, b.int64Side, n)
        case .float:
            bits = Self.compareSides(f, a.doubleSide, b.doubleSide, n)
        case .ip:
            bits = Self.compareSides(f, a.ipSide, b.ipSide, n)
        case .bool:
            let x = a.materialize(.bool, n), y = b.materialize(.bool, n)
            guard case .bool(let p) = x.values, case .bool(let q) = y.values else { throw .typeError(message: "bool compare") }
            bits = Self.compareBools(f, p, q)
        case .string:
            bits = try StringKernels.compare(f, a, b, n)
        }
        return .column(Column(.bool(bits), validity: valid))
    }

    @inline(__always)
    static func compareSides<T: Comparable>(_ f: ScalarFunction, _ x: Side<T>, _ y: Side<T>, _ n: Int) -> Bitmap {
        if case .array(let a) = x, case .scalar(let s) = y, let op = ScalarComparison.op(f, flipped: false) {
            return ScalarComparison.compare(a, s, op)
        }
        if case .scalar(let s) = x, case .array(let a) = y, let op = ScalarComparison.op(f, flipped: true) {
            return ScalarComparison.compare(a, s, op)
        }
        switch f {
        case .equal: return Loops.compare2(x, y, n) { $0 == $1 }
        case .notEqual: return Loops.compare2(x, y, n) { $0 != $1 }
        case .less: return Loops.compare2(x, y, n) { $0 < $1 }
        case .lessOrEqual: return Loops.compare2(x, y, n) { $0 <= $1 }
        case .greater: return Loops.compare2(x, y, n) { $0 > $1 }
        default: return Loops.compare2(x, y, n) { $0 >= $1 }
        }
    }

    /// Word-wise comparisons of bit-packed booleans (false < true).
    static func compareBools(_ f: ScalarFunction, _ p: Bitmap, _ q: Bitmap) -> Bitmap {
        var w = p.words
        let n = p.count
        w.withUnsafeMutableBufferPointer { a in
            q.words.withUnsafeBufferPointer { b in
                for i in 0..<a.count {
                    let x = a[i], y = b[i]
                    switch f {
                    case .equal: a[i] = ~(x ^ y)
                    case .notEqual: a[i] = x ^ y
                    case .less: a[i] = ~x & y
                    case .lessOrEqual: a[i] = ~x | y
                    case .greater: a[i] = x & ~y
                    default: a[i] = x | ~y
                    }
                }
            }
        }
        let tail = n & 63
        if tail != 0, !w.isEmpty { w[w.count - 1] &= (1 << UInt64(tail)) - 1 }
        return Bitmap(words: w, count: n)
    }
}
