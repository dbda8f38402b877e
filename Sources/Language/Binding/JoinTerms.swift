import Frames

/// The bound terms of a join condition sorted into hash keys, an interval for
/// the index, and the rest (checked on candidate pairs).
struct JoinTerms {
    var leftKeys: [Expr] = []
    var rightKeys: [Expr] = []
    var interval: JoinIntervalPlan?
    var residual: Expr?
}

/// One side of a term: which frames its columns come from.
enum JoinSide {
    case none, left, right, both

    init(_ e: Expr, leftWidth nl: Int) {
        let cols = e.referencedColumns
        let l = cols.contains { $0 < nl }, r = cols.contains { $0 >= nl }
        self = l && r ? .both : l ? .left : r ? .right : .none
    }
}

extension Binder {
    static let unsupportedTermHint =
        "join terms are left.x == right.y, or a range (between, <, <=, >, >=) between a left and a right expression"

    /// Sorts bound terms (over left columns followed by right columns) into keys, interval and residual.
    static func splitJoinTerms(_ terms: [(Expr, SourceSpan)], leftWidth nl: Int) throws(BindError) -> JoinTerms {
        var out = JoinTerms()
        var shift: [Int: Int] = [:]
        func toRight(_ e: Expr) -> Expr {
            for c in e.referencedColumns { shift[c] = c - nl }
            return e.remappingColumns(shift)
        }
        struct Bound { var probe: Expr; var bound: Expr; var inclusive: Bool; var index: Int }
        var lowers: [Bound] = [], uppers: [Bound] = []
        var betweens: [(probe: Expr, lo: Expr, hi: Expr, index: Int)] = []
        var rest: [Int] = []
        for (k, (e, span)) in terms.enumerated() {
            guard case .call(let f, let args, _) = e else {
                throw .join("unsupported join term", hint: unsupportedTermHint, span)
            }
            let sides = args.map { JoinSide($0, leftWidth: nl) }
            switch f {
            case .equal:
                if sides == [.left, .right] {
                    out.leftKeys.append(args[0]); out.rightKeys.append(toRight(args[1]))
                } else if sides == [.right, .left] {
                    out.leftKeys.append(args[1]); out.rightKeys.append(toRight(args[0]))
                } else {
                    throw .join("an equality join term must compare a left expression with a right one", hint: unsupportedTermHint, span)
                }
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                let pair = (sides[0], sides[1])
                guard pair == (.left, .right) || pair == (.right, .left) else {
                    throw .join("a range join term must compare a left expression with a right one", hint: unsupportedTermHint, span)
                }
                rest.append(k)
                // Normalise to `probe OP bound` with the probe on the left side.
                let flipped = sides[0] == .right
                let probe = flipped ? args[1] : args[0], bound = toRight(flipped ? args[0] : args[1])
                var op = f
                if flipped {
                    switch f {
                    case .less: op = .greater
                    case .lessOrEqual: op = .greaterOrEqual
                    case .greater: op = .less
                    default: op = .lessOrEqual
                    }
                }
                switch op {
                case .greater: lowers.append(Bound(probe: probe, bound: bound, inclusive: false, index: k))
                case .greaterOrEqual: lowers.append(Bound(probe: probe, bound: bound, inclusive: true, index: k))
                case .less: uppers.append(Bound(probe: probe, bound: bound, inclusive: false, index: k))
                default: uppers.append(Bound(probe: probe, bound: bound, inclusive: true, index: k))
                }
            case .between:
                guard sides.allSatisfy({ $0 == .left || $0 == .right }), Set(sides.map { $0 == .left }).count == 2 else {
                    throw .join("a between join term must compare left and right expressions", hint: unsupportedTermHint, span)
                }
                rest.append(k)
                if sides == [.left, .right, .right] { betweens.append((args[0], toRight(args[1]), toRight(args[2]), k)) }
            default:
                throw .join("unsupported join term", hint: unsupportedTermHint, span)
            }
        }
        // The interval index: the first between on an integer-like left value, else a lower
        // and an upper bound on the same left value.
        let indexable: Set<DataType> = [.int, .timestamp, .duration]
        var used: Set<Int> = []
        if let b = betweens.first(where: { indexable.contains($0.probe.type) }) {
            out.interval = JoinIntervalPlan(probe: b.probe, lower: b.lo, lowerInclusive: true, upper: b.hi, upperInclusive: true)
            used = [b.index]
        } else {
            outer: for lo in lowers where indexable.contains(lo.probe.type) {
                for hi in uppers where hi.probe == lo.probe {
                    out.interval = JoinIntervalPlan(probe: lo.probe, lower: lo.bound, lowerInclusive: lo.inclusive, upper: hi.bound, upperInclusive: hi.inclusive)
                    used = [lo.index, hi.index]
                    break outer
                }
            }
        }
        let remaining = rest.filter { !used.contains($0) }.map { terms[$0].0 }
        out.residual = remaining.dropFirst().reduce(remaining.first) { acc, e in
            acc.map { Expr.call(.and, arguments: [$0, e], type: .bool) }
        }
        return out
    }
}
