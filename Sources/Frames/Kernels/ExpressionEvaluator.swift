/// Evaluates bound expressions over a frame, one vectorised kernel per
/// (operation, type): loops run over raw buffers, constants are not
/// repeated into columns, nulls travel in validity bitmaps, and string
/// functions on dictionary columns run once per dictionary entry.
public struct ExpressionEvaluator: Sendable {
    /// The session zone and cancellation hook.
    public let context: EvaluationContext

    public init(context: EvaluationContext = EvaluationContext()) {
        self.context = context
    }

    /// Evaluates `expr` over every row of `frame`.
    public func evaluate(_ expr: Expr, over frame: Frame) throws(EvaluationError) -> Column {
        let n = frame.rowCount
        switch try operand(expr, frame.columns, n) {
        case .column(let c): return c
        case .scalar(let v): return Operand.broadcast(v, expr.type, n)
        }
    }

    /// Evaluates `expr` over the given columns of `rowCount` rows.
    public func evaluate(_ expr: Expr, columns: [Column], rowCount: Int) throws(EvaluationError) -> Column {
        switch try operand(expr, columns, rowCount) {
        case .column(let c): return c
        case .scalar(let v): return Operand.broadcast(v, expr.type, rowCount)
        }
    }

    /// Evaluates an expression that reads no column to its single value.
    public func evaluateConstant(_ expr: Expr) throws(EvaluationError) -> Value {
        switch try operand(expr, [], 1) {
        case .scalar(let v): return v
        case .column(let c): return c.count > 0 ? c.value(at: 0) : .null
        }
    }

    /// Evaluates a boolean expression into a selection vector (null counts as false).
    public func select(_ predicate: Expr, over frame: Frame) throws(EvaluationError) -> [Int32] {
        let c = try evaluate(predicate, over: frame)
        return Selection.indices(where: c)
    }

    func operand(_ e: Expr, _ columns: [Column], _ n: Int) throws(EvaluationError) -> Operand {
        switch e {
        case .column(let i, _):
            guard i >= 0 && i < columns.count else { throw .typeError(message: "column $\(i) out of range") }
            return .column(columns[i])
        case .literal(let v, _):
            return .scalar(v)
        case .call(let f, let args, let type):
            var ops: [Operand] = []
            ops.reserveCapacity(args.count)
            var allScalar = true
            for a in args {
                let o = try operand(a, columns, n)
                if case .column = o { allScalar = false }
                ops.append(o)
            }
            if allScalar && n != 1 {
                // Fold constants once over a single row.
                let r = try call(f, ops, args.map(\.type), type, 1)
                switch r {
                case .scalar: return r
                case .column(let c): return .scalar(c.count > 0 ? c.value(at: 0) : .null)
                }
            }
            let r = try call(f, ops, args.map(\.type), type, n)
            try context.checkCancellation()
            return r
        }
    }

    /// Dispatches one call.
    func call(_ f: ScalarFunction, _ a: [Operand], _ t: [DataType], _ type: DataType, _ n: Int) throws(EvaluationError) -> Operand {
        switch f {
        case .add, .subtract, .multiply, .divide, .modulo:
            return try arithmetic(f, a[0], a[1], t[0], t[1], type, n)
        case .negate:
            return try negate(a[0], t[0], n)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try compare(f, a[0], a[1], t[0], n)
        case .and, .or:
            return .column(Logic.andOr(f == .and, a[0].materialize(.bool, n), a[1].materialize(.bool, n)))
        case .not:
            return .column(Logic.not(a[0].materialize(.bool, n)))
        case .in, .notIn:
            var acc: Column? = nil
            for item in a.dropFirst() {
                let eq = try compare(.equal, a[0], item, t[0], n).materialize(.bool, n)
                acc = acc.map { Logic.andOr(false, $0, eq) } ?? eq
            }
            let r = acc ?? Column.nulls(.bool, count: n)
            return .column(f == .in ? r : Logic.not(r))
        case .between:
            let lo = try compare(.greaterOrEqual, a[0], a[1], t[0], n).materialize(.bool, n)
            let hi = try compare(.lessOrEqual, a[0], a[2], t[0], n).materialize(.bool, n)
            return .column(Logic.andOr(true, lo, hi))
        case .isNull, .isNotNull:
            let v = a[0].validity(n)
            let valid = v ?? Bitmap(count: n, value: true)
            return .column(Column(.bool(f == .isNull ? ~valid : valid)))
        case .contains, .containsCI, .startsWith, .startsWithCI, .endsWith, .endsWithCI:
            return try StringKernels.predicate(f, a[0], a[1], n)
        case .matches, .matchesCI:
            return try StringKernels.matches(a[0], a[1], caseInsensitive: f == .matchesCI, n)
        case .lower, .upper, .len, .substr, .concat, .replace, .splitPart:
            return try StringKernels.function(f, a, t, n)
        case .hour, .minute, .dayOfWeek, .date:
            return try TimeKernels.calendar(f, a, n, context.zone)
        case .bin:
            return try TimeKernels.bin(a[0], a[1], t[0], type, n, zone: context.zone)
        case .datetime:
            return try TimeKernels.datetime(a, n, context.zone)
        case .abs, .round, .floor, .ceil, .sqrt, .log, .log10:
            return try NumberKernels.function(f, a, t, type, n)
        case .ip, .ipIn, .isPrivate, .ipVersion, .ipPrefix:
            return try IPKernels.function(f, a, t, n)
        case .toInt, .toFloat, .toString:
            return try Conversions.convert(f, a[0], t[0], n, context.zone)
        case .if:
            let c = a[0].materialize(.bool, n)
            var mask: Bitmap
            if case .bool(let b) = c.values { mask = b } else { throw .typeError(message: "if() condition is \(c.type)") }
            if let v = c.validity { mask = mask & v }
            return .column(Choose.choose(mask, a[1].materialize(type, n), a[2].materialize(type, n)))
        case .coalesce:
            var acc = a[a.count - 1].materialize(type, n)
            for op in a.dropLast().reversed() {
                let c = op.materialize(type, n)
                guard let v = c.validity else { acc = c; continue }
                acc = Choose.choose(v, c, acc)
            }
            return .column(acc)
        }
    }
}
