import Frames
import Testing
@testable import Language

@Suite struct ParserPipelineTests {
    func column(_ name: String, _ start: Int) -> Expression {
        Expression(.column(ColumnReference(name: Identifier(name, span: SourceSpan(start: start, end: start + name.utf8.count)))),
                   span: SourceSpan(start: start, end: start + name.utf8.count))
    }

    @Test func selectExtendExcludeRename() throws {
        let s = try #require(stages("t | select msisdn, mb = bytes_up / 1MB | extend d = end_time - start_time, h = hour(start_time) | exclude imsi, imei | rename phone = msisdn"))
        #expect(s.count == 4)
        guard case .select(let items) = s[0] else { Issue.record("select"); return }
        #expect(items.map { $0.name?.name } == [nil, "mb"])
        #expect(items.map { sexp($0.expression) } == ["msisdn", "(/ bytes_up 1000000)"])
        guard case .extend(let a) = s[1] else { Issue.record("extend"); return }
        #expect(a.map(\.name.name) == ["d", "h"])
        #expect(a.map { sexp($0.expression) } == ["(- end_time start_time)", "hour(start_time)"])
        guard case .exclude(let ex) = s[2] else { Issue.record("exclude"); return }
        #expect(ex.map(\.name) == ["imsi", "imei"])
        guard case .rename(let r) = s[3] else { Issue.record("rename"); return }
        #expect(r.map(\.newName.name) == ["phone"] && r.map(\.oldName.name) == ["msisdn"])
    }

    @Test func sortTakeTopDistinctCount() throws {
        let s = try #require(stages("t | sort bytes_up desc, msisdn | take 10 | limit 5 | top 3 by bytes_down asc | top 2 by x | distinct msisdn, imei | count"))
        guard case .sort(let keys) = s[0] else { Issue.record("sort"); return }
        #expect(keys.map(\.direction) == [.descending, nil])
        #expect(keys.map { sexp($0.expression) } == ["bytes_up", "msisdn"])
        guard case .take(let n) = s[1], case .take(let m) = s[2] else { Issue.record("take"); return }
        #expect(sexp(n) == "10" && sexp(m) == "5")
        guard case .top(let c, let by) = s[3], case .top(_, let by2) = s[4] else { Issue.record("top"); return }
        #expect(sexp(c) == "3" && sexp(by.expression) == "bytes_down" && by.direction == .ascending && by2.direction == nil)
        guard case .distinct(let d) = s[5] else { Issue.record("distinct"); return }
        #expect(d.map(\.name) == ["msisdn", "imei"])
        #expect(s[6] == .count)
        let kql = try #require(stages("t | sort by x desc"))
        guard case .sort(let k2) = kql[0] else { Issue.record("sort by"); return }
        #expect(sexp(k2[0].expression) == "x" && k2[0].direction == .descending)
        let byColumn = try #require(stages("t | sort by desc"))
        guard case .sort(let k3) = byColumn[0] else { Issue.record("sort by column"); return }
        #expect(sexp(k3[0].expression) == "by" && k3[0].direction == .descending)
    }

    @Test func summarize() throws {
        let s = try #require(stages("t | summarize count(), total = sum(bytes_up), countif(bytes_up > 1MB) by msisdn, h = bin(start_time, 1h) | summarize by cell_id"))
        guard case .summarize(let aggs, let keys) = s[0] else { Issue.record("summarize"); return }
        #expect(aggs.map { $0.name?.name } == [nil, "total", nil])
        #expect(aggs.map { sexp($0.expression) } == ["count()", "sum(bytes_up)", "countif((> bytes_up 1000000))"])
        #expect(keys.map { $0.name?.name } == [nil, "h"])
        #expect(keys.map { sexp($0.expression) } == ["msisdn", "bin(start_time, 01:00:00)"])
        guard case .summarize(let none, let k2) = s[1] else { Issue.record("summarize by"); return }
        #expect(none.isEmpty && k2.count == 1)
    }

    @Test func joins() throws {
        let s = try #require(stages("t | join subscribers on msisdn, imei | join kind=left towers on cell_id | join kind=semi x on left.ip == right.public_ip and left.port == right.public_port and left.ts between right.start_time and right.end_time"))
        guard case .join(let a) = s[0], case .join(let b) = s[1], case .join(let c) = s[2] else { Issue.record("join"); return }
        #expect(a.kind == .inner && a.kindSpan == nil && a.frame.name == "subscribers")
        #expect(a.condition == .columns([Identifier("msisdn", span: SourceSpan(start: 24, end: 30)),
                                         Identifier("imei", span: SourceSpan(start: 32, end: 36))]))
        #expect(b.kind == .left && b.frame.name == "towers")
        guard case .columns(let bc) = b.condition else { Issue.record("columns"); return }
        #expect(bc.map(\.name) == ["cell_id"])
        #expect(c.kind == .semi)
        guard case .expression(let e) = c.condition else { Issue.record("expression"); return }
        #expect(sexp(e) == "(and (and (== left.ip right.public_ip) (== left.port right.public_port)) (between left.ts right.start_time right.end_time))")
        #expect(parse("t | join kind=outer x on a").diagnostics.map(\.message) == ["unknown join kind 'outer'"])
        #expect(parse("t | join kind=lft x on a").diagnostics.first?.hint == "did you mean 'left'?")
        #expect(parse("t | join x a").diagnostics.map(\.message) == ["expected 'on', found 'a'"])
    }

    @Test func analyzers() throws {
        let s = try #require(stages("t | geo.locate ip=dst_ip | anomaly.zscore col=bytes_up, threshold=3 window=1h | graph.components"))
        guard case .analyzer(let a) = s[0], case .analyzer(let b) = s[1], case .analyzer(let c) = s[2] else {
            Issue.record("analyzers"); return
        }
        #expect(a.plugin.name == "geo" && a.analyzer.name == "locate")
        #expect(a.arguments.map(\.name.name) == ["ip"] && a.arguments.map { sexp($0.value) } == ["dst_ip"])
        #expect(b.arguments.map(\.name.name) == ["col", "threshold", "window"])
        #expect(b.arguments.map { sexp($0.value) } == ["bytes_up", "3", "01:00:00"])
        #expect(c.arguments.isEmpty)
        #expect(parse("t | geo.locate dst_ip").diagnostics.map(\.message) == ["expected an argument 'name=value', found 'dst_ip'"])
    }

    @Test func stageSpans() throws {
        let script = parse("t | where x > 1 | count")
        guard case .pipeline(let p)? = script.statements.first?.statement else { Issue.record("pipeline"); return }
        #expect(p.stages.map(\.span) == [SourceSpan(start: 4, end: 15), SourceSpan(start: 18, end: 23)])
        #expect(p.span == SourceSpan(start: 0, end: 23))
    }

    @Test func unknownStageSuggests() {
        let d = parse("t | wher x > 1").diagnostics
        #expect(d.map(\.message) == ["unknown stage 'wher'"])
        #expect(d.first?.hint == "did you mean 'where'?")
        #expect(d.first?.span == SourceSpan(start: 4, end: 8))
        #expect(parse("t | summarise count()").diagnostics.first?.hint == "did you mean 'summarize'?")
        #expect(parse("t | 5").diagnostics.map(\.message) == ["expected a stage, found number 5"])
        #expect(parse("t |").diagnostics.map(\.message) == ["expected a stage, found end of input"])
    }
}
