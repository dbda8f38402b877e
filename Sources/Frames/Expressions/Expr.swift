/// A bound, typed expression over the columns of one input frame.
///
/// Produced by the binder, evaluated by `ExpressionEvaluator`. Every node
/// knows its result type; a null literal carries the type it stands for.
public indirect enum Expr: Sendable, Hashable, CustomStringConvertible {
    /// The input column at `index`, of type `type`.
    case column(index: Int, type: DataType)
    /// A constant; `.null` is allowed and is typed by `type`.
    case literal(Value, type: DataType)
    /// A call of a scalar function or operator with bound arguments.
    case call(ScalarFunction, arguments: [Expr], type: DataType)

    /// The result type.
    public var type: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .call(_, _, let t): return t
        }
    }

    /// True when the expression reads no column (it folds to one value).
    public var isConstant: Bool {
        switch self {
        case .column: return false
        case .literal: return true
        case .call(_, let args, _): return args.allSatisfy(\.isConstant)
        }
    }

    /// Indices of the input columns the expression reads, ascending, without duplicates.
    public var referencedColumns: [Int] {
        var seen = Set<Int>()
        collect(into: &seen)
        return seen.sorted()
    }

    private func collect(into s: inout Set<Int>) {
        switch self {
        case .column(let i, _): s.insert(i)
        case .literal: break
        case .call(_, let args, _): for a in args { a.collect(into: &s) }
        }
    }

    /// The same expression with column indices rewritten through `map` (old index → new index).
    public func remappingColumns(_ map: [Int: Int]) -> Expr {
        switch self {
        case .column(let i, let t): return .column(index: map[i] ?? i, type: t)
        case .literal: return self
        case .call(let f, let args, let t): return .call(f, arguments: args.map { $0.remappingColumns(map) }, type: t)
        }
    }

    /// A debugging rendering: `$2`, `42:int`, `equal($0, "x")`.
    public var description: String {
        switch self {
        case .column(let i, _): return "$\(i)"
        case .literal(let v, let t):
            if case .string(let s) = v { return "\"\(s)\"" }
            return "\(v):\(t)"
        case .call(let f, let args, _): return "\(f.rawValue)(\(args.map(\.description).joined(separator: ", ")))"
        }
    }
}
