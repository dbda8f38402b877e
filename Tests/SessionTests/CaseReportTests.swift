import Audit
import Foundation
import Testing
@testable import Frames
@testable import Session

/// `report PATH`: the sections of the page, escaping of evidence text, frame
/// selection, the row cap, overwrite refusal, the audit entries, and that the
/// page references nothing outside itself.
@Suite struct CaseReportTests {
    /// Six sessions of two subscribers on 2025-10-05 (IST), one cell holding markup.
    static let csv = """
    msisdn,dst_ip,dst_port,start_time,end_time,bytes_up,bytes_down,note
    919800000001,31.13.78.7,443,2025-10-05T09:00:00+05:30,2025-10-05T09:10:00+05:30,100,900,plain
    919800000001,31.13.78.7,443,2025-10-05T10:00:00+05:30,2025-10-05T10:05:00+05:30,50,50,<script>alert('x')</script>
    919800000002,8.8.8.8,53,2025-10-05T11:30:00+05:30,2025-10-05T11:30:01+05:30,10,20,a & b
    919800000002,2400:cb00:2049:1::a29f:1804,443,2025-10-05T12:00:00+05:30,2025-10-05T13:00:00+05:30,5000,70000,"<img src=""http://example.com/x.png"">"
    919800000001,8.8.8.8,53,2025-10-05T01:00:00+05:30,2025-10-05T01:00:02+05:30,1,2,
    919800000002,31.13.78.7,80,2025-10-05T23:59:00+05:30,2025-10-06T00:20:00+05:30,7,8,night

    """

