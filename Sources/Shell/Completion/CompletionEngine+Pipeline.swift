import Frames
import Language

extension CompletionEngine {
    /// Candidates inside `SOURCE | STAGE | ...` (the tokens start at the source).
    func pipeline(_ tokens: ArraySlice<Token>, _ input: CompletionInput, inSave: Bool) -> CandidateSet {
        guard let source = tokens.first else { return .names(Array(context.frames.keys)) }
        let pipes = tokens.indices.filter { tokens[$0].isSymbol(.pipe) }
        guard let lastPipe = pipes.last else {
            return inSave && tokens.count == 1 ? .words(["to"]) : .none
        }
        let stage = Array(tokens[(lastPipe + 1)...])
        guard let stageWord = stage.first else {
            return .words(Parser.stageNames + context.analyzerNames, dotted: true)
        }
        guard let word = stageWord.word, !(stage.count > 1 && stage[1].isSymbol(.dot)) else { return .none }
        let schema = inputSchema(source: source, tokens: tokens, pipes: pipes, input)
        return stageCandidates(word, Array(stage.dropFirst()), schema: schema.map(\.name), input)
    }

    /// The schema flowing into the current stage: the longest run of earlier
    /// stages that parses and binds, or the source frame's own columns.
    func inputSchema(source: Token, tokens: ArraySlice<Token>, pipes: [Int], _ input: CompletionInput) -> [Field] {
        let start = source.span.start
        let binder = Binder(schemas: StaticSchemas(context.frames), zone: context.zone)
        for p in pipes.reversed() {
            let text = input.text(start..<tokens[p].span.start)
            let script = Parser.parse(SourceFile(name: "", text: text))
            guard script.statements.count == 1, !script.hasErrors,
                  case .pipeline(let pipeline)? = script.statements[0].statement else { continue }
            if let plan = try? binder.bind(pipeline) { return plan.schema }
        }
        return Self.name(of: source).flatMap { context.frames[$0] } ?? []
    }

    /// The name a word or backquoted token stands for.
    static func name(of token: Token) -> String? {
        switch token.kind {
        case .word(let w): return w
        case .quotedIdentifier(let w): return w
        default: return nil
        }
    }

    /// Candidates after a stage word; `rest` holds the stage's tokens before the partial word.
    func stageCandidates(_ stage: String, _ rest: [Token], schema: [String], _ input: CompletionInput) -> CandidateSet {
        let item = Self.currentItem(rest)
        switch stage {
        case "where":
            return expression(rest, columns: schema)
        case "select":
            return item.isEmpty ? operand(columns: schema) : expression(item, columns: schema)
        case "extend":
            if item.isEmpty { return .names(schema) }
            if item.count == 1 { return .none }
            return expression(item, columns: schema)
        case "rename":
            return item.count == 2 && item[1].isSymbol(.assign) ? .names(schema) : .none
        case "exclude", "distinct":
            return item.isEmpty ? .names(schema) : .none
        case "sort":
            var keys = item
            if rest.count == 1, rest[0].isWord("by") { keys = [] }
            return sortKey(keys, columns: schema)
        case "top":
            guard let by = rest.firstIndex(where: { $0.isWord("by") }) else {
                guard let last = rest.last else { return .none }
                return position(after: last) == .afterOperand ? .words(["by"]) : .none
            }
            return sortKey(Array(rest[(by + 1)...]), columns: schema)
        case "summarize":
            return summarize(rest, columns: schema)
        case "join":
            return join(rest, columns: schema, input)
        case "chart":
            return chart(rest, columns: schema)
        default:
            return .none
        }
    }

    /// `chart KIND name=COL ...`: the kinds, then the kind's arguments not given yet, columns after `=`.
    func chart(_ rest: [Token], columns: [String]) -> CandidateSet {
        guard let first = rest.first else { return .words(ChartPlan.Kind.allCases.map(\.rawValue)) }
        guard let kind = first.word.flatMap(ChartPlan.Kind.init(rawValue:)) else { return .none }
        if let last = rest.last, last.isSymbol(.assign) {
            guard rest.count >= 2, let name = rest[rest.count - 2].word, !["step", "bins"].contains(name) else { return .none }
            return .names(columns)
        }
        let given = Set(rest.indices.dropFirst().filter { $0 + 1 < rest.count && rest[$0 + 1].isSymbol(.assign) }.compactMap { rest[$0].word })
        return .words(kind.parameters.filter { !given.contains($0) })
    }

