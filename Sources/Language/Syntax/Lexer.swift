/// Turns script text into tokens, one at a time.
///
/// Newlines and `;` become `.separator` tokens, except where a statement
/// continues: after a line that ends with `|`, before a line whose first
/// token is `|`, and inside a quoted string (a string may span lines; one left
/// open to the end of the text is reported at its line and reading resumes on
/// the next line). A newline inside parentheses still ends the statement, so
/// a script with an unclosed parenthesis reports it at its own line. Comments (`#` to the end of the line) are skipped. Malformed
/// input becomes `.invalid` tokens; the lexer never fails and always advances.
public struct Lexer: Sendable {
    /// The bytes being read.
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public internal(set) var position: Int
    /// True when the last token returned was `|` (the next newline is skipped).
    private var afterPipe = false
    /// End offset of the last `contains`/`startswith`/`endswith`/`matches` word, for `~`.
    private var matchWordEnd = -1
    /// Parentheses opened and not yet closed in the current statement.
    public private(set) var parenDepth = 0

    /// A lexer at the start of a file.
    public init(_ file: SourceFile) {
        self.bytes = file.bytes
        self.position = 0
    }

    /// All tokens of a file, ending with `.end`.
    public static func tokenize(_ file: SourceFile) -> [Token] {
        var lexer = Lexer(file)
        var out: [Token] = []
        while true {
            let t = lexer.next()
            out.append(t)
            if case .end = t.kind { return out }
        }
    }

    /// Moves the read position back to an earlier token start (for re-reading raw text).
    public mutating func reset(to offset: Int) {
        position = min(max(0, offset), bytes.count)
        afterPipe = false
        matchWordEnd = -1
        parenDepth = 0
    }

    // MARK: - Character classes

    @inline(__always) static func isBlank(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }

    private func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    /// Skips blanks and a comment; stops at a newline, `;` or a token.
    private mutating func skipBlanksAndComment() {
        while position < bytes.count {
            let c = bytes[position]
            if Lexer.isBlank(c) {
                position += 1
            } else if c == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else {
                return
            }
        }
    }

