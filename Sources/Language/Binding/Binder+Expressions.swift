import Foundation
import Frames

extension Binder {
    /// Binds an expression against a schema (aggregates are not allowed here).
    public func bind(_ e: Expression, _ schema: [Field]) throws(BindError) -> Expr {
        switch e.kind {
        case .literal(let v):
            // An untyped null is typed by its context in `resolve`; `string` is a placeholder.
            return .literal(v, type: v.type ?? .string)
        case .column(let ref):
            if let q = ref.qualifier {
                throw .qualifiedColumn("\(q.name).\(ref.name.name)", ref.span)
            }
            let i = try columnIndex(ref.name, schema)
            return .column(index: i, type: schema[i].type)
        case .call(let name, let args):
            if AggregateCatalog.isAggregate(name.name) && FunctionCatalog.help(for: name.name) == nil {
                throw .aggregateOutsideSummarize(name.name, e.span)
            }
            var bound: [Expr] = []
            for a in args { bound.append(try bind(a, schema)) }
            return try resolve(name.name, bound, args, nameSpan: name.span, span: e.span)
        case .unary(let op, let x):
            let b = try bind(x, schema)
            return try resolve(op == .negate ? "neg" : "not", [b], [x], nameSpan: e.span, span: e.span)
        case .binary(let op, let a, let b):
            let x = try bind(a, schema), y = try bind(b, schema)
            return try resolve(op.rawValue, [x, y], [a, b], nameSpan: e.span, span: e.span)
        case .stringMatch(let op, let ci, let a, let b):
            let x = try bind(a, schema), y = try bind(b, schema)
            let r = try resolve(op.rawValue + (ci ? "~" : ""), [x, y], [a, b], nameSpan: e.span, span: e.span)
            if op == .matches, case .literal(.string(let p), _) = y {
                do { _ = try NSRegularExpression(pattern: p) } catch {
                    throw .invalidConstant("invalid regular expression \"\(p)\"", b.span)
                }
            }
            return r
        case .inList(let x, let items, let negated):
            var bound = [try bind(x, schema)]
            for i in items { bound.append(try bind(i, schema)) }
            return try resolve(negated ? "not in" : "in", bound, [x] + items, nameSpan: e.span, span: e.span)
        case .between(let x, let lo, let hi, let negated):
            let b = [try bind(x, schema), try bind(lo, schema), try bind(hi, schema)]
            let r = try resolve("between", b, [x, lo, hi], nameSpan: e.span, span: e.span)
            return negated ? .call(.not, arguments: [r], type: .bool) : r
        case .isNull(let x, let negated):
            let b = try bind(x, schema)
            return try resolve(negated ? "is not null" : "is null", [b], [x], nameSpan: e.span, span: e.span)
        }
    }

    static let coercingOperators: Set<String> = ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "between", "if", "coalesce"]

    static func isNullLiteral(_ e: Expr) -> Bool {
        if case .literal(.null, _) = e { return true }
        return false
    }

    /// Resolves a call through the catalog, typing nulls from their context, reading string
    /// literals as timestamps / ips where compared with those, and inserting conversions.
    func resolve(_ name: String, _ args: [Expr], _ source: [Expression], nameSpan: SourceSpan, span: SourceSpan) throws(BindError) -> Expr {
        var args = args
        let valueArgs = name == "if" ? Array(args.indices.dropFirst()) : Array(args.indices)
        // Context type: the first non-null, non-string-literal argument among the compared values.
        var context: DataType? = nil
        for i in valueArgs where !Binder.isNullLiteral(args[i]) {
            if case .literal(.string, _) = args[i] { continue }
            context = args[i].type
            break
        }
        if context == nil { context = valueArgs.lazy.filter { !Binder.isNullLiteral(args[$0]) }.map { args[$0].type }.first }
        for i in args.indices where Binder.isNullLiteral(args[i]) {
            let t: DataType = ["and", "or", "not"].contains(name) || (name == "if" && i == 0) ? .bool : (context ?? .bool)
            args[i] = .literal(.null, type: valueArgs.contains(i) ? t : (name == "if" ? .bool : t))
        }
        if Binder.coercingOperators.contains(name), let target = context, target == .timestamp || target == .ip {
            for i in valueArgs {
                guard case .literal(.string(let s), _) = args[i] else { continue }
                if target == .timestamp {
                    guard let t = TimestampParser.parse(s, zone: zone) else { throw .badLiteral(s, type: .timestamp, source[i].span) }
                    args[i] = .literal(.timestamp(t), type: .timestamp)
                } else {
                    guard let a = IPAddress(s) else { throw .badLiteral(s, type: .ip, source[i].span) }
                    args[i] = .literal(.ip(a), type: .ip)
                }
            }
        }
        let r: FunctionResolution
        switch FunctionCatalog.resolve(name, args.map(\.type)) {
        case .success(let x): r = x
        case .failure(let e): throw catalogError(e, name, nameSpan, span)
        }
        let converted = zip(args, r.argumentTypes).map { convert($0.0, to: $0.1) }
        let call = Expr.call(r.function, arguments: converted, type: r.resultType)
        return call
    }

    /// A string literal assigned to an existing timestamp or ip column is read as
    /// that type (`extend start_time = "2025-10-05 10:00:00"`); a literal that does
    /// not parse is an error. Anything else is returned unchanged.
    func coerceAssigned(_ e: Expr, to existing: Field?, _ source: Expression) throws(BindError) -> Expr {
        guard let target = existing?.type, case .literal(.string(let s), _) = e else { return e }
        switch target {
        case .timestamp:
            guard let t = TimestampParser.parse(s, zone: zone) else { throw .badLiteral(s, type: .timestamp, source.span) }
            return .literal(.timestamp(t), type: .timestamp)
        case .ip:
            guard let a = IPAddress(s) else { throw .badLiteral(s, type: .ip, source.span) }
            return .literal(.ip(a), type: .ip)
        default:
            return e
        }
    }

    /// `e` converted to `type` (int → float, anything → string); literals convert in place.
    func convert(_ e: Expr, to type: DataType) -> Expr {
        if e.type == type { return e }
        switch (e, type) {
        case (.literal(.null, _), _): return .literal(.null, type: type)
        case (.literal(.int(let x), _), .float): return .literal(.float(Double(x)), type: .float)
        case (_, .float): return .call(.toFloat, arguments: [e], type: .float)
        case (_, .string): return .call(.toString, arguments: [e], type: .string)
        case (_, .int): return .call(.toInt, arguments: [e], type: .int)
        default: return e
        }
    }

    func catalogError(_ e: CatalogError, _ name: String, _ nameSpan: SourceSpan, _ span: SourceSpan) -> BindError {
        switch e {
        case .unknownFunction(let n):
            let candidates = FunctionCatalog.functionNames + AggregateCatalog.names
            return .unknownFunction(n, suggestion: Suggest.closest(to: n, among: candidates), nameSpan)
        case .wrongArgumentCount: return .wrongArgumentCount(e.description, span)
        case .typeMismatch(let m): return .typeMismatch(m, span)
        }
    }
}
