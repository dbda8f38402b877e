import Frames
import Testing
import TestSupport
@testable import Language

/// Parsing `report PATH [with] title=…, frames=a,b,c, …`.
@Suite struct ReportStatementTests {
    func report(_ text: String) -> (path: String, options: [String: OptionValueKind], spans: [String: SourceSpan])? {
        guard case .report(let path, let options)? = statement(text) else { return nil }
        var values: [String: OptionValueKind] = [:], spans: [String: SourceSpan] = [:]
        for o in options {
            values[o.name.name] = o.value.kind
            spans[o.name.name] = o.value.span
        }
        return (path.value, values, spans)
    }

    @Test func pathAlone() throws {
        let r = try #require(report("report out/case.html"))
        #expect(r.path == "out/case.html" && r.options.isEmpty)
        #expect(try #require(report("report \"my case.html\"")).path == "my case.html")
    }

    @Test func framesTakesACommaSeparatedList() throws {
        let text = "report case.html with title=\"Case 42\", frames=a,b,c, overwrite=true"
        let r = try #require(report(text))
        #expect(r.options["title"] == .literal(.string("Case 42")))
        #expect(r.options["frames"] == .word("a,b,c"))
        #expect(r.options["overwrite"] == .literal(.bool(true)))
        let start = text.utf8.count - "a,b,c, overwrite=true".utf8.count
        #expect(r.spans["frames"] == SourceSpan(start: start, end: start + 5))
    }

    @Test func withMayBeLeftOut() throws {
        let r = try #require(report("report case.html title=T frames=a,b rows=5"))
        #expect(r.options["title"] == .word("T"))
        #expect(r.options["frames"] == .word("a,b"))
        #expect(r.options["rows"] == .literal(.int(5)))
        // The list ends at an option name, with or without a comma.
        let s = try #require(report("report case.html with frames=a, b, rows=5"))
        #expect(s.options["frames"] == .word("a,b") && s.options["rows"] == .literal(.int(5)))
        let q = try #require(report("report case.html with frames=\"a, b\""))
        #expect(q.options["frames"] == .literal(.string("a, b")))
    }

    @Test func errorsArePositioned() {
        let missing = parse("report")
        #expect(missing.diagnostics.first?.message.contains("report") == true)
        let dangling = parse("report x.html with frames=")
        #expect(dangling.diagnostics.first?.message.contains("expected a value") == true)
        let stray = parse("report x.html frames=a,,b")
        #expect(!stray.diagnostics.isEmpty)
        // `report` stays usable as a frame name in a pipeline and as a join option.
        #expect(stages("report | count") != nil)
        #expect(stages("a | join report=true b on left.x == right.x") != nil)
    }

    /// Every prefix of a full statement, and every byte of it flipped, either
    /// parses as a statement or gives errors inside the text; nothing crashes.
    @Test func truncatedAndDamagedStatementsNeverCrash() {
        let text = "report \"out/case 42.html\" with title=\"Case <42>\", frames=ipdr,late,telnet, rows=10, overwrite=true"
        let bytes = Array(text.utf8)
        var variants: [[UInt8]] = (0...bytes.count).map { Array(bytes.prefix($0)) }
        var rng = SplitMix(seed: 7)
        for _ in 0..<500 {
            var b = bytes
            b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            variants.append(b)
        }
        for v in variants {
            let source = String(decoding: v, as: UTF8.self)
            let script = parse(source)
            for d in script.diagnostics {
                #expect(d.span.start >= 0 && d.span.end <= source.utf8.count, "\(source): \(d.message)")
            }
            if script.diagnostics.isEmpty, let first = script.statements.first?.statement, case .report = first {
                #expect(script.statements.count == 1)
            }
        }
    }
}