    struct Case {
        let scratch: SessionAuditTests.Scratch
        let session: Session
        var output: CapturedOutput { session.output as! CapturedOutput }
        func path(_ name: String) -> String { scratch.path(name) }
        func html(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
        func run(_ text: String) -> Bool { session.execute(text, origin: .command) }
        func ends() throws -> [AuditEntry] {
            AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path("log.jsonl"))))).entries.filter { $0.record.event == .end }
        }
    }

    /// A session with an audit log that loaded the fixture as `d` and kept `late = d | where bytes_down > 100`.
    func loaded() throws -> Case {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let c = Case(scratch: t, session: try SessionAuditTests().session(log: t.path("log.jsonl")))
        #expect(c.run("set tz = \"+05:30\"\nload \"\(t.path("d.csv"))\" as d\nlet late = d | where bytes_down > 100"), "\(c.output.stderr)")
        return c
    }

    @Test func everySectionIsThere() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("case.html"))\" with title=\"Case 42\""), "\(c.output.stderr)")
        let html = try c.html("case.html")
        for id in ["case", "verification", "evidence", "history", "frame-1", "frame-2"] {
            #expect(html.contains("<section id=\"\(id)\""), "no section \(id)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Case 42</title>") && html.contains("<h1>Case 42</h1>"))
        #expect(html.contains("<dt>Analyst</dt><dd>u</dd>") && html.contains("<dt>Host</dt><dd>h</dd>"))
        #expect(html.contains(try #require(c.session.audit?.session)))
        #expect(html.contains("<dt>Generated (UTC)</dt>") && html.contains("<dt>Generated (+05:30)</dt>"))
        // The span runs from the earliest start (01:00 IST) to the latest end (00:20 IST the next day).
        #expect(html.contains("2025-10-04 19:30:00 – 2025-10-05 18:50:00 UTC"))
        #expect(html.contains("2025-10-05 01:00:00 – 2025-10-06 00:20:00 +05:30"))
        #expect(html.contains("d.start_time, d.end_time, late.start_time, late.end_time"))
        // Evidence: the loaded file with its digest, size and rows.
        let digest = try #require(FileEvidence.hashFile(c.path("d.csv")))
        #expect(html.contains("<span class=\"hash\">sha256 \(digest)</span></td>"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: c.path("d.csv"))[.size] as? NSNumber)
        #expect(html.contains("<td class=\"num\">\(ValueFormatter.grouped(size.int64Value))</td><td class=\"num\">6</td>"))
        // History: every statement with its status, the report itself running.
        #expect(html.contains("set tz = &quot;+05:30&quot;</td>"))
        #expect(html.contains("let late = d | where bytes_down &gt; 100</td>"))
        #expect(html.contains(#"<td class="status-running">running</td>"#))
        #expect(html.components(separatedBy: #"<td class="status-ok">ok</td>"#).count - 1 == 3)
        // Frames with their fingerprints (the ones the audit log recorded) and charts.
        let results = try c.ends().compactMap(\.record.result)
        for name in ["d", "late"] {
            let fingerprint = try #require(results.last { $0.frame == name }?.fingerprint)
            #expect(html.contains(fingerprint), "no fingerprint of \(name)")
        }
        #expect(html.contains("<h2>Frame d</h2>") && html.contains("<h2>Frame late</h2>"))
        #expect(html.contains("timeline of start_time, rows per 1h: 6 rows in 23 buckets"))
        #expect(html.contains("bar chart of sessions by dst_ip: 3 rows"))
        #expect(html.contains("bar chart of bytes by msisdn: 2 rows"))
        #expect(html.contains("75,045"), "volume of 919800000002: 10+20+5000+70000+7+8")
        #expect(html.contains("d | summarize sessions = count() by dst_ip | top 10 by sessions | chart bar x=dst_ip y=sessions"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
        // The verdict.
        #expect(html.contains(#"<div class="verdict ok">VERIFIED: audit log "#))
        #expect(c.output.stdout.contains("wrote case report to \(c.path("case.html"))"))
    }

    @Test func evidenceTextIsEscaped() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("case.html"))\" with title=\"<b>Case</b> & 'x'\""), "\(c.output.stderr)")
        let html = try c.html("case.html")
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<img", options: .caseInsensitive) == nil)
        #expect(html.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"))
        #expect(html.contains("<td>&lt;img src=&quot;http://example.com/x.png&quot;&gt;</td>"))
        #expect(html.contains("<td>a &amp; b</td>"))
        #expect(html.contains("<h1>&lt;b&gt;Case&lt;/b&gt; &amp; &#39;x&#39;</h1>"))
        #expect(!html.contains("<b>Case"))
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\u{85}d\te") == "abcd\te")
    }

    @Test func framesSelectsAndOrdersTheFrames() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("one.html"))\" with frames=late"), "\(c.output.stderr)")
        let one = try c.html("one.html")
        #expect(one.contains("<h2>Frame late</h2>") && !one.contains("<h2>Frame d</h2>"))
        #expect(!one.contains("frame-2"))
        // Without `with`, the list in the order given.
        #expect(c.run("report \"\(c.path("two.html"))\" title=T frames=late,d"), "\(c.output.stderr)")
        let two = try c.html("two.html")
        let late = try #require(two.range(of: "<h2>Frame late</h2>")), d = try #require(two.range(of: "<h2>Frame d</h2>"))
        #expect(late.lowerBound < d.lowerBound)
        #expect(two.contains("<h1>T</h1>"))
    }

    @Test func anUnknownFrameIsAnErrorWithASuggestion() throws {
        let c = try loaded()
        let statement = "report \"\(c.path("x.html"))\" with frames=d,lat"
        #expect(!c.run(statement))
        let column = statement.utf8.count - 3 + 1
        #expect(c.output.stderr.contains("<command>:1:\(column): error: unknown frame 'lat'"), "\(c.output.stderr)")
        #expect(c.output.stderr.contains("did you mean 'late'?"))
        #expect(!FileManager.default.fileExists(atPath: c.path("x.html")))
        #expect(!c.run("report \"\(c.path("x.html"))\" with frames=\"d, nope\""))
        #expect(c.output.stderr.contains("unknown frame 'nope'"))
        #expect(!c.run("report \"\(c.path("x.html"))\" with titel=x"))
        #expect(c.output.stderr.contains("did you mean 'title'?"))
        #expect(!c.run("report \"\(c.path("x.html"))\" with rows=-1"))
        #expect(c.output.stderr.contains("rows must be a whole number from 0 to 100,000, got '-1'"))
        #expect(!FileManager.default.fileExists(atPath: c.path("x.html")))
    }

    @Test func rowsAreCappedAndTheCapIsSaid() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("r.html"))\" with frames=d, rows=2"), "\(c.output.stderr)")
        let html = try c.html("r.html")
        #expect(html.contains("showing 2 of 6 rows"))
        let table = try #require(html.components(separatedBy: "<table class=\"frame-rows\">").last?.components(separatedBy: "</table>").first)
        #expect(table.components(separatedBy: "<tr>").count - 1 == 3, "a header and two rows")

        let t = try SessionAuditTests.Scratch()
        var big = "n,start_time\n"
        for i in 0..<1_234 { big += "\(i),2025-10-05 00:00:00\n" }
        try big.write(toFile: t.path("big.csv"), atomically: true, encoding: .utf8)
        let s = Session(output: CapturedOutput())
        #expect(s.execute("load \"\(t.path("big.csv"))\" as big\nreport \"\(t.path("big.html"))\"", origin: .command))
        let page = try String(contentsOfFile: t.path("big.html"), encoding: .utf8)
        #expect(page.contains("showing 1,000 of 1,234 rows"))
        #expect(page.contains("<td class=\"num\">1000</td>") && !page.contains("<td class=\"num\">1001</td>"))
    }

    @Test func anExistingFileIsKeptWithoutOverwrite() throws {
        let c = try loaded()
        try "keep me".write(toFile: c.path("case.html"), atomically: true, encoding: .utf8)
        #expect(!c.run("report \"\(c.path("case.html"))\""))
        #expect(c.output.stderr.contains("already exists; use overwrite=true to replace it"), "\(c.output.stderr)")
        #expect(try c.html("case.html") == "keep me")
        #expect(try c.ends().last?.record.status == .failed)
        #expect(c.run("report \"\(c.path("case.html"))\" with overwrite=true"), "\(c.output.stderr)")
        #expect(try c.html("case.html").hasPrefix("<!DOCTYPE html>"))
    }

    @Test func theReportIsWrittenEvidenceAndListedByTheNextOne() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("first.html"))\""))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: c.path("first.html")))
        let digest = bytes.withUnsafeBytes { SHA256Hex.of($0) }
        let end = try #require(try c.ends().last)
        #expect(end.record.status == .ok && end.record.command?.hasPrefix("report ") == true)
        #expect(end.record.evidence.count == 1)
        #expect(end.record.evidence.first?.role == .written)
        #expect(end.record.evidence.first?.sha256 == digest)
        #expect(end.record.evidence.first?.size == Int64(bytes.count))
        #expect(end.record.evidence.first?.path == FileEvidence.resolvedPath(c.path("first.html")))
        #expect(c.run("report \"\(c.path("second.html"))\""))
        let second = try c.html("second.html")
        #expect(second.contains("<td>written</td><td><span class=\"mono\">\(FileEvidence.resolvedPath(c.path("first.html")))</span><br><span class=\"hash\">sha256 \(digest)</span></td>"))
        #expect(second.contains("report &quot;\(c.path("first.html"))&quot;</td>"))
    }

    @Test func aBrokenLogIsShownAsBroken() throws {
        let c = try loaded()
        // Change one character of a stored command in place (same length, same file).
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: c.path("log.jsonl")))
        let data = try handle.readToEnd() ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        let at = try #require(text.range(of: "bytes_down > 100"))
        try handle.seek(toOffset: UInt64(text.utf8.distance(from: text.startIndex, to: at.lowerBound)))
        try handle.write(contentsOf: Data("B".utf8))
        try handle.close()
        #expect(c.run("report \"\(c.path("case.html"))\""), "\(c.output.stderr)")
        let html = try c.html("case.html")
        #expect(html.contains(#"<div class="verdict broken">BROKEN: audit log "#))
        #expect(html.contains(": BROKEN at line "))
    }

    @Test func aSessionWithoutALogSaysSo() throws {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = Session(output: CapturedOutput())
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d\nreport \"\(t.path("r.html"))\"", origin: .command))
        let html = try String(contentsOfFile: t.path("r.html"), encoding: .utf8)
        #expect(html.contains(#"<div class="verdict none">NOT VERIFIED: this session has no audit log"#))
        #expect(html.contains("This session has no audit log: no statements were recorded."))
        let digest = try #require(FileEvidence.hashFile(t.path("d.csv")))
        #expect(html.contains("<span class=\"hash\">sha256 \(digest)</span>"), "evidence from the session's loaded files")
    }

    @Test func nothingOutsideThePageIsReferenced() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("case.html"))\""))
        let html = try c.html("case.html")
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#))
        // Every src=, href=, action=, ... of a tag and every url(...) points into the page or at data:.
        // (Text cannot open a tag: `<` in evidence is escaped, which the other tests check.)
        let ns = html as NSString
        let tags = try NSRegularExpression(pattern: #"<[A-Za-z][^>]*>"#)
        let attribute = try NSRegularExpression(pattern: #"(?i)\s(?:src|href|action|srcset|poster|data|xlink:href|formaction|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#)
        let url = try NSRegularExpression(pattern: #"(?i)url\(\s*["']?([^"')]*)"#)
        var references: [String] = []
        for tag in tags.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let text = ns.substring(with: tag.range) as NSString
            for m in attribute.matches(in: text as String, range: NSRange(location: 0, length: text.length)) {
                for g in 1...3 where m.range(at: g).location != NSNotFound { references.append(text.substring(with: m.range(at: g))) }
            }
        }
        let style = try #require(html.components(separatedBy: "<style>").last?.components(separatedBy: "</style>").first)
        for m in url.matches(in: html, range: NSRange(location: 0, length: ns.length)) { references.append(ns.substring(with: m.range(at: 1))) }
        #expect(!style.isEmpty)
        #expect(references.count >= 5, "the contents links are references too: \(references)")
        for r in references {
            #expect(r.hasPrefix("#") || r.hasPrefix("data:"), "reference to \(r)")
            #expect(!r.contains("http:") && !r.contains("https:") && !r.contains("//"), "reference to \(r)")
        }
        // The only addresses: http-equiv, the SVG namespace of each inline chart, and the escaped cell text.
        let addresses = html.components(separatedBy: "http").count - 1
        let svgs = html.components(separatedBy: #"xmlns="http://www.w3.org/2000/svg""#).count - 1
        #expect(svgs == 6)
        #expect(addresses == 1 + svgs + 2, "http-equiv, the namespace per chart, and the <img> cell shown twice (d and late)")
        #expect(!html.contains("<link") && !html.contains("@import") && !html.contains("<iframe") && !html.contains("<object"))
    }

    @Test func replayAndExportLeaveReportsOut() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("case.html"))\""))
        #expect(c.run("audit export \"\(c.path("case.ipdr"))\""))
        let script = try String(contentsOfFile: c.path("case.ipdr"), encoding: .utf8)
        #expect(script.contains("let late = d | where bytes_down > 100"))
        #expect(!script.contains("\nreport "), "\(script)")
        let original = try #require(c.session.audit?.session)
        c.session.audit = nil
        let r = try SessionAuditTests().session(log: c.path("replay.jsonl"))
        var said = ""
        #expect(Replayer(logPath: c.path("log.jsonl"), sessionID: original).run(in: r) { said += $0 }, "\(said)")
        #expect(said.hasSuffix("reproduced 2/2 results\n"), "\(said)")
    }
}
