import Testing
import TestSupport
@testable import Language

@Suite struct SyntaxFuzzTests {
    /// Lexes, parses and renders; checks that every span lies inside the text.
    func check(_ text: String) {
        let file = SourceFile(name: "fuzz", text: text)
        let tokens = Lexer.tokenize(file)
        #expect(tokens.count <= file.bytes.count + 1)
        for t in tokens { #expect(t.span.start >= 0 && t.span.end <= file.bytes.count) }
        let script = Parser.parse(file)
        for d in script.diagnostics { #expect(d.span.start >= 0 && d.span.end <= file.bytes.count) }
        for s in script.statements {
            #expect(s.span.start >= 0 && s.span.end <= file.bytes.count)
            #expect(s.statement == nil || s.diagnostics.isEmpty)
        }
        _ = DiagnosticRenderer.render(script.diagnostics, in: file, color: true)
        _ = Parser.needsContinuation(text)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(seed: 0x1DF0_2026)
        for _ in 0..<2000 {
            let n = Int.random(in: 0...120, using: &rng)
            let bytes = (0..<n).map { _ in
                // Bias towards ASCII so that the parser gets past the lexer often.
                Bool.random(using: &rng) ? UInt8.random(in: 32...126, using: &rng) : UInt8.random(in: 0...255, using: &rng)
            }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomTokenSoupsNeverCrash() {
        let vocabulary = [
            "load", "let", "save", "to", "with", "as", "frames", "describe", "drop", "plugins", "plugin", "help",
            "set", "settings", "run", "audit", "tail", "verify", "export", "status", "exit", "where", "select",
            "extend", "exclude", "rename", "sort", "by", "asc", "desc", "take", "limit", "top", "distinct",
            "count", "summarize", "join", "kind", "left", "right", "on", "inner", "semi", "anti", "and", "or",
            "not", "in", "between", "is", "null", "true", "false", "contains", "contains~", "startswith",
            "endswith~", "matches", "ipdr", "msisdn", "geo.locate", "left.ip", "`odd name`", "42", "-7", "1.5",
            "2e6", "10MB", "1GiB", "30s", "1.5h", "\"str\"", "'s'", "\"unterminated", "==", "!=", "<", "<=",
            ">", ">=", "+", "-", "*", "/", "%", "(", ")", ",", ".", "=", "|", "~", ";", "\n", "\n|", "#c\n",
            "a/b.csv", "$", "1_", "5mb", "sum(", "count()", "report", "title", "frames", "rows", "overwrite",
        ]
        var rng = SplitMix(seed: 42)
        for _ in 0..<3000 {
            let n = Int.random(in: 1...40, using: &rng)
            var text = ""
            for _ in 0..<n {
                text += vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)]
                text += Int.random(in: 0..<8, using: &rng) == 0 ? "" : " "
            }
            check(text)
        }
    }
}