    /// True when the next token after blank lines and comments is `|`; returns its offset.
    private func continuationPipe(from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if Lexer.isBlank(c) || c == UInt8(ascii: "\n") {
                i += 1
            } else if c == UInt8(ascii: "#") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else {
                return c == UInt8(ascii: "|") ? i : nil
            }
        }
        return nil
    }

    // MARK: - Tokens

    /// The next token.
    public mutating func next() -> Token {
        while true {
            skipBlanksAndComment()
            guard position < bytes.count else { return Token(.end, span: .at(bytes.count)) }
            let c = bytes[position]
            if c == UInt8(ascii: "\n") {
                if afterPipe { position += 1; continue }
                if let pipe = continuationPipe(from: position + 1) { position = pipe; continue }
                let start = position
                position += 1
                matchWordEnd = -1
                return Token(.separator, span: SourceSpan(start: start, end: position))
            }
            let token = lexToken(c)
            if case .symbol(.pipe) = token.kind { afterPipe = true } else { afterPipe = false }
            switch token.kind {
            case .symbol(.leftParen): parenDepth += 1
            case .symbol(.rightParen): parenDepth = max(0, parenDepth - 1)
            case .separator: parenDepth = 0
            default: break
            }
            return token
        }
    }

    private mutating func lexToken(_ c: UInt8) -> Token {
        let start = position
        if c == UInt8(ascii: ";") {
            position += 1
            return Token(.separator, span: SourceSpan(start: start, end: position))
        }
        if Lexer.isLetter(c) {
            while position < bytes.count, Lexer.isWordByte(bytes[position]) { position += 1 }
            let w = String(decoding: bytes[start..<position], as: UTF8.self)
            switch w {
            case "contains", "startswith", "endswith", "matches": matchWordEnd = position
            default: matchWordEnd = -1
            }
            return Token(.word(w), span: SourceSpan(start: start, end: position))
        }
        let wasMatchWord = matchWordEnd == start
        matchWordEnd = -1
        if Lexer.isDigit(c) { return lexNumber() }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { return lexString(quote: c) }
        if c == UInt8(ascii: "`") { return lexQuotedIdentifier() }
        position += 1
        let next = byte(position)
        let symbol: Symbol?
        switch c {
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { position += 1; symbol = .equal } else { symbol = .assign }
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { position += 1; symbol = .notEqual } else { symbol = nil }
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { position += 1; symbol = .lessOrEqual } else { symbol = .less }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { position += 1; symbol = .greaterOrEqual } else { symbol = .greater }
        case UInt8(ascii: "+"): symbol = .plus
        case UInt8(ascii: "-"): symbol = .minus
        case UInt8(ascii: "*"): symbol = .star
        case UInt8(ascii: "/"): symbol = .slash
        case UInt8(ascii: "%"): symbol = .percent
        case UInt8(ascii: "("): symbol = .leftParen
        case UInt8(ascii: ")"): symbol = .rightParen
        case UInt8(ascii: ","): symbol = .comma
        case UInt8(ascii: "."): symbol = .dot
        case UInt8(ascii: "|"): symbol = .pipe
        case UInt8(ascii: "&"): symbol = .ampersand
        case UInt8(ascii: "~"):
            if wasMatchWord { symbol = .tilde } else {
                return Token(.invalid(.misplacedTilde(SourceSpan(start: start, end: position))),
                             span: SourceSpan(start: start, end: position))
            }
        default: symbol = nil
        }
        if let s = symbol { return Token(.symbol(s), span: SourceSpan(start: start, end: position)) }
        // Consume a whole UTF-8 scalar so that spans never split a character.
        if c >= 0xC0 {
            while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        }
        let span = SourceSpan(start: start, end: position)
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(.invalid(.unexpectedCharacter(text, span)), span: span)
    }

    private mutating func lexString(quote: UInt8) -> Token {
        let start = position
        position += 1
        var out: [UInt8] = []
        var firstNewline: Int? = nil
        while position < bytes.count {
            let c = bytes[position]
            if c == quote {
                position += 1
                return Token(.string(String(decoding: out, as: UTF8.self)), span: SourceSpan(start: start, end: position))
            }
            if c == UInt8(ascii: "\n"), firstNewline == nil { firstNewline = position }
            if c == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "\n") {
                let e = bytes[position + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
                default:
                    // Unknown escapes stay as written, so regexes like "\d+" read naturally.
                    out.append(c)
                    out.append(e)
                }
                position += 2
                continue
            }
            out.append(c)
            position += 1
        }
        // Never closed: report it on its own line and go on from the next one.
        if let nl = firstNewline { position = nl }
        var end = position
        while end > start, end <= bytes.count, Lexer.isBlank(bytes[end - 1]) { end -= 1 }
        let span = SourceSpan(start: start, end: end)
        return Token(.invalid(.unterminatedString(span)), span: span)
    }

    private mutating func lexQuotedIdentifier() -> Token {
        let start = position
        position += 1
        let bodyStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "`"), bytes[position] != UInt8(ascii: "\n") {
            position += 1
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "`") else {
            let span = SourceSpan(start: start, end: position)
            return Token(.invalid(.unterminatedIdentifier(span)), span: span)
        }
        let name = String(decoding: bytes[bodyStart..<position], as: UTF8.self)
        position += 1
        let span = SourceSpan(start: start, end: position)
        if name.isEmpty { return Token(.invalid(.emptyIdentifier(span)), span: span) }
        return Token(.quotedIdentifier(name), span: span)
    }
}

extension Lexer {
    /// Reads raw text from `offset` up to (not including) the first byte for
    /// which `stop` is true, and leaves the read position there. Used for bare
    /// paths and bare option values, which need not be valid tokens.
    public mutating func scanRaw(from offset: Int, until stop: (UInt8) -> Bool) -> SourceSpan {
        reset(to: offset)
        while position < bytes.count, !stop(bytes[position]) { position += 1 }
        return SourceSpan(start: offset, end: position)
    }
}
