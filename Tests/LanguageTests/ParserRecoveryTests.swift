import Testing
@testable import Language

@Suite struct ParserRecoveryTests {
    @Test func threeErrorsInOneScriptAreAllReported() {
        let text = """
        load calls.csv as ipdr
        ipdr | where bytes_up > | count
        let x = ipdr | wher msisdn == "1" | take 5
        ipdr | summarize sum(bytes_up by msisdn
        frames
        """
        let script = parse(text)
        #expect(script.diagnostics.count == 3)
        #expect(script.diagnostics.map(\.message) == [
            "expected an expression, found '|'",
            "unknown stage 'wher'",
            "expected ')', found 'by'",
        ])
        let file = SourceFile(name: "test.ipdr", text: text)
        #expect(script.diagnostics.map { file.location(of: $0.span.start).line } == [2, 3, 4])
        #expect(script.statements.count == 5)
        #expect(script.statements.map(\.isValid) == [true, false, false, false, true])
        #expect(script.statements[4].statement == .frames)
    }

    @Test func recoveryAtPipeFindsErrorsInLaterStages() {
        let script = parse("t | where a == | select b c | sort | take 5")
        #expect(script.diagnostics.map(\.message) == [
            "expected an expression, found '|'",
            "expected '|' or end of statement, found 'c'",
            "expected an expression, found '|'",
        ])
        #expect(script.statements.count == 1)
    }

    @Test func semicolonsSeparateAndRecover() {
        let script = parse("frames; describe; drop x; t | bogus 1; status")
        #expect(script.statements.count == 5)
        #expect(script.diagnostics.map(\.message) == ["expected a frame name, found end of statement", "unknown stage 'bogus'"])
        #expect(script.statements.map(\.text) == ["frames", "describe", "drop x", "t | bogus 1", "status"])
    }

    @Test func lexerErrorsSkippedDuringRecoveryAreReported() {
        let script = parse("t | where x == | select a $ b")
        #expect(script.diagnostics.map(\.message) == [
            "expected an expression, found '|'",
            "unexpected character '$'",
        ])
    }

    @Test func unterminatedStringEndsAtTheLine() {
        let script = parse("t | where a == \"oops\nframes")
        #expect(script.diagnostics.map(\.message) == ["unterminated string"])
        #expect(script.statements.count == 2)
        #expect(script.statements[1].statement == .frames)
    }

    @Test func emptyAndCommentOnlyScripts() {
        #expect(parse("").statements.isEmpty)
        #expect(parse("  # just a note\n\n;;\n").statements.isEmpty)
        #expect(parse("").diagnostics.isEmpty)
    }
}

@Suite struct ContinuationTests {
    @Test(arguments: [
        ("ipdr |", true), ("ipdr | where x > 1", false), ("ipdr | where f(a,", true), ("ipdr | where f(a, b)", false),
        ("ipdr | where apn == \"jio", true), ("ipdr | where apn == \"jio\nnet", true), ("ipdr | where apn == \"jio\nnet\"", false),
        ("frames", false), ("", false), ("# only a comment |", false), ("x | where (a > 1", true),
    ])
    func needsContinuation(_ text: String, _ expected: Bool) {
        #expect(Parser.needsContinuation(text) == expected, "\(text)")
    }

    @Test func stringsSpanLinesAndTheShellJoinsOpenParenthesesWithABlank() {
        let script = Parser.parse(SourceFile(name: "t", text: "frames\nt | where a == \"two\nlines\""))
        #expect(script.diagnostics.isEmpty)
        #expect(script.statements.count == 2)
        #expect(Parser.continuationJoiner(after: "t | where x in (1,") == " ")
        #expect(Parser.continuationJoiner(after: "t | where a == \"(") == "\n")
        #expect(Parser.continuationJoiner(after: "t |") == "\n")
    }
}
