import Frames
import Testing
@testable import Language

@Suite struct LexerTests {
    @Test func wordsAndQuotedIdentifiers() {
        #expect(kinds("where dst_port _x9") == [.word("where"), .word("dst_port"), .word("_x9")])
        #expect(kinds("`Start Date`") == [.quotedIdentifier("Start Date")])
        let tokens = Lexer.tokenize(SourceFile(name: "t", text: "a `b c`"))
        #expect(tokens[1].span == SourceSpan(start: 2, end: 7))
    }

    @Test func integersAndFloats() {
        #expect(kinds("42 1_000_000 0") == [.integer(42), .integer(1_000_000), .integer(0)])
        #expect(kinds("1.5 2e6 1.5e-3 3E+2") == [.float(1.5), .float(2e6), .float(1.5e-3), .float(300)])
        #expect(kinds("9223372036854775807") == [.integer(Int64.max)])
    }

    @Test(arguments: [
        ("10KB", Int64(10_000)), ("5MB", 5_000_000), ("1GB", 1_000_000_000), ("1TB", 1_000_000_000_000),
        ("1KiB", 1024), ("2MiB", 2 << 20), ("1GiB", 1 << 30), ("1TiB", 1 << 40), ("1.5KB", 1500),
        ("1.5KiB", 1536), ("1_000KB", 1_000_000),
    ])
    func sizes(text: String, bytes: Int64) {
        #expect(kinds(text) == [.integer(bytes)])
    }

    @Test(arguments: [
        ("500ms", Int64(500_000)), ("30s", 30_000_000), ("5m", 300_000_000), ("2h", 7_200_000_000),
        ("1d", 86_400_000_000), ("1w", 604_800_000_000), ("1.5h", 5_400_000_000), ("250us", 250),
        ("0.5s", 500_000), ("1e3ms", 1_000_000),
    ])
    func durations(text: String, micros: Int64) {
        #expect(kinds(text) == [.duration(micros)])
    }

    @Test func stringsAndEscapes() {
        #expect(kinds(#""a\\b\"c\'d\ne\tf""#) == [.string("a\\b\"c'd\ne\tf")])
        #expect(kinds(#"'it\'s' "x""#) == [.string("it's"), .string("x")])
        #expect(kinds(#""\d+""#) == [.string(#"\d+"#)])
        #expect(kinds("\"\"") == [.string("")])
        #expect(kinds("\"héllo\"") == [.string("héllo")])
    }

    @Test func operators() {
        let text = "== != < <= > >= + - * / % ( ) , . = |"
        let expected: [Symbol] = [
            .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .plus, .minus, .star, .slash,
            .percent, .leftParen, .rightParen, .comma, .dot, .assign, .pipe,
        ]
        #expect(kinds(text) == expected.map { .symbol($0) })
    }

    @Test func tildeOnlyAfterStringOperators() {
        #expect(kinds("contains~ matches~ startswith~ endswith~") == [
            .word("contains"), .symbol(.tilde), .word("matches"), .symbol(.tilde),
            .word("startswith"), .symbol(.tilde), .word("endswith"), .symbol(.tilde),
        ])
        guard case .invalid(.misplacedTilde)? = kinds("contains ~").last else {
            Issue.record("a spaced ~ must be an error")
            return
        }
        guard case .invalid(.misplacedTilde)? = kinds("x~").last else {
            Issue.record("~ after another word must be an error")
            return
        }
    }

    @Test func commentsAndSeparators() {
        #expect(kinds("a # comment | b\nb; c") == [.word("a"), .separator, .word("b"), .separator, .word("c")])
        #expect(kinds("\"#not a comment\"") == [.string("#not a comment")])
    }

    @Test func continuationLines() {
        #expect(kinds("a |\n  b") == [.word("a"), .symbol(.pipe), .word("b")])
        #expect(kinds("a\n  | b") == [.word("a"), .symbol(.pipe), .word("b")])
        #expect(kinds("a\n# note\n\n| b") == [.word("a"), .symbol(.pipe), .word("b")])
        #expect(kinds("a\nb") == [.word("a"), .separator, .word("b")])
        #expect(Parser.needsContinuation("t | where x > 1 |"))
        #expect(Parser.needsContinuation("t |  # more below"))
        #expect(!Parser.needsContinuation("t | where x > 1"))
    }

    @Test func errors() {
        func firstError(_ text: String) -> SyntaxError? {
            for k in kinds(text) { if case .invalid(let e) = k { return e } }
            return nil
        }
        guard case .unterminatedString(let s)? = firstError("x == \"abc\ny") else {
            Issue.record("unterminated string"); return
        }
        #expect(s == SourceSpan(start: 5, end: 9))
        #expect(kinds("\"abc\nb").suffix(2) == [.separator, .word("b")])
        guard case .malformedNumber("1_", _)? = firstError("1_") else { Issue.record("1_"); return }
        guard case .malformedNumber("12abc3", _)? = firstError("12abc3") else { Issue.record("12abc3"); return }
        guard case .unknownUnit("mb", number: "5", _)? = firstError("5mb") else { Issue.record("5mb"); return }
        guard case .numberOutOfRange? = firstError("9223372036854775808") else { Issue.record("overflow"); return }
        guard case .numberOutOfRange? = firstError("99999999TB") else { Issue.record("size overflow"); return }
        guard case .fractionalQuantity("0.5us", _)? = firstError("0.5us") else { Issue.record("0.5us"); return }
        guard case .unexpectedCharacter("$", _)? = firstError("a $ b") else { Issue.record("$"); return }
        guard case .unexpectedCharacter("é", let span)? = firstError("é") else { Issue.record("é"); return }
        #expect(span == SourceSpan(start: 0, end: 2))
        guard case .unexpectedCharacter("!", _)? = firstError("! x") else { Issue.record("!"); return }
        guard case .unterminatedIdentifier? = firstError("`abc") else { Issue.record("backquote"); return }
        guard case .emptyIdentifier? = firstError("``") else { Issue.record("empty backquote"); return }
    }

    @Test func errorMessages() {
        #expect(SyntaxError.unknownUnit("mb", number: "5", .at(0)).diagnostic.message == "unknown unit 'mb' after 5")
        #expect(SyntaxError.unterminatedString(.at(0)).diagnostic.message == "unterminated string")
        #expect(SyntaxError.expected("'='", found: "'x'", .at(0)).diagnostic.message == "expected '=', found 'x'")
    }
}
