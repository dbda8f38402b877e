import Frames

extension Parser {
    /// Words that are operators in expressions and cannot start an operand.
    static let operatorWords: Set<String> = [
        "and", "or", "in", "between", "is", "contains", "startswith", "endswith", "matches",
    ]

    /// An expression (loosest level: `or`).
    mutating func parseExpression() throws(SyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth { throw .nestedTooDeeply(token.span) }
        return try parseOr()
    }

    mutating func parseOr() throws(SyntaxError) -> Expression {
        var left = try parseAnd()
        while token.isWord("or") {
            advance()
            let right = try parseAnd()
            left = Expression(.binary(.or, left, right), span: left.span.merged(with: right.span))
        }
        return left
    }

    mutating func parseAnd() throws(SyntaxError) -> Expression {
        var left = try parseNot()
        while token.isWord("and") {
            advance()
            let right = try parseNot()
            left = Expression(.binary(.and, left, right), span: left.span.merged(with: right.span))
        }
        return left
    }

    mutating func parseNot() throws(SyntaxError) -> Expression {
        guard token.isWord("not") else { return try parseComparison() }
        let start = token.span
        advance()
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth { throw .nestedTooDeeply(start) }
        let operand = try parseNot()
        return Expression(.unary(.not, operand), span: start.merged(with: operand.span))
    }

    static func comparison(_ s: Symbol) -> BinaryOperator? {
        switch s {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    /// Comparisons and predicates; at most one per operand (`a < b < c` is an error).
    mutating func parseComparison() throws(SyntaxError) -> Expression {
        let left = try parseAdditive()
        if case .symbol(let s) = token.kind, let op = Parser.comparison(s) {
            advance()
            let right = try parseAdditive()
            return Expression(.binary(op, left, right), span: left.span.merged(with: right.span))
        }
        guard let word = token.word else { return left }
        var negated = false
        if word == "not" {
            let next = peek()
            guard let w = next.word, w == "in" || w == "between" || StringMatchOperator(rawValue: w) != nil else {
                return left
            }
            negated = true
            advance()
        }
        guard let op = token.word else { return left }
        switch op {
        case "in":
            advance()
            try expect(.leftParen)
            var items: [Expression] = []
            if !token.isSymbol(.rightParen) {
                items = try parseList { p throws(SyntaxError) in try p.parseExpression() }
            }
            let close = try expect(.rightParen)
            return Expression(.inList(left, items, negated: negated), span: left.span.merged(with: close.span))
        case "between":
            advance()
            let low = try parseAdditive()
            try expectWord("and")
            let high = try parseAdditive()
            return Expression(.between(left, low: low, high: high, negated: negated),
                              span: left.span.merged(with: high.span))
        case "is":
            if negated { throw failure("'in', 'between' or a string operator after 'not'") }
            advance()
            var isNot = false
            if token.isWord("not") {
                isNot = true
                advance()
            }
            let null = try expectWord("null")
            return Expression(.isNull(left, negated: isNot), span: left.span.merged(with: null.span))
        default:
            guard let match = StringMatchOperator(rawValue: op) else { return left }
            advance()
            var insensitive = false
            if token.isSymbol(.tilde) {
                insensitive = true
                advance()
            }
            let right = try parseAdditive()
            let e = Expression(.stringMatch(match, caseInsensitive: insensitive, left, right),
                               span: left.span.merged(with: right.span))
            return negated ? Expression(.unary(.not, e), span: e.span) : e
        }
    }

    mutating func parseAdditive() throws(SyntaxError) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if token.isSymbol(.plus) { op = .add } else if token.isSymbol(.minus) { op = .subtract } else { return left }
            advance()
            let right = try parseMultiplicative()
            left = Expression(.binary(op, left, right), span: left.span.merged(with: right.span))
        }
    }

    mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch token.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            case .symbol(.percent): op = .remainder
            default: return left
            }
            advance()
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), span: left.span.merged(with: right.span))
        }
    }

    /// `-x`; a minus before a number or duration literal is folded into it.
    mutating func parseUnary() throws(SyntaxError) -> Expression {
        guard token.isSymbol(.minus) else { return try parsePrimary() }
        let start = token.span
        advance()
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth { throw .nestedTooDeeply(start) }
        let operand = try parseUnary()
        let span = start.merged(with: operand.span)
        if case .literal(let v) = operand.kind {
            switch v {
            case .int(let x) where x != Int64.min: return Expression(.literal(.int(-x)), span: span)
            case .float(let x): return Expression(.literal(.float(-x)), span: span)
            case .duration(let x) where x != Int64.min: return Expression(.literal(.duration(-x)), span: span)
            default: break
            }
        }
        return Expression(.unary(.negate, operand), span: span)
    }

    /// Literals, column references, calls and parenthesised expressions.
    mutating func parsePrimary() throws(SyntaxError) -> Expression {
        let t = token
        switch t.kind {
        case .integer(let v):
            advance()
            return Expression(.literal(.int(v)), span: t.span)
        case .float(let v):
            advance()
            return Expression(.literal(.float(v)), span: t.span)
        case .duration(let v):
            advance()
            return Expression(.literal(.duration(v)), span: t.span)
        case .string(let s):
            advance()
            return Expression(.literal(.string(s)), span: t.span)
        case .symbol(.leftParen):
            advance()
            let inner = try parseExpression()
            let close = try expect(.rightParen)
            return Expression(inner.kind, span: t.span.merged(with: close.span))
        case .quotedIdentifier(let name):
            advance()
            return Expression(.column(ColumnReference(name: Identifier(name, span: t.span, isQuoted: true))),
                              span: t.span)
        case .word(let w):
            switch w {
            case "true": advance(); return Expression(.literal(.bool(true)), span: t.span)
            case "false": advance(); return Expression(.literal(.bool(false)), span: t.span)
            case "null": advance(); return Expression(.literal(.null), span: t.span)
            default: break
            }
            if Parser.operatorWords.contains(w) { throw failure("an expression") }
            let name = Identifier(w, span: t.span)
            advance()
            if token.isSymbol(.leftParen) {
                advance()
                var arguments: [Expression] = []
                if !token.isSymbol(.rightParen) {
                    arguments = try parseList { p throws(SyntaxError) in try p.parseExpression() }
                }
                let close = try expect(.rightParen)
                return Expression(.call(name: name, arguments: arguments), span: t.span.merged(with: close.span))
            }
            if token.isSymbol(.dot) {
                advance()
                let column = try parseIdentifier("a column name after '.'")
                return Expression(.column(ColumnReference(qualifier: name, name: column)),
                                  span: t.span.merged(with: column.span))
            }
            return Expression(.column(ColumnReference(name: name)), span: t.span)
        default:
            throw failure("an expression")
        }
    }
}
