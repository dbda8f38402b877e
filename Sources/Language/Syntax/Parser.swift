import Frames

/// Parses scripts into statements, recovering from errors so that one run
/// reports every syntax error: inside a pipeline it resumes at the next `|`,
/// otherwise at the next statement.
public struct Parser {
    /// The file being parsed.
    let file: SourceFile
    /// The token source, positioned after `token`.
    var lexer: Lexer
    /// The current token.
    var token: Token
    /// End offset of the last consumed token (or raw text).
    var previousEnd = 0
    /// Diagnostics of the statement being parsed.
    var diagnostics: [Diagnostic] = []
    /// Current expression nesting depth.
    var depth = 0
    /// True while parsing the source of `save ... to PATH` (the word `to` ends the pipeline).
    var stopAtTo = false

    /// The deepest nesting of parentheses, `not` and `-` accepted.
    static let maximumDepth = 64

    /// The stage words, for "did you mean" on unknown stages.
    public static let stageNames = [
        "where", "select", "extend", "exclude", "rename", "sort", "take", "limit", "top", "distinct",
        "count", "summarize", "join", "chart",
    ]

    /// The statement words.
    public static let statementNames = [
        "load", "let", "save", "frames", "describe", "drop", "plugins", "plugin", "profiles", "help", "set",
        "settings", "run", "audit", "report", "status", "exit", "quit", "jobs", "wait", "cancel",
    ]

    /// The words after `audit`.
    public static let auditCommands = ["tail", "verify", "export", "seal"]

    init(_ file: SourceFile) {
        self.file = file
        var lexer = Lexer(file)
        self.token = lexer.next()
        self.lexer = lexer
    }

    /// Parses a whole script (or one command) into statements and diagnostics.
    public static func parse(_ file: SourceFile) -> ParsedScript {
        var parser = Parser(file)
        return parser.parseScript()
    }

    /// True when `text` is an unfinished statement, so an interactive shell
    /// should read a continuation line: it ends with `|`, a parenthesis is
    /// still open, or a quoted string is still open.
    public static func needsContinuation(_ text: String) -> Bool {
        var lexer = Lexer(SourceFile(name: "", text: text))
        var last: Token?
        var openString = false
        while true {
            let t = lexer.next()
            if case .end = t.kind { break }
            if case .invalid(.unterminatedString) = t.kind { openString = true }
            last = t
        }
        guard let last else { return false }
        return openString || last.isSymbol(.pipe) || lexer.parenDepth > 0
    }

    /// How the shell joins a continuation line to `text`: a blank while a
    /// parenthesis is open (so the expression goes on), a newline otherwise.
    public static func continuationJoiner(after text: String) -> String {
        var lexer = Lexer(SourceFile(name: "", text: text))
        var openString = false
        while true {
            let t = lexer.next()
            if case .end = t.kind { break }
            if case .invalid(.unterminatedString) = t.kind { openString = true }
        }
        return lexer.parenDepth > 0 && !openString ? " " : "\n"
    }

    // MARK: - Token helpers

    /// Moves to the next token.
    mutating func advance() {
        previousEnd = token.span.end
        token = lexer.next()
    }

    /// The token after the current one, without consuming anything.
    func peek() -> Token {
        var copy = lexer
        return copy.next()
    }

    /// The error to raise when the current token is not `what`: the lexer's
    /// own error for an invalid token, otherwise "expected ..., found ...".
    func failure(_ what: String) -> SyntaxError {
        if case .invalid(let e) = token.kind { return e }
        return .expected(what, found: token.displayName, token.span)
    }

    /// Consumes the symbol `s` or throws.
    @discardableResult
    mutating func expect(_ s: Symbol) throws(SyntaxError) -> Token {
        guard token.isSymbol(s) else { throw failure("'\(s.rawValue)'") }
        let t = token
        advance()
        return t
    }

    /// Consumes the word `w` or throws.
    @discardableResult
    mutating func expectWord(_ w: String) throws(SyntaxError) -> Token {
        guard token.isWord(w) else { throw failure("'\(w)'") }
        let t = token
        advance()
        return t
    }

