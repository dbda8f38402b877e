import Frames

extension Binder {
    /// Binds `join [kind=K] [report=true] FRAME on COND` over the left schema.
    func bindJoin(_ j: JoinClause, _ left: [Field]) throws(BindError) -> (PlanOperator, [Field]) {
        let name = j.frame.name
        guard let right = schemas.schema(of: name) else {
            throw .unknownFrame(name, suggestion: Suggest.closest(to: name, among: schemas.frameNames), j.frame.span)
        }
        if j.report, j.kind == .semi || j.kind == .anti, let s = j.reportSpan {
            throw .join("report=true cannot be combined with kind=\(j.kind.rawValue)",
                        hint: "report=true already lists every left row with its number of matches", s)
        }
        if j.report, left.contains(where: { $0.name == "matches" }), let s = j.reportSpan {
            throw .join("the left frame already has a column 'matches'", hint: "rename it before the join", s)
        }
        let nl = left.count
        // Both sides under hidden names that no user column can spell.
        let combined = left.indices.map { Field("\u{1}L\($0)", left[$0].type) } + right.indices.map { Field("\u{1}R\($0)", right[$0].type) }
        var terms: [(Expr, SourceSpan)] = []
        switch j.condition {
        case .columns(let names):
            for n in names {
                guard let l = left.firstIndex(where: { $0.name == n.name }) else {
                    throw .join("column '\(n.name)' is not in the left frame", hint: Suggest.closest(to: n.name, among: left.map(\.name)).map { "did you mean '\($0)'?" }, n.span)
                }
                guard let r = right.firstIndex(where: { $0.name == n.name }) else {
                    throw .join("column '\(n.name)' is not in the right frame '\(name)'", hint: Suggest.closest(to: n.name, among: right.map(\.name)).map { "did you mean '\($0)'?" }, n.span)
                }
                let a = Expr.column(index: l, type: left[l].type), b = Expr.column(index: nl + r, type: right[r].type)
                terms.append((try resolve("==", [a, b], [Expression(.column(ColumnReference(name: n)), span: n.span), Expression(.column(ColumnReference(name: n)), span: n.span)], nameSpan: n.span, span: n.span), n.span))
            }
        case .expression(let e):
            for t in Binder.conjuncts(e) {
                let rewritten = try qualify(t, left, right, frame: name)
                terms.append((try bind(rewritten, combined), t.span))
            }
        }
        let split = try Binder.splitJoinTerms(terms, leftWidth: nl)
        var rightFields: [Field] = []
        var taken = Set(left.map(\.name))
        for f in right {
            var n = f.name
            while taken.contains(n) { n += "_" + name }
            taken.insert(n)
            rightFields.append(Field(n, f.type, sourceName: f.sourceName))
        }
        let plan = JoinPlan(rightFrame: name, kind: j.kind, report: j.report, leftWidth: nl, leftKeys: split.leftKeys,
                            rightKeys: split.rightKeys, interval: split.interval, residual: split.residual, rightFields: rightFields)
        let out: [Field]
        if j.report { out = left + [Field("matches", .int)] } else if j.kind == .semi || j.kind == .anti { out = left } else { out = left + rightFields }
        return (.join(plan), out)
    }

    /// The terms of a top-level `and` chain.
    static func conjuncts(_ e: Expression) -> [Expression] {
        if case .binary(.and, let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// `e` with every column reference replaced by the hidden name of the side it names.
    func qualify(_ e: Expression, _ left: [Field], _ right: [Field], frame: String) throws(BindError) -> Expression {
        func q(_ x: Expression) throws(BindError) -> Expression { try qualify(x, left, right, frame: frame) }
        var k = e.kind
        switch e.kind {
        case .literal: return e
        case .column(let ref):
            let n = ref.name.name
            let l = left.firstIndex { $0.name == n }, r = right.firstIndex { $0.name == n }
            let hidden: String
            switch ref.qualifier?.name {
            case "left":
                guard let i = l else { throw .unknownColumn("left.\(n)", suggestion: Suggest.closest(to: n, among: left.map(\.name)).map { "left." + $0 }, ref.span) }
                hidden = "\u{1}L\(i)"
            case "right":
                guard let i = r else { throw .unknownColumn("right.\(n)", suggestion: Suggest.closest(to: n, among: right.map(\.name)).map { "right." + $0 }, ref.span) }
                hidden = "\u{1}R\(i)"
            case nil:
                switch (l, r) {
                case (let i?, nil): hidden = "\u{1}L\(i)"
                case (nil, let i?): hidden = "\u{1}R\(i)"
                case (.some, .some):
                    throw .join("column '\(n)' is in both frames", hint: "write left.\(n) or right.\(n)", ref.span)
                case (nil, nil):
                    let all = left.map { "left." + $0.name } + right.map { "right." + $0.name }
                    throw .unknownColumn(n, suggestion: Suggest.closest(to: n, among: left.map(\.name) + right.map(\.name)) ?? Suggest.closest(to: n, among: all), ref.span)
                }
            case let other?:
                throw .join("'\(other).\(n)': join conditions name sides with left. and right.", hint: "write left.\(n) or right.\(n) (the right frame is '\(frame)')", ref.span)
            }
            k = .column(ColumnReference(name: Identifier(hidden, span: ref.span)))
        case .call(let n, let args):
            var out: [Expression] = []
            for a in args { out.append(try q(a)) }
            k = .call(name: n, arguments: out)
        case .unary(let op, let x): k = .unary(op, try q(x))
        case .binary(let op, let a, let b): k = .binary(op, try q(a), try q(b))
        case .stringMatch(let op, let ci, let a, let b): k = .stringMatch(op, caseInsensitive: ci, try q(a), try q(b))
        case .inList(let x, let items, let neg):
            var out: [Expression] = []
            for i in items { out.append(try q(i)) }
            k = .inList(try q(x), out, negated: neg)
        case .between(let x, let lo, let hi, let neg): k = .between(try q(x), low: try q(lo), high: try q(hi), negated: neg)
        case .isNull(let x, let neg): k = .isNull(try q(x), negated: neg)
        }
        return Expression(k, span: e.span)
    }
}
