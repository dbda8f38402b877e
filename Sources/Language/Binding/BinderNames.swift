import Frames

/// Default output names for summarize items.
enum BinderNames {
    /// `count` for `count()`, `FN_COL` for `fn(col)`, `percentile_COL_P`, else the function name.
    static func aggregate(_ fn: String, _ args: [Expression], _ p: Double?) -> String {
        guard let first = args.first else { return fn }
        var name = fn
        if case .column(let ref) = first.kind { name += "_" + ref.name.name }
        if let p {
            name += "_" + (p == p.rounded() ? String(Int(p)) : String(p).replacingOccurrences(of: ".", with: "_"))
        }
        return name
    }

    /// The first column named inside an expression (`bin(start_time, 1h)` → `start_time`).
    static func derived(_ e: Expression) -> String? {
        switch e.kind {
        case .column(let r): return r.name.name
        case .literal: return nil
        case .call(_, let args): return args.lazy.compactMap(derived).first
        case .unary(_, let x): return derived(x)
        case .binary(_, let a, let b): return derived(a) ?? derived(b)
        case .stringMatch(_, _, let a, let b): return derived(a) ?? derived(b)
        case .inList(let x, _, _), .between(let x, _, _, _), .isNull(let x, _): return derived(x)
        }
    }
}