    /// Consumes a plain or backquoted name.
    mutating func parseIdentifier(_ what: String = "a name") throws(SyntaxError) -> Identifier {
        switch token.kind {
        case .word(let w):
            let id = Identifier(w, span: token.span)
            advance()
            return id
        case .quotedIdentifier(let w):
            let id = Identifier(w, span: token.span, isQuoted: true)
            advance()
            return id
        default:
            throw failure(what)
        }
    }

    /// True when the current token is a name and the next one is `=` (not `==`).
    func atNamedAssignment() -> Bool {
        switch token.kind {
        case .word, .quotedIdentifier: return peek().isSymbol(.assign)
        default: return false
        }
    }

    /// Records an error for the current statement.
    mutating func report(_ error: SyntaxError) {
        let d = error.diagnostic
        if let last = diagnostics.last, last.span == d.span, last.message == d.message { return }
        diagnostics.append(d)
    }

    /// Skips tokens up to the end of the statement (or, with `atPipe`, up to a
    /// `|`), reporting lexer errors passed over.
    mutating func synchronize(atPipe: Bool) {
        while !token.endsStatement {
            if atPipe, token.isSymbol(.pipe) { return }
            if atPipe, stopAtTo, token.isWord("to") { return }
            if case .invalid(let e) = token.kind { report(e) }
            advance()
        }
    }

    // MARK: - Script and statements

    mutating func parseScript() -> ParsedScript {
        var statements: [ParsedStatement] = []
        var all: [Diagnostic] = []
        while true {
            while case .separator = token.kind { advance() }
            if case .end = token.kind { break }
            let start = token.span.start
            diagnostics = []
            depth = 0
            stopAtTo = false
            var statement: Statement?
            var end: Int?
            var background: SourceSpan?
            do throws(SyntaxError) {
                statement = try parseStatement()
                if token.isSymbol(.ampersand) {
                    // A trailing `&` runs the statement as a job; it is not part of the statement's text.
                    end = previousEnd
                    background = token.span
                    advance()
                }
                if !token.endsStatement { throw failure("end of statement") }
            } catch {
                report(error)
                synchronize(atPipe: false)
                end = nil
                background = nil
            }
            if !diagnostics.isEmpty { statement = nil }
            let span = SourceSpan(start: start, end: max(start, end ?? previousEnd))
            statements.append(ParsedStatement(
                statement: statement, diagnostics: diagnostics, span: span,
                text: file.text(of: span), line: file.line(of: start), background: background))
            all += diagnostics
        }
        return ParsedScript(file: file, statements: statements, diagnostics: all)
    }