    /// The tokens after the last comma outside parentheses.
    static func currentItem(_ tokens: [Token]) -> [Token] {
        var depth = 0
        var start = 0
        for (i, t) in tokens.enumerated() {
            if t.isSymbol(.leftParen) { depth += 1 }
            if t.isSymbol(.rightParen) { depth = max(0, depth - 1) }
            if t.isSymbol(.comma), depth == 0 { start = i + 1 }
        }
        return Array(tokens[start...])
    }

    /// Parenthesis depth at the end of `tokens`.
    static func depth(_ tokens: [Token]) -> Int {
        var depth = 0
        for t in tokens {
            if t.isSymbol(.leftParen) { depth += 1 }
            if t.isSymbol(.rightParen) { depth = max(0, depth - 1) }
        }
        return depth
    }

    /// `EXPR [asc|desc]`: an expression, then a direction.
    func sortKey(_ item: [Token], columns: [String]) -> CandidateSet {
        guard let last = item.last else { return operand(columns: columns) }
        if Self.depth(item) == 0, position(after: last) == .afterOperand, !last.isWord("is") {
            return .words(["asc", "desc"])
        }
        return expression(item, columns: columns)
    }

    /// `summarize AGG, ... [by KEY, ...]`: aggregates before `by`, keys after it.
    func summarize(_ rest: [Token], columns: [String]) -> CandidateSet {
        var depth = 0
        var byIndex: Int?
        for (i, t) in rest.enumerated() {
            if t.isSymbol(.leftParen) { depth += 1 }
            if t.isSymbol(.rightParen) { depth = max(0, depth - 1) }
            if depth == 0, t.isWord("by"), byIndex == nil { byIndex = i }
        }
        if let by = byIndex {
            let keys = Self.currentItem(Array(rest[(by + 1)...]))
            return keys.isEmpty ? operand(columns: columns) : expression(keys, columns: columns)
        }
        let item = Self.currentItem(rest)
        guard let last = item.last else { return aggregateStart(columns: columns) }
        if Self.depth(item) == 0 {
            if last.isSymbol(.assign) { return aggregateStart(columns: columns) }
            if item.count == 1, Self.name(of: last) != nil { return .none }
            if position(after: last) == .afterOperand { return .words(["by"]) }
        }
        return expression(item, columns: columns, aggregates: true)
    }

    /// Where an aggregate item starts: aggregates and functions.
    func aggregateStart(columns: [String]) -> CandidateSet {
        .words(AggregateCatalog.names.map { $0 + "(" } + FunctionCatalog.functionNames.map { $0 + "(" })
    }

    /// `join [kind=K] FRAME on COND`.
    func join(_ rest: [Token], columns: [String], _ input: CompletionInput) -> CandidateSet {
        var i = 0
        if let first = rest.first, first.isWord("kind") {
            if rest.count == 1 { return .none }
            guard rest[1].isSymbol(.assign) else { return .none }
            if rest.count == 2 { return .words(JoinKind.allCases.map(\.rawValue)) }
            i = 3
        }
        guard i < rest.count else {
            var set = CandidateSet.names(Array(context.frames.keys))
            if i == 0 { set.words = ["kind="] }
            return set
        }
        let rightName = Self.name(of: rest[i])
        let right = rightName.flatMap { context.frames[$0] }?.map(\.name) ?? []
        guard i + 1 < rest.count else { return .words(["on"]) }
        guard rest[i + 1].isWord("on") else { return .none }
        let condition = Self.currentItem(Array(rest[(i + 2)...]))
        if let qualifier = input.partial.qualifier {
            guard condition.last.map({ position(after: $0) == .operand }) ?? true else { return .none }
            switch qualifier {
            case "left": return CandidateSet(names: columns, qualified: true)
            case "right": return CandidateSet(names: right, qualified: true)
            default: return .none
            }
        }
        guard let last = condition.last else {
            let common = columns.filter { right.contains($0) }
            return CandidateSet(words: ["left.", "right."], names: common)
        }
        switch position(after: last) {
        case .operand: return .words(["left.", "right."])
        case .afterOperand: return .words(Self.operatorWords)
        case .other: return .none
        }
    }
}
