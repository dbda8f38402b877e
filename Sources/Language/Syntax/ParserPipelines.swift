extension Parser {
    /// True where a stage ends: `|`, the end of the statement, the `&` of a job, or `to` in `save`.
    var atStageEnd: Bool {
        token.isSymbol(.pipe) || token.endsStatement || token.isSymbol(.ampersand) || (stopAtTo && token.isWord("to"))
    }

    /// `SOURCE | STAGE | ...`. Errors inside a stage are reported and parsing
    /// resumes at the next `|`, so the pipeline is returned even when broken.
    mutating func parsePipeline() throws(SyntaxError) -> Pipeline {
        let source = try parseIdentifier("a frame name")
        var stages: [Stage] = []
        while token.isSymbol(.pipe) {
            advance()
            do throws(SyntaxError) {
                let stage = try parseStage()
                if !atStageEnd { throw failure("'|' or end of statement") }
                stages.append(stage)
            } catch {
                report(error)
                synchronize(atPipe: true)
            }
        }
        return Pipeline(source: source, stages: stages, span: SourceSpan(start: source.span.start, end: previousEnd))
    }

    mutating func parseStage() throws(SyntaxError) -> Stage {
        let start = token.span.start
        guard let word = token.word else { throw failure("a stage") }
        let wordToken = token
        if peek().isSymbol(.dot) { return try parseAnalyzer() }
        advance()
        let kind: StageKind
        switch word {
        case "where":
            kind = .where(try parseExpression())
        case "select":
            kind = .select(try parseList { p throws(SyntaxError) in try p.parseProjectionItem() })
        case "extend":
            kind = .extend(try parseList { p throws(SyntaxError) in try p.parseAssignment() })
        case "exclude":
            kind = .exclude(try parseList { p throws(SyntaxError) in try p.parseIdentifier("a column name") })
        case "rename":
            kind = .rename(try parseList { p throws(SyntaxError) in try p.parseRenameItem() })
        case "sort":
            if token.isWord("by"), !peek().isSymbol(.comma), !isDirectionOrEnd(peek()) { advance() }
            kind = .sort(try parseList { p throws(SyntaxError) in try p.parseSortKey() })
        case "take", "limit":
            kind = .take(try parseExpression())
        case "top":
            let count = try parseAdditive()
            try expectWord("by")
            kind = .top(count: count, by: try parseSortKey())
        case "distinct":
            kind = .distinct(try parseList { p throws(SyntaxError) in try p.parseIdentifier("a column name") })
        case "count":
            kind = .count
        case "summarize":
            var aggregates: [ProjectionItem] = []
            if !token.isWord("by") {
                aggregates = try parseList { p throws(SyntaxError) in try p.parseProjectionItem() }
            }
            var keys: [ProjectionItem] = []
            if token.isWord("by") {
                advance()
                keys = try parseList { p throws(SyntaxError) in try p.parseProjectionItem() }
            }
            kind = .summarize(aggregates: aggregates, by: keys)
        case "join":
            kind = .join(try parseJoin())
        case "chart":
            kind = .chart(try parseChart())
        default:
            throw .unknownStage(word, suggestion: Suggest.closest(to: word, among: Parser.stageNames), wordToken.span)
        }
        return Stage(kind, span: SourceSpan(start: start, end: previousEnd))
    }

    /// True for `asc`, `desc`, `|` and statement ends (after `sort by`, these mean `by` is a column).
    private func isDirectionOrEnd(_ t: Token) -> Bool {
        t.isWord("asc") || t.isWord("desc") || t.isSymbol(.pipe) || t.endsStatement || t.isSymbol(.ampersand)
    }

    /// One or more items separated by commas.
    mutating func parseList<T>(_ item: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> [T] {
        var items = [try item(&self)]
        while token.isSymbol(.comma) {
            advance()
            items.append(try item(&self))
        }
        return items
    }

    /// `col`, `EXPR` or `name = EXPR`.
    mutating func parseProjectionItem() throws(SyntaxError) -> ProjectionItem {
        if atNamedAssignment() {
            let name = try parseIdentifier()
            advance()
            let e = try parseExpression()
            return ProjectionItem(name: name, expression: e, span: name.span.merged(with: e.span))
        }
        let e = try parseExpression()
        return ProjectionItem(name: nil, expression: e, span: e.span)
    }

    /// `name = EXPR`.
    mutating func parseAssignment() throws(SyntaxError) -> Assignment {
        let name = try parseIdentifier("a column name")
        try expect(.assign)
        let e = try parseExpression()
        return Assignment(name: name, expression: e, span: name.span.merged(with: e.span))
    }

    /// `new = old`.
    mutating func parseRenameItem() throws(SyntaxError) -> RenameItem {
        let new = try parseIdentifier("a new column name")
        try expect(.assign)
        let old = try parseIdentifier("the column to rename")
        return RenameItem(newName: new, oldName: old, span: new.span.merged(with: old.span))
    }

    /// `EXPR [asc|desc]`.
    mutating func parseSortKey() throws(SyntaxError) -> SortKey {
        let e = try parseExpression()
        var direction: SortDirection?
        var span = e.span
        if let w = token.word, let d = SortDirection(rawValue: w) {
            direction = d
            span = span.merged(with: token.span)
            advance()
        }
        return SortKey(expression: e, direction: direction, span: span)
    }

    /// `[kind=K] [report=true|false] FRAME on COND` (after `join`; options in any order).
    mutating func parseJoin() throws(SyntaxError) -> JoinClause {
        var kind = JoinKind.inner
        var kindSpan: SourceSpan?
        var report = false
        var reportSpan: SourceSpan?
        while token.isWord("kind") || token.isWord("report"), peek().isSymbol(.assign) {
            let start = token.span
            let isKind = token.isWord("kind")
            advance()
            advance()
            if isKind {
                guard let w = token.word else { throw failure("a join kind (inner, left, semi, anti)") }
                guard let k = JoinKind(rawValue: w) else {
                    throw .unknownJoinKind(
                        w, suggestion: Suggest.closest(to: w, among: JoinKind.allCases.map(\.rawValue)), token.span)
                }
                kind = k
                kindSpan = start.merged(with: token.span)
            } else {
                if token.isWord("true") { report = true } else if token.isWord("false") { report = false } else {
                    throw failure("true or false")
                }
                reportSpan = start.merged(with: token.span)
            }
            advance()
        }
        let frame = try parseIdentifier("a frame name")
        try expectWord("on")
        let condition = try parseExpression()
        if case .column(let ref) = condition.kind, ref.qualifier == nil, token.isSymbol(.comma) || atStageEnd {
            var names = [ref.name]
            while token.isSymbol(.comma) {
                advance()
                names.append(try parseIdentifier("a column name"))
            }
            return JoinClause(kind: kind, kindSpan: kindSpan, report: report, reportSpan: reportSpan, frame: frame, condition: .columns(names))
        }
        return JoinClause(kind: kind, kindSpan: kindSpan, report: report, reportSpan: reportSpan, frame: frame, condition: .expression(condition))
    }

    /// `KIND name=EXPR ...` after `chart` (commas between arguments optional).
    mutating func parseChart() throws(SyntaxError) -> ChartClause {
        let kind = try parseIdentifier("a chart kind (bar, timeline, histogram)")
        return ChartClause(kind: kind, arguments: try parseNamedArguments())
    }

    /// `name=EXPR ...` up to the end of the stage; commas between arguments are optional.
    mutating func parseNamedArguments() throws(SyntaxError) -> [NamedArgument] {
        var arguments: [NamedArgument] = []
        while atNamedAssignment() {
            let name = try parseIdentifier()
            advance()
            let value = try parseExpression()
            arguments.append(NamedArgument(name: name, value: value, span: name.span.merged(with: value.span)))
            if token.isSymbol(.comma) {
                advance()
                if !atNamedAssignment() { throw failure("an argument 'name=value'") }
            }
        }
        if !atStageEnd { throw failure("an argument 'name=value'") }
        return arguments
    }

    /// `PLUGIN.ANALYZER [name=EXPR ...]` (commas between arguments optional).
    mutating func parseAnalyzer() throws(SyntaxError) -> Stage {
        let plugin = try parseIdentifier("a plugin name")
        try expect(.dot)
        let analyzer = try parseIdentifier("an analyzer name")
        let arguments = try parseNamedArguments()
        let call = AnalyzerCall(plugin: plugin, analyzer: analyzer, arguments: arguments)
        return Stage(.analyzer(call), span: SourceSpan(start: plugin.span.start, end: previousEnd))
    }
}