    mutating func parseStatement() throws(SyntaxError) -> Statement {
        guard let word = token.word, Parser.statementNames.contains(word), !peek().isSymbol(.pipe) else {
            if case .word = token.kind { return .pipeline(try parsePipeline()) }
            if case .quotedIdentifier = token.kind { return .pipeline(try parsePipeline()) }
            throw failure("a statement or a frame name")
        }
        let keyword = token
        advance()
        switch word {
        case "load":
            let path = try parsePath(statement: "load")
            var name: Identifier?
            var options: [Option]?
            while true {
                if name == nil, token.isWord("as") {
                    advance()
                    name = try parseIdentifier("a frame name")
                } else if options == nil, token.isWord("with") {
                    advance()
                    options = try parseOptions()
                } else {
                    break
                }
            }
            return .load(path: path, name: name, options: options ?? [])
        case "let":
            let name = try parseIdentifier("a frame name")
            try expect(.assign)
            return .let(name: name, pipeline: try parsePipeline())
        case "save":
            stopAtTo = true
            let source = try parsePipeline()
            stopAtTo = false
            try expectWord("to")
            let path = try parsePath(statement: "save")
            var options: [Option] = []
            if token.isWord("with") {
                advance()
                options = try parseOptions()
            }
            return .save(source: source, path: path, options: options)
        case "frames": return .frames
        case "plugins": return .plugins
        case "profiles": return .profiles
        case "settings": return .settings
        case "status": return .status
        case "exit", "quit": return .exit
        case "describe": return .describe(try parseIdentifier("a frame name"))
        case "drop": return .drop(try parseIdentifier("a frame name"))
        case "plugin":
            try expectWord("load")
            return .pluginLoad(path: try parsePath(statement: "plugin load"))
        case "help":
            if token.endsStatement { return .help(topic: nil) }
            return .help(topic: scanRawWord(stopAtComma: false))
        case "set":
            let key = try parseSettingKey()
            try expect(.assign)
            return .set(key: key, value: try parseOptionValue(stopAtComma: false))
        case "run":
            return .run(path: try parsePath(statement: "run"))
        case "jobs": return .jobs
        case "wait": return .wait(job: try parseJobNumber(optional: true))
        case "cancel": return .cancel(job: try parseJobNumber(optional: true))
        case "audit":
            return try parseAudit(keyword: keyword)
        case "report":
            let path = try parsePath(statement: "report")
            var options: [Option] = []
            if token.isWord("with") {
                advance()
                options = try parseOptions(listOption: "frames")
            } else if atNamedAssignment() {
                options = try parseOptions(listOption: "frames")
            }
            return .report(path: path, options: options)
        default:
            throw .expected("a statement", found: keyword.displayName, keyword.span)
        }
    }

    mutating func parseAudit(keyword: Token) throws(SyntaxError) -> Statement {
        guard let sub = token.word else { throw failure("'tail', 'verify', 'export' or 'seal' after 'audit'") }
        let subToken = token
        switch sub {
        case "tail":
            advance()
            if case .integer(let n) = token.kind {
                let count = Located(n, span: token.span)
                advance()
                return .auditTail(count: count)
            }
            if token.endsStatement { return .auditTail(count: nil) }
            throw failure("a number of entries")
        case "verify":
            advance()
            if token.endsStatement { return .auditVerify(path: nil) }
            return .auditVerify(path: try parsePath(statement: "audit verify"))
        case "export":
            advance()
            let path = try parsePath(statement: "audit export")
            var options: [Option] = []
            if token.isWord("with") {
                advance()
                options = try parseOptions()
            }
            return .auditExport(path: path, options: options)
        case "seal":
            advance()
            if token.endsStatement { return .auditSeal(key: nil) }
            return .auditSeal(key: try parsePath(statement: "audit seal"))
        default:
            throw .unknownAuditCommand(
                sub, suggestion: Suggest.closest(to: sub, among: Self.auditCommands), subToken.span)
        }
    }

    /// The job number after `wait` or `cancel`: `2` or `%2`; nil when the statement ends first.
    mutating func parseJobNumber(optional: Bool) throws(SyntaxError) -> Located<Int64>? {
        if optional, token.endsStatement || token.isSymbol(.ampersand) { return nil }
        let start = token.span
        if token.isSymbol(.percent) { advance() }
        guard case .integer(let n) = token.kind else { throw failure("a job number such as 2 or %2") }
        let number = Located(n, span: start.merged(with: token.span))
        advance()
        return number
    }

    /// `display.rows`: names joined by dots.
    mutating func parseSettingKey() throws(SyntaxError) -> Located<String> {
        let first = try parseIdentifier("a setting name")
        var text = first.name
        var span = first.span
        while token.isSymbol(.dot) {
            advance()
            let part = try parseIdentifier("a setting name")
            text += "." + part.name
            span = span.merged(with: part.span)
        }
        return Located(text, span: span)
    }

    // MARK: - Paths, options and raw words

