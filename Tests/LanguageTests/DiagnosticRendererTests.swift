import Testing
@testable import Language

@Suite struct DiagnosticRendererTests {
    @Test func rendersLocationSourceLineCaretsAndHint() {
        let text = "load x.csv as ipdr\n\n          ipdr | where dst_prt == 443\n"
        let file = SourceFile(name: "tour.ipdr", text: text)
        let start = text.utf8.count - "dst_prt == 443\n".utf8.count
        let d = Diagnostic.error("unknown column 'dst_prt'", span: SourceSpan(start: start, end: start + 7),
                                 hint: "did you mean 'dst_port'?")
        #expect(DiagnosticRenderer.render(d, in: file, color: false) == """
        tour.ipdr:3:24: error: unknown column 'dst_prt'
          ipdr | where dst_prt == 443
                       ^~~~~~~
          did you mean 'dst_port'?

        """)
    }

    @Test func colourOnlyWhenAsked() {
        let file = SourceFile(name: "<command>", text: "t | wher x")
        let d = parse("t | wher x").diagnostics[0]
        let plain = DiagnosticRenderer.render(d, in: file, color: false)
        #expect(!plain.contains("\u{1B}["))
        #expect(plain == "<command>:1:5: error: unknown stage 'wher'\n  t | wher x\n      ^~~~\n  did you mean 'where'?\n")
        let coloured = DiagnosticRenderer.render(d, in: file, color: true)
        #expect(coloured.contains("\u{1B}[31m") && coloured.contains("\u{1B}[0m"))
        #expect(coloured.replacingEscapes() == plain)
    }

    @Test func endOfInputPointsPastTheLastLine() {
        let text = "t | where x ==\n"
        let script = Parser.parse(SourceFile(name: "a.ipdr", text: text))
        let out = DiagnosticRenderer.render(script.diagnostics, in: script.file, color: false)
        #expect(out == "a.ipdr:1:15: error: expected an expression, found end of statement\n  t | where x ==\n                ^\n")
    }

    @Test func columnsCountCharactersAndTabsKeepAlignment() {
        let text = "\tt | where nev == \"éé\" | bad"
        let script = Parser.parse(SourceFile(name: "u.ipdr", text: text))
        let out = DiagnosticRenderer.render(script.diagnostics, in: script.file, color: false)
        #expect(out == "u.ipdr:1:26: error: unknown stage 'bad'\n  t | where nev == \"éé\" | bad\n  " + String(repeating: " ", count: 24) + "^~~\n")
    }

    @Test func warningsNotesAndSpansAcrossLines() {
        let file = SourceFile(name: "s", text: "ab\ncd")
        let w = Diagnostic(.warning, "careful", span: SourceSpan(start: 1, end: 4))
        #expect(DiagnosticRenderer.render(w, in: file, color: false) == "s:1:2: warning: careful\n  ab\n   ^\n")
        let n = Diagnostic(.note, "see here", span: SourceSpan(start: 3, end: 5))
        #expect(DiagnosticRenderer.render(n, in: file, color: false) == "s:2:1: note: see here\n  cd\n  ^~\n")
        let e: any DiagnosticConvertible = SyntaxError.unterminatedString(SourceSpan(start: 3, end: 5))
        #expect(DiagnosticRenderer.render(e, in: file, color: false).hasPrefix("s:2:1: error: unterminated string\n"))
    }

    @Test func sourceFileLocations() {
        let file = SourceFile(name: "f", text: "ab\r\nçd\n\nx")
        #expect(file.lineCount == 4)
        #expect(file.location(of: 0) == SourceLocation(line: 1, column: 1))
        #expect(file.location(of: 4) == SourceLocation(line: 2, column: 1))
        #expect(file.location(of: 6) == SourceLocation(line: 2, column: 2))
        #expect(file.location(of: 9) == SourceLocation(line: 4, column: 1))
        #expect(file.location(of: 999) == SourceLocation(line: 4, column: 2))
        #expect(file.lineText(1) == "ab")
        #expect(file.lineText(2) == "çd")
        #expect(file.lineText(3) == "")
        #expect(file.lineText(9) == "")
        #expect(file.text(of: SourceSpan(start: 4, end: 7)) == "çd")
    }
}

extension String {
    /// The text without ANSI escape sequences.
    func replacingEscapes() -> String {
        var out = ""
        var inEscape = false
        for ch in self {
            if inEscape { if ch == "m" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            out.append(ch)
        }
        return out
    }
}
