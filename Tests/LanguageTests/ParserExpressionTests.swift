import Frames
import Testing
@testable import Language

@Suite struct ParserExpressionTests {
    @Test(arguments: [
        ("42", "42"), ("-42", "-42"), ("1.5", "1.5"), ("-2e6", "-2000000.0"), ("\"a b\"", "\"a b\""),
        ("'x'", "\"x\""), ("true", "true"), ("false", "false"), ("null", "null"), ("10MB", "10000000"),
        ("2KiB", "2048"), ("30s", "00:00:30"), ("-1d", "-1d 00:00:00"), ("`Start Date`", "Start Date"),
        ("left.ip", "left.ip"), ("right.`public ip`", "right.public ip"), ("count()", "count()"),
        ("concat(a, \"-\", b)", "concat(a, \"-\", b)"), ("(x)", "x"), ("-x", "(- x)"), ("- -1", "1"),
    ])
    func literalsAndPrimaries(text: String, expected: String) {
        #expect(whereExpression(text) == expected)
    }

    @Test(arguments: [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("not a == 1", "(not (== a 1))"),
        ("not not a", "(not (not a))"),
        ("a + b * c", "(+ a (* b c))"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b % c", "(% (/ a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("a + 1 == b * 2", "(== (+ a 1) (* b 2))"),
        ("x != 1 or y <= 2 and z >= 3", "(or (!= x 1) (and (<= y 2) (>= z 3)))"),
        ("x < 1 or x > 2", "(or (< x 1) (> x 2))"),
        ("(end_time - start_time) / 1s > 60", "(> (/ (- end_time start_time) 00:00:01) 60)"),
        ("start_time >= \"2026-03-14 10:00:00 +05:30\"", "(>= start_time \"2026-03-14 10:00:00 +05:30\")"),
    ])
    func precedence(text: String, expected: String) {
        #expect(whereExpression(text) == expected)
    }

    @Test(arguments: [
        ("x in (1, 2, 3)", "(in x [1, 2, 3])"),
        ("x not in (\"a\")", "(not in x [\"a\"])"),
        ("x in ()", "(in x [])"),
        ("ts between a and b", "(between ts a b)"),
        ("ts between a + 1 and b - 1 and c", "(and (between ts (+ a 1) (- b 1)) c)"),
        ("ts not between 1 and 2", "(not between ts 1 2)"),
        ("apn contains \"web\"", "(contains apn \"web\")"),
        ("apn contains~ \"WEB\"", "(contains~ apn \"WEB\")"),
        ("a startswith \"91\" and b endswith~ \"x\"", "(and (startswith a \"91\") (endswith~ b \"x\"))"),
        ("host matches \"^w.*\\\\.com$\"", "(matches host \"^w.*\\.com$\")"),
        ("host matches~ \"\\d+\"", "(matches~ host \"\\d+\")"),
        ("a not contains \"x\"", "(not (contains a \"x\"))"),
        ("x is null", "(is null x)"),
        ("x is not null or y is null", "(or (is not null x) (is null y))"),
        ("not x is null", "(not (is null x))"),
        ("ip_in(dst_ip, \"10.0.0.0/8\") and not is_private(public_ip)",
         "(and ip_in(dst_ip, \"10.0.0.0/8\") (not is_private(public_ip)))"),
    ])
    func predicates(text: String, expected: String) {
        #expect(whereExpression(text) == expected)
    }

    @Test func expressionSpans() throws {
        let script = parse("t | where a + 1 == b")
        guard case .pipeline(let p)? = script.statements.first?.statement,
              case .where(let e)? = p.stages.first?.kind,
              case .binary(.equal, let lhs, let rhs) = e.kind else { Issue.record("shape"); return }
        #expect(e.span == SourceSpan(start: 10, end: 20))
        #expect(lhs.span == SourceSpan(start: 10, end: 15))
        #expect(rhs.span == SourceSpan(start: 19, end: 20))
        let paren = parse("t | where (a)")
        guard case .pipeline(let q)? = paren.statements.first?.statement,
              case .where(let pe)? = q.stages.first?.kind else { Issue.record("paren"); return }
        #expect(pe.span == SourceSpan(start: 10, end: 13))
    }

    @Test(arguments: [
        ("a ==", "expected an expression, found end of input"),
        ("(a", "expected ')', found end of input"),
        ("a between 1 or 2", "expected 'and', found 'or'"),
        ("a is 5", "expected 'null', found number 5"),
        ("a in 1", "expected '(', found number 1"),
        ("a == b == c", "expected '|' or end of statement, found '=='"),
        ("and", "expected an expression, found 'and'"),
        ("f(a,)", "expected an expression, found ')'"),
        ("left.", "expected a column name after '.', found end of input"),
        ("a = 1", "expected '|' or end of statement, found '='"),
        ("a contains ~\"x\"", "unexpected character '~'"),
    ])
    func errors(text: String, message: String) {
        #expect(whereExpression(text) == "error: " + message)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 500) + "x" + String(repeating: ")", count: 500)
        #expect(whereExpression(deep) == "error: expression nested too deeply")
        #expect(whereExpression(String(repeating: "not ", count: 500) + "x") == "error: expression nested too deeply")
        #expect(whereExpression(String(repeating: "- ", count: 500) + "x") == "error: expression nested too deeply")
        let fine = String(repeating: "(", count: 20) + "x" + String(repeating: ")", count: 20)
        #expect(whereExpression(fine) == "x")
    }
}