    /// A string literal, or a bare path read as raw text up to a blank or `;`.
    mutating func parsePath(statement: String) throws(SyntaxError) -> Located<String> {
        if token.endsStatement { throw .missingPath(statement: statement, .at(token.span.start)) }
        if case .string(let s) = token.kind {
            let path = Located(s, span: token.span)
            advance()
            return path
        }
        if case .invalid(let e) = token.kind, case .unterminatedString = e { throw e }
        // A bare path ends at `&` too (`save x to out.csv&`); quote a path that contains one.
        let span = lexer.scanRaw(from: token.span.start) { c in
            Lexer.isBlank(c) || c == UInt8(ascii: "\n") || c == UInt8(ascii: ";") || c == UInt8(ascii: "&")
        }
        previousEnd = span.end
        token = lexer.next()
        return Located(file.text(of: span), span: span)
    }

    /// Raw text from the current token to a blank, `;`, `&`, newline (and `,` when asked).
    mutating func scanRawWord(stopAtComma: Bool) -> Located<String> {
        let span = lexer.scanRaw(from: token.span.start) { c in
            Lexer.isBlank(c) || c == UInt8(ascii: "\n") || c == UInt8(ascii: ";") || c == UInt8(ascii: "&")
                || (stopAtComma && c == UInt8(ascii: ","))
        }
        previousEnd = span.end
        token = lexer.next()
        return Located(file.text(of: span), span: span)
    }

    /// `K=V, K=V ...` (commas optional). The option named `listOption`
    /// takes a comma-separated list of bare words (`frames=a,b,c`): its value
    /// is the list's text, up to a word followed by `=`.
    mutating func parseOptions(listOption: String? = nil) throws(SyntaxError) -> [Option] {
        var options: [Option] = []
        repeat {
            if token.isSymbol(.comma) { advance() }
            let name = try parseIdentifier("an option name")
            try expect(.assign)
            var value = try parseOptionValue(stopAtComma: true)
            if name.name == listOption, case .word(var list) = value.kind {
                while token.isSymbol(.comma), atListItem() {
                    advance()
                    let item = scanRawWord(stopAtComma: true)
                    list += "," + item.value
                    value = OptionValue(.word(list), span: value.span.merged(with: item.span))
                }
            }
            options.append(Option(name: name, value: value, span: name.span.merged(with: value.span)))
        } while token.isSymbol(.comma) || atNamedAssignment()
        return options
    }

    /// True at a `,` followed by a bare word that is not an option name (no `=` after it).
    func atListItem() -> Bool {
        var copy = lexer
        let item = copy.next()
        guard case .word = item.kind else { return false }
        return !copy.next().isSymbol(.assign)
    }

    /// A literal (string, number, size, duration, bool, null) or a bare word.
    mutating func parseOptionValue(stopAtComma: Bool) throws(SyntaxError) -> OptionValue {
        let start = token.span
        var negative = false
        if token.isSymbol(.minus) {
            let next = peek()
            switch next.kind {
            case .integer, .float, .duration:
                if next.span.start == start.end {
                    negative = true
                    advance()
                }
            default: break
            }
        }
        let span = start.merged(with: token.span)
        switch token.kind {
        case .string(let s):
            advance()
            return OptionValue(.literal(.string(s)), span: span)
        case .integer(let v):
            advance()
            return OptionValue(.literal(.int(negative ? -v : v)), span: span)
        case .float(let v):
            advance()
            return OptionValue(.literal(.float(negative ? -v : v)), span: span)
        case .duration(let v):
            advance()
            return OptionValue(.literal(.duration(negative ? -v : v)), span: span)
        case .separator, .end:
            throw failure("a value")
        case .invalid(let e):
            if case .unterminatedString = e { throw e }
        default:
            break
        }
        if stopAtComma, token.isSymbol(.comma) { throw failure("a value") }
        let raw = scanRawWord(stopAtComma: stopAtComma)
        switch raw.value {
        case "true": return OptionValue(.literal(.bool(true)), span: raw.span)
        case "false": return OptionValue(.literal(.bool(false)), span: raw.span)
        case "null": return OptionValue(.literal(.null), span: raw.span)
        default: return OptionValue(.word(raw.value), span: raw.span)
        }
    }
}
