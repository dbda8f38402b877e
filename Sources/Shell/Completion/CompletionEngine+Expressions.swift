import Frames
import Language

extension CompletionEngine {
    /// What may follow a token inside an expression.
    enum ExpressionPosition {
        /// An operand: a column, a function call, a literal.
        case operand
        /// An operator: `and`, `contains`, `between`, ...
        case afterOperand
        /// Nothing completion can offer (a direction word, a malformed token).
        case other
    }

    /// The word operators offered after an operand.
    static let operatorWords = ["and", "or", "not", "in", "between", "contains", "startswith", "endswith", "matches", "is"]

    /// Words after which an operand follows.
    static let operandWords: Set<String> = [
        "and", "or", "not", "in", "between", "contains", "startswith", "endswith", "matches", "by", "on",
    ]

    /// What may follow `token` in an expression.
    func position(after token: Token) -> ExpressionPosition {
        switch token.kind {
        case .word(let w):
            if Self.operandWords.contains(w) { return .operand }
            if w == "asc" || w == "desc" || w == "is" { return .other }
            return .afterOperand
        case .quotedIdentifier, .integer, .float, .duration, .string:
            return .afterOperand
        case .symbol(let s):
            return s == .rightParen ? .afterOperand : .operand
        case .separator, .end, .invalid:
            return .other
        }
    }

    /// Columns, and functions with `(` (and aggregates in `summarize`).
    func operand(columns: [String], aggregates: Bool = false) -> CandidateSet {
        var words = FunctionCatalog.functionNames.map { $0 + "(" }
        if aggregates { words += AggregateCatalog.names.map { $0 + "(" } }
        return CandidateSet(words: words, names: columns)
    }

    /// Candidates after the tokens of an expression typed so far.
    func expression(_ tokens: [Token], columns: [String], aggregates: Bool = false) -> CandidateSet {
        guard let last = tokens.last else { return operand(columns: columns, aggregates: aggregates) }
        if last.isWord("is") { return .words(["not", "null"]) }
        if last.isWord("not"), tokens.count >= 2, tokens[tokens.count - 2].isWord("is") { return .words(["null"]) }
        switch position(after: last) {
        case .operand: return operand(columns: columns, aggregates: aggregates)
        case .afterOperand: return .words(Self.operatorWords)
        case .other: return .none
        }
    }
}
