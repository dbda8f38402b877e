import Frames
@testable import Language

/// Compact S-expression form of an expression, for precedence tests.
func sexp(_ e: Expression) -> String {
    switch e.kind {
    case .literal(let v):
        if case .string(let s) = v { return "\"\(s)\"" }
        return v.description
    case .column(let ref):
        return (ref.qualifier.map { $0.name + "." } ?? "") + ref.name.name
    case .call(let name, let args):
        return "\(name.name)(" + args.map(sexp).joined(separator: ", ") + ")"
    case .unary(let op, let x):
        return "(\(op.rawValue) \(sexp(x)))"
    case .binary(let op, let a, let b):
        return "(\(op.rawValue) \(sexp(a)) \(sexp(b)))"
    case .stringMatch(let op, let ci, let a, let b):
        return "(\(op.rawValue)\(ci ? "~" : "") \(sexp(a)) \(sexp(b)))"
    case .inList(let x, let items, let negated):
        return "(\(negated ? "not in" : "in") \(sexp(x)) [" + items.map(sexp).joined(separator: ", ") + "])"
    case .between(let x, let lo, let hi, let negated):
        return "(\(negated ? "not between" : "between") \(sexp(x)) \(sexp(lo)) \(sexp(hi)))"
    case .isNull(let x, let negated):
        return "(\(negated ? "is not null" : "is null") \(sexp(x)))"
    }
}

/// Parses text as a script named `test.ipdr`.
func parse(_ text: String) -> ParsedScript {
    Parser.parse(SourceFile(name: "test.ipdr", text: text))
}

/// The single statement of a text that must parse without errors.
func statement(_ text: String) -> Statement? {
    let script = parse(text)
    guard script.diagnostics.isEmpty, script.statements.count == 1 else { return nil }
    return script.statements[0].statement
}

/// The stages of a pipeline statement that must parse without errors.
func stages(_ text: String) -> [StageKind]? {
    guard case .pipeline(let p)? = statement(text) else { return nil }
    return p.stages.map(\.kind)
}

/// The expression of `t | where EXPR` as an S-expression, or the first error message.
func whereExpression(_ expr: String) -> String {
    let script = parse("t | where " + expr)
    if let d = script.diagnostics.first { return "error: " + d.message }
    guard case .pipeline(let p)? = script.statements.first?.statement,
          case .where(let e)? = p.stages.first?.kind else { return "no where" }
    return sexp(e)
}

/// Token kinds of a text, without the final `.end`.
func kinds(_ text: String) -> [TokenKind] {
    Array(Lexer.tokenize(SourceFile(name: "t", text: text)).map(\.kind).dropLast())
}
