import Audit
import Foundation
import Testing
@testable import Frames
@testable import Session

/// `report … &`: the page a job writes is the foreground report's, a held
/// and cancelled report leaves nothing on disk, a failing one keeps the file
/// that was there, and the audit log records the job like any other.
@Suite struct SessionReportJobTests {
    typealias Gate = SessionJobsTests.Gate

    /// The fixture session of `CaseReportTests` (`d` and `late`), its jobs held by `gate`.
    func loaded(gate: Gate? = nil) throws -> CaseReportTests.Case {
        let c = try CaseReportTests().loaded()
        if let gate { c.session.jobGate = { gate.pass($0) } }
        return c
    }

    /// The `<section id="ID" …>…</section>` of a page.
    func section(_ id: String, of html: String) -> String? {
        guard let start = html.range(of: "<section id=\"\(id)\"") else { return nil }
        guard let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// A page without what depends on the time it was made.
    func timeless(_ html: String) -> String {
        html.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("Generated") }
            .joined(separator: "\n")
    }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func backgroundReportWritesWhatTheForegroundReportWrites() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("fg.html"))\" with title=\"Case 42\", rows=3"), "\(c.output.stderr)")
        #expect(c.run("report \"\(c.path("bg.html"))\" with title=\"Case 42\", rows=3 &"), "\(c.output.stderr)")
        #expect(c.output.stdout.contains("[1] started: report \"\(c.path("bg.html"))\" with title=\"Case 42\", rows=3\n"))
        #expect(c.run("wait"), "\(c.output.stderr)")
        #expect(c.output.stdout.contains("[1] done: wrote case report to \(c.path("bg.html")) ("))
        #expect(c.output.stdout.contains("2 frames, 2 evidence files, 5 statements"), "\(c.output.stdout)")
        let fg = try c.html("fg.html"), bg = try c.html("bg.html")
        // The case and the frames (rows, fingerprints, charts) are the same page.
        let caseFG = try #require(section("case", of: fg)), caseBG = try #require(section("case", of: bg))
        #expect(timeless(caseFG) == timeless(caseBG))
        for id in ["frame-1", "frame-2"] {
            let a = try #require(section(id, of: fg)), b = try #require(section(id, of: bg))
            #expect(a == b, "\(id) differs")
            #expect(a.contains("<svg"))
        }
        // The history is the session's up to the job's own statement, which is running; the
        // foreground report before it has ended.
        let history = try #require(section("history", of: bg))
        #expect(history.contains("report &quot;\(c.path("fg.html"))&quot; with title=&quot;Case 42&quot;, rows=3</td>"))
        #expect(history.components(separatedBy: #"<td class="status-running">running</td>"#).count - 1 == 1)
        #expect(history.components(separatedBy: #"<td class="status-ok">ok</td>"#).count - 1 == 4)
        #expect(!history.contains("wait"), "a statement issued after the report is not part of it")
        // The foreground report is written evidence in the background one; the chain holds.
        let evidence = try #require(section("evidence", of: bg))
        #expect(evidence.contains(FileEvidence.resolvedPath(c.path("fg.html"))))
        #expect(try #require(section("verification", of: bg)).contains("OK"))
        #expect(c.session.jobs.map(\.status) == [.done])
        // `jobs` shows the bytes of the page written.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: c.path("bg.html"))).count
        #expect(c.session.jobsListing().column("progress")?.value(at: 0) == .string("\(ByteCount.text(Int64(bytes))) written"))
        c.session.audit = nil
    }

    @Test func aReportIssuedBeforeLaterStatementsShowsTheSessionAsItWas() throws {
        let gate = Gate()
        let c = try loaded(gate: gate)
        #expect(c.run("report \"\(c.path("r.html"))\" &"))
        #expect(gate.waitUntilHeld())
        // Changed while the job is held: neither reaches the report.
        #expect(c.run("drop late"))
        #expect(c.run("let extra = d | take 1"))
        gate.release()
        #expect(c.run("wait"), "\(c.output.stderr)")
        let html = try c.html("r.html")
        #expect(html.contains("<h2>Frame late</h2>"))
        #expect(!html.contains("Frame extra"))
        let history = try #require(section("history", of: html))
        #expect(!history.contains("drop late") && !history.contains("extra"))
        #expect(!history.contains("interrupted"))
        c.session.audit = nil
    }

    @Test func otherRunningJobsAreRunningNotInterrupted() throws {
        let gate = Gate(job: 1)
        let c = try loaded(gate: gate)
        #expect(c.run("save d to \"\(c.path("d2.csv"))\" &"))
        #expect(gate.waitUntilHeld())
        #expect(c.run("report \"\(c.path("r.html"))\""), "\(c.output.stderr)")
        gate.release()
        #expect(c.run("wait"))
        let html = try c.html("r.html")
        let history = try #require(section("history", of: html))
        #expect(history.components(separatedBy: #"<td class="status-running">running</td>"#).count - 1 == 2)
        #expect(!history.contains("interrupted"))
        let verification = try #require(section("verification", of: html))
        #expect(!verification.contains("interrupted"), "\(verification)")
        c.session.audit = nil
    }

    @Test func aCancelledReportLeavesNoFileAndNoTemporaryFile() throws {
        // 1: the job begins, 2: the write starts, its temporary file made.
        for holdAt in [1, 2] {
            let gate = Gate(holdAt: holdAt)
            let c = try loaded(gate: gate)
            try FileManager.default.createDirectory(atPath: c.path("out"), withIntermediateDirectories: true)
            #expect(c.run("report \"\(c.path("out/r.html"))\" &"))
            #expect(gate.waitUntilHeld())
            let during = files(c.path("out"))
            if holdAt == 2 {
                #expect(during.count == 1 && during.first?.hasPrefix(".r.html.tmp-") == true, "\(during)")
            } else {
                #expect(during == [])
            }
            #expect(c.run("cancel 1"))
            gate.release()
            #expect(!c.run("wait 1"))
            #expect(c.output.stderr.contains("[1] cancelled: report \"\(c.path("out/r.html"))\"; no file or frame was changed"))
            #expect(files(c.path("out")) == [])
            #expect(c.session.jobs.map(\.status) == [.cancelled])
            #expect(try c.ends().last { $0.record.command?.hasPrefix("report ") == true }?.record.status == .cancelled)
            c.session.audit = nil
        }
    }

    @Test func aFailingReportKeepsTheExistingFile() throws {
        let c = try loaded()
        try "keep me".write(toFile: c.path("case.html"), atomically: true, encoding: .utf8)
        #expect(c.run("report \"\(c.path("case.html"))\" &"))
        #expect(!c.run("wait"))
        #expect(c.output.stderr.contains("[1] failed: \(c.path("case.html")): error: the file already exists; use overwrite=true to replace it\n"))
        #expect(try c.html("case.html") == "keep me")
        #expect(files(c.scratch.dir.path).filter { $0.contains(".tmp-") } == [])
        #expect(c.session.jobs.map(\.status) == [.failed])
        // Mistakes in the statement itself fail at once; no job starts.
        #expect(!c.run("report \"\(c.path("x.html"))\" with frames=nope &"))
        #expect(!c.run("report \"\(c.path("x.html"))\" with rows=-1 &"))
        #expect(c.session.jobs.count == 1)
        #expect(c.run("report \"\(c.path("case.html"))\" with overwrite=true &\nwait"), "\(c.output.stderr)")
        #expect(try c.html("case.html").hasPrefix("<!DOCTYPE html>"))
        c.session.audit = nil
    }

    @Test func theJobIsAuditedWithTheReportAsWrittenEvidence() throws {
        let c = try loaded()
        #expect(c.run("report \"\(c.path("r.html"))\" &\nwait"), "\(c.output.stderr)")
        let log = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: c.path("log.jsonl"))))).entries
        let start = try #require(log.first { $0.record.event == .start && $0.record.command?.hasPrefix("report ") == true })
        #expect(start.record.detail?["job"] == .number("1"))
        let end = try #require(log.first { $0.record.event == .end && $0.record.ref == start.seq })
        #expect(end.record.status == .ok)
        #expect(end.record.detail?["job"] == .number("1"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: c.path("r.html")))
        #expect(end.record.evidence.map(\.role) == [.written])
        #expect(end.record.evidence.first?.sha256 == bytes.withUnsafeBytes { SHA256Hex.of($0) })
        #expect(end.record.evidence.first?.path == FileEvidence.resolvedPath(c.path("r.html")))
        // Its `start` comes before `wait`'s, its `end` inside the wait.
        let order = log.filter { $0.record.event == .start || $0.record.event == .end }.map(\.seq)
        let waitStart = try #require(log.first { $0.record.event == .start && $0.record.command == "wait" })
        #expect(start.seq < waitStart.seq && waitStart.seq < end.seq && order.contains(end.seq))
        #expect(c.run("audit verify"))
        #expect(c.output.stdout.contains(": OK, "))
        // Left out of an exported script, like a foreground report.
        #expect(c.run("audit export \"\(c.path("export.ipdr"))\""))
        #expect(!(try String(contentsOfFile: c.path("export.ipdr"), encoding: .utf8)).contains("report "))
        c.session.audit = nil
    }
}
