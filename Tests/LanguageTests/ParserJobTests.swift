import Frames
import Testing
@testable import Language

/// `&` ending a statement, and `jobs`, `wait`, `cancel`.
@Suite struct ParserJobTests {
    func parse(_ text: String) -> ParsedScript {
        Parser.parse(SourceFile(name: "t", text: text))
    }

    @Test func ampersandMarksABackgroundStatementOutsideItsText() throws {
        let script = parse("save x | where n > 1 to out/a.csv &\nlet y = x | count&\nload a.csv as z&\nx | take 1")
        #expect(!script.hasErrors)
        #expect(script.statements.map(\.text) == ["save x | where n > 1 to out/a.csv", "let y = x | count", "load a.csv as z", "x | take 1"])
        #expect(script.statements.map { $0.background != nil } == [true, true, true, false])
        #expect(script.statements[0].background == SourceSpan(start: 34, end: 35))
        guard case .save(_, let path, _)? = script.statements[0].statement else { Issue.record("not save"); return }
        #expect(path.value == "out/a.csv")
    }

    @Test func aBarePathEndsAtAmpersand() throws {
        let script = parse("save x to out.csv& ; save x to \"a&b.csv\" with overwrite=true&")
        #expect(!script.hasErrors)
        guard case .save(_, let first, _)? = script.statements[0].statement,
              case .save(_, let second, let options)? = script.statements[1].statement else { Issue.record("not save"); return }
        #expect(first.value == "out.csv")
        #expect(second.value == "a&b.csv")
        #expect(options.first?.value.kind == .literal(.bool(true)))
        #expect(script.statements.allSatisfy { $0.background != nil })
    }

    @Test func jobStatements() throws {
        let script = parse("jobs\nwait\nwait 2\ncancel %3\ncancel")
        #expect(!script.hasErrors)
        #expect(script.statements.compactMap(\.statement).map { s -> String in
            switch s {
            case .jobs: return "jobs"
            case .wait(let n): return "wait \(n?.value ?? 0)"
            case .cancel(let n): return "cancel \(n?.value ?? 0)"
            default: return "?"
            }
        } == ["jobs", "wait 0", "wait 2", "cancel 3", "cancel 0"])
        // A frame called jobs is still a pipeline source.
        guard case .pipeline? = parse("jobs | count").statements.first?.statement else { Issue.record("not a pipeline"); return }
    }

    @Test func misplacedAmpersandIsASyntaxError() throws {
        let script = parse("save x & to a.csv\nwait x")
        #expect(script.hasErrors)
        #expect(script.diagnostics.count == 2)
        #expect(script.statements.allSatisfy { $0.background == nil })
    }
}
