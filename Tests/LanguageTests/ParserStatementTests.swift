import Frames
import Testing
@testable import Language

@Suite struct ParserStatementTests {
    @Test func loadWithBarePathNameAndOptions() throws {
        let s = try #require(statement("load datasets/x-2024.csv as calls with format=csv, header=true, tz=\"+05:30\", on_error=skip"))
        guard case .load(let path, let name, let options) = s else { Issue.record("not load"); return }
        #expect(path.value == "datasets/x-2024.csv")
        #expect(path.span == SourceSpan(start: 5, end: 24))
        #expect(name?.name == "calls")
        #expect(options.map(\.name.name) == ["format", "header", "tz", "on_error"])
        #expect(options.map(\.value.kind) == [
            .word("csv"), .literal(.bool(true)), .literal(.string("+05:30")), .word("skip"),
        ])
    }

    @Test func loadQuotedPathAndOptionOrder() throws {
        let s = try #require(statement("load \"my data/x.csv\" with delimiter=\";\" as x"))
        guard case .load(let path, let name, let options) = s else { Issue.record("not load"); return }
        #expect(path.value == "my data/x.csv")
        #expect(name?.name == "x")
        #expect(options.first?.value.kind == .literal(.string(";")))
        guard case .load(let p2, nil, [])? = statement("load ~/cases/2024_logs.csv") else { Issue.record("bare"); return }
        #expect(p2.value == "~/cases/2024_logs.csv")
        guard case .load(_, _, let opts)? = statement("load x.csv with tz=Asia/Kolkata, max=10MB, wait=-5s") else {
            Issue.record("options"); return
        }
        #expect(opts.map(\.value.kind) == [.word("Asia/Kolkata"), .literal(.int(10_000_000)), .literal(.duration(-5_000_000))])
    }

    @Test func letAndBarePipeline() throws {
        guard case .let(let name, let p)? = statement("let night = ipdr | where hour(start_time) < 5") else {
            Issue.record("let"); return
        }
        #expect(name.name == "night")
        #expect(p.source.name == "ipdr")
        #expect(p.stages.count == 1)
        guard case .pipeline(let q)? = statement("`odd frame`") else { Issue.record("pipeline"); return }
        #expect(q.source.name == "odd frame" && q.source.isQuoted && q.stages.isEmpty)
    }

    @Test func save() throws {
        guard case .save(let src, let path, let opts)? = statement("save night to out/night.csv") else {
            Issue.record("save name"); return
        }
        #expect(src.source.name == "night" && src.stages.isEmpty && path.value == "out/night.csv" && opts.isEmpty)
        guard case .save(let p, let path2, let opts2)? =
            statement("save ipdr | where bytes_up > 1MB | take 5 to \"out/x.json\" with format=json, overwrite=true")
        else { Issue.record("save pipeline"); return }
        #expect(p.stages.count == 2 && path2.value == "out/x.json")
        #expect(opts2.map(\.value.kind) == [.word("json"), .literal(.bool(true))])
    }

    @Test func simpleStatements() {
        #expect(statement("frames") == .frames)
        #expect(statement("plugins") == .plugins)
        #expect(statement("settings") == .settings)
        #expect(statement("status") == .status)
        #expect(statement("exit") == .exit)
        #expect(statement("quit") == .exit)
        guard case .describe(let d)? = statement("describe ipdr"), d.name == "ipdr" else { Issue.record("describe"); return }
        guard case .drop(let x)? = statement("drop `my frame`"), x.name == "my frame" else { Issue.record("drop"); return }
        guard case .pluginLoad(let p)? = statement("plugin load plugins/libgeo.so"), p.value == "plugins/libgeo.so" else {
            Issue.record("plugin load"); return
        }
        guard case .run(let r)? = statement("run 'cases/a b.ipdr'"), r.value == "cases/a b.ipdr" else { Issue.record("run"); return }
    }

    @Test func keywordNamedFramesStillWorkAsPipelines() {
        guard case .pipeline(let p)? = statement("status | count") else { Issue.record("status pipeline"); return }
        #expect(p.source.name == "status" && p.stages.map(\.kind) == [.count])
    }

    @Test func help() {
        #expect(statement("help") == .help(topic: nil))
        guard case .help(let t)? = statement("help geo.locate") else { Issue.record("help"); return }
        #expect(t?.value == "geo.locate")
        guard case .help(let w)? = statement("help where") else { Issue.record("help where"); return }
        #expect(w?.value == "where" && w?.span == SourceSpan(start: 5, end: 10))
    }

    @Test func set() {
        guard case .set(let k, let v)? = statement("set display.rows = 50") else { Issue.record("set"); return }
        #expect(k.value == "display.rows" && v.kind == .literal(.int(50)))
        guard case .set(_, let tz)? = statement("set tz = +05:30") else { Issue.record("set tz"); return }
        #expect(tz.kind == .word("+05:30"))
        guard case .set(_, let z)? = statement("set tz = \"Asia/Kolkata\"") else { Issue.record("set tz string"); return }
        #expect(z.kind == .literal(.string("Asia/Kolkata")) && z.text == "Asia/Kolkata")
        guard case .set(let k2, let w)? = statement("set script.on_error = continue") else { Issue.record("set word"); return }
        #expect(k2.value == "script.on_error" && w.kind == .word("continue"))
    }

    @Test func audit() {
        #expect(statement("audit tail") == .auditTail(count: nil))
        guard case .auditTail(let n)? = statement("audit tail 20"), n?.value == 20 else { Issue.record("tail 20"); return }
        #expect(statement("audit verify") == .auditVerify(path: nil))
        guard case .auditVerify(let p)? = statement("audit verify logs/a.jsonl"), p?.value == "logs/a.jsonl" else {
            Issue.record("verify path"); return
        }
        guard case .auditExport(let e, let none)? = statement("audit export replay.ipdr"), e.value == "replay.ipdr", none.isEmpty else {
            Issue.record("export"); return
        }
        guard case .auditExport(_, let o)? = statement("audit export r.ipdr with session=3f2a, overwrite=true"),
              o.map(\.name.name) == ["session", "overwrite"] else {
            Issue.record("export options"); return
        }
        #expect(statement("audit seal") == .auditSeal(key: nil))
        guard case .auditSeal(let k)? = statement("audit seal keys/audit.key"), k?.value == "keys/audit.key" else {
            Issue.record("seal key"); return
        }
        let bad = parse("audit tial")
        #expect(bad.diagnostics.map(\.message) == ["unknown audit command 'tial'"])
        #expect(bad.diagnostics.first?.hint == "did you mean 'tail'?")
    }

    @Test func statementTextSpanAndLine() throws {
        let script = parse("# header\nload a.csv\n\nipdr\n  | where x > 1   # big\n  | count; frames\n")
        #expect(script.diagnostics.isEmpty)
        #expect(script.statements.map(\.line) == [2, 4, 6])
        #expect(script.statements.map(\.text) == ["load a.csv", "ipdr\n  | where x > 1   # big\n  | count", "frames"])
        #expect(script.statements[2].statement == .frames)
    }

    @Test func statementErrors() {
        #expect(parse("load").diagnostics.map(\.message) == ["'load' needs a path"])
        #expect(parse("let = x").diagnostics.map(\.message) == ["expected a frame name, found '='"])
        #expect(parse("let x x").diagnostics.map(\.message) == ["expected '=', found 'x'"])
        #expect(parse("save x").diagnostics.map(\.message) == ["expected 'to', found end of input"])
        #expect(parse("frames now").diagnostics.map(\.message) == ["expected end of statement, found 'now'"])
        #expect(parse("audit tail x").diagnostics.map(\.message) == ["expected a number of entries, found 'x'"])
        #expect(parse("42").diagnostics.map(\.message) == ["expected a statement or a frame name, found number 42"])
        #expect(parse("set = 1").diagnostics.map(\.message) == ["expected a setting name, found '='"])
        #expect(parse("load x.csv with a=").diagnostics.map(\.message) == ["expected a value, found end of input"])
        #expect(parse("plugin x.so").diagnostics.map(\.message) == ["expected 'load', found 'x'"])
        #expect(parse("run \"a.ipdr").diagnostics.map(\.message) == ["unterminated string"])
        let script = parse("frames now")
        #expect(script.statements.count == 1 && script.statements[0].statement == nil)
        #expect(!script.statements[0].isValid && script.hasErrors)
    }
}
