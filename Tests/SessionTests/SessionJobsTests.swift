import Audit
import Foundation
import Testing
@testable import Frames
@testable import Session

/// Background jobs: `save … &`, `let … &`, `load … &`, `jobs`, `wait`,
/// `cancel`, what they leave on disk and what the audit log records.
/// Jobs are held at known points through `Session.jobGate`, never by sleeping.
@Suite struct SessionJobsTests {
    static let csv = "msisdn,note,n\n919800000001,=HYPERLINK(\"x\"),-5\n919800000002,+1 call,3\n919800000002,ok,-1\n"

    /// Blocks the job thread at its `holdAt`-th gate call until `release()`.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var calls = 0
        private let holdAt: Int
        private let job: Int?
        private let entered = DispatchSemaphore(value: 0)
        private let released = DispatchSemaphore(value: 0)

        /// Holds the `holdAt`-th call (of job `job` only, when given).
        init(holdAt: Int = 1, job: Int? = nil) {
            self.holdAt = holdAt
            self.job = job
        }

        func pass(_ job: Int) {
            if let only = self.job, only != job { return }
            lock.lock()
            calls += 1
            let hold = calls == holdAt
            lock.unlock()
            if hold {
                entered.signal()
                released.wait()
            }
        }

        /// Waits until the job is held (at most 60 s, so a broken test fails rather than hangs).
        func waitUntilHeld() -> Bool { entered.wait(timeout: .now() + 60) == .success }
        func release() { released.signal() }
    }

    func session(_ t: SessionAuditTests.Scratch, gate: Gate? = nil) throws -> Session {
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = try SessionAuditTests().session(log: t.path("log.jsonl"))
        if let gate { s.jobGate = { gate.pass($0) } }
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d", origin: .command))
        return s
    }

    func out(_ s: Session) -> CapturedOutput { s.output as! CapturedOutput }

    func entries(_ t: SessionAuditTests.Scratch) throws -> [AuditEntry] {
        AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries
    }

    /// Files in `folder`, hidden temporary ones included.
    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func backgroundSaveWritesWhatTheForegroundSaveWrites() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        #expect(s.execute("save d to \"\(t.path("fg.csv"))\"", origin: .command))
        #expect(s.execute("save d to \"\(t.path("bg.csv"))\" &", origin: .command))
        #expect(out(s).stdout.contains("[1] started: save d to \"\(t.path("bg.csv"))\"\n"))
        #expect(s.execute("wait", origin: .command))
        #expect(out(s).stdout.contains("[1] done: saved 3 rows to \(t.path("bg.csv")) (94 B); 2 formula-like cells prefixed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path("bg.csv"))) == Data(contentsOf: URL(fileURLWithPath: t.path("fg.csv"))))
        #expect(FileManager.default.fileExists(atPath: t.path("bg.csv.provenance.json")))
        #expect(s.jobs.map(\.status) == [.done])
        s.audit = nil
    }

    @Test func jobsListsStatusProgressAndStatement() throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate(holdAt: 2)  // 1: the job begins, 2: the write starts (0 bytes)
        let s = try session(t, gate: gate)
        #expect(s.execute("save d to \"\(t.path("a.csv"))\" &", origin: .command))
        #expect(gate.waitUntilHeld())
        let running = s.jobsListing()
        #expect(running.names == ["job", "status", "progress", "elapsed", "statement"])
        #expect(running.rowCount == 1)
        #expect(running.column("status")?.value(at: 0) == .string("running"))
        #expect(running.column("progress")?.value(at: 0) == .string("0 B written"))
        #expect(running.column("statement")?.value(at: 0) == .string("save d to \"\(t.path("a.csv"))\""))
        gate.release()
        #expect(s.execute("wait 1", origin: .command))
        #expect(s.execute("jobs", origin: .command))
        let done = s.jobsListing()
        #expect(done.column("status")?.value(at: 0) == .string("done"))
        #expect(done.column("progress")?.value(at: 0) == .string("94 B written"))
        #expect(out(s).stdout.contains("job  status  progress"))
        s.audit = nil
    }

    @Test func cancelledSaveOfABigFrameLeavesNoFileAndNoTemporaryFile() throws {
        let t = try SessionAuditTests.Scratch()
        // 3: the first MiB is on disk, in the temporary file.
        let gate = Gate(holdAt: 3)
        let s = try session(t, gate: gate)
        let n = 300_000
        let values = (0..<n).map { Value.int(Int64($0) * 1_000_003) }
        s.catalog.set("big", CatalogEntry(frame: Frame([("a", .from(.int, values)), ("b", .from(.int, values)), ("c", .from(.int, values))]), source: "test"))
        try FileManager.default.createDirectory(atPath: t.path("out"), withIntermediateDirectories: true)
        #expect(s.execute("save big to \"\(t.path("out/big.csv"))\" &", origin: .command))
        #expect(gate.waitUntilHeld())
        // Held mid-write: only the temporary file exists.
        let during = files(t.path("out"))
        #expect(during.count == 1 && during.first?.hasPrefix(".big.csv.tmp-") == true, "\(during)")
        #expect(s.execute("cancel 1", origin: .command))
        #expect(out(s).stdout.contains("[1] cancelling: save big to"))
        gate.release()
        #expect(!s.execute("wait 1", origin: .command))
        #expect(out(s).stderr.contains("[1] cancelled: save big to \"\(t.path("out/big.csv"))\"; no file or frame was changed"))
        #expect(files(t.path("out")) == [])
        #expect(s.jobs.map(\.status) == [.cancelled])
        // Cancelling a job that has ended is an error.
        #expect(!s.execute("cancel 1", origin: .command))
        #expect(out(s).stderr.contains("job 1 has already ended (cancelled)"))
        s.audit = nil
    }

    @Test func failingJobReportsAndLeavesTheExistingFileUntouched() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        try "keep me\n".write(toFile: t.path("a.csv"), atomically: true, encoding: .utf8)
        #expect(s.execute("save d to \"\(t.path("a.csv"))\" &", origin: .command))
        #expect(!s.execute("wait", origin: .command))
        #expect(out(s).stderr.contains("[1] failed: \(t.path("a.csv")): error: the file already exists; use overwrite=true to replace it\n"))
        #expect(out(s).stderr.contains("error: job 1 failed\n"))
        #expect(try String(contentsOfFile: t.path("a.csv"), encoding: .utf8) == "keep me\n")
        #expect(files(t.dir.path).filter { $0.contains(".tmp-") } == [])
        s.audit = nil
    }

    @Test func letInstallsItsFrameOnlyWhenDone() throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate()
        let s = try session(t, gate: gate)
        #expect(s.execute("let x = d | where n < 0 &", origin: .command))
        #expect(gate.waitUntilHeld())
        #expect(s.catalog.frame("x") == nil)
        // The job works on the frames as they were: dropping d does not affect it.
        #expect(s.execute("drop d", origin: .command))
        gate.release()
        #expect(s.execute("wait", origin: .command))
        #expect(s.catalog.frame("x")?.rowCount == 2)
        #expect(out(s).stdout.contains("[1] done: x: 2 rows × 3 columns\n"))
        s.audit = nil
    }

    @Test func aResultIsDiscardedWhenItsNameChangedMeanwhile() throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate()
        let s = try session(t, gate: gate)
        #expect(s.execute("let x = d | take 1 &", origin: .command))
        #expect(gate.waitUntilHeld())
        #expect(s.execute("let x = d", origin: .command))
        gate.release()
        #expect(!s.execute("wait", origin: .command))
        #expect(s.catalog.frame("x")?.rowCount == 3)
        #expect(out(s).stderr.contains("[1] failed: <command>:1:1: x was set or dropped by a statement issued after job 1; the job's result was discarded"))
        s.audit = nil
    }

    /// Two jobs for one name: the later-issued one's frame stands, whichever ends first.
    @Test(arguments: [1, 2])
    func theLaterJobWinsWhicheverEndsFirst(_ held: Int) throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate(job: held)
        let s = try session(t, gate: gate)
        #expect(s.execute("let x = d | take 1 &", origin: .command))
        #expect(s.execute("let x = d | take 2 &", origin: .command))
        #expect(gate.waitUntilHeld())
        let other = 3 - held
        #expect(s.execute("wait \(other)", origin: .command) == (other == 2))
        gate.release()
        #expect(s.execute("wait \(held)", origin: .command) == (held == 2))
        #expect(s.catalog.frame("x")?.rowCount == 2)
        #expect(s.jobs.map(\.status) == [.failed, .done])
        s.audit = nil
    }

    @Test func backgroundLoadReportsProgressAndStoresTheFrame() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        #expect(s.execute("load \"\(t.path("d.csv"))\" as e &\nwait", origin: .command))
        #expect(s.catalog.frame("e")?.rowCount == 3)
        #expect(s.jobsListing().column("progress")?.value(at: 0) == .string("88 B of 88 B (100%)"))
        s.audit = nil
    }

    @Test func statementsThatCannotRunInTheBackgroundAreRefused() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        #expect(!s.execute("d | count &", origin: .command))
        #expect(out(s).stderr.contains("error: a pipeline prints its result here, so it cannot run in the background"))
        #expect(!s.execute("frames &", origin: .command))
        #expect(out(s).stderr.contains("error: only load, let, save and report can run in the background"))
        // Mistakes found while preparing fail at once; no job starts.
        #expect(!s.execute("save d | where nn > 1 to \"\(t.path("x.csv"))\" &", origin: .command))
        #expect(!s.execute("wait 3", origin: .command))
        #expect(out(s).stderr.contains("no job 3"))
        #expect(s.jobs.isEmpty)
        s.audit = nil
    }

    @Test func auditLogRecordsStartWhenIssuedAndEndWhenDone() throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate()
        let s = try session(t, gate: gate)
        #expect(s.execute("save d to \"\(t.path("a.csv"))\" &", origin: .command))
        #expect(gate.waitUntilHeld())
        #expect(s.execute("d | count", origin: .command))
        gate.release()
        #expect(s.execute("wait", origin: .command))
        s.jobGate = nil
        try "x\n".write(toFile: t.path("b.csv"), atomically: true, encoding: .utf8)
        #expect(s.execute("save d to \"\(t.path("b.csv"))\" &", origin: .command))
        #expect(!s.execute("wait", origin: .command))
        let log = try entries(t)
        let statements = log.filter { $0.record.event == .start || $0.record.event == .end }.map { "\($0.record.event.rawValue) \($0.record.command ?? "")" }
        let save = "save d to \"\(t.path("a.csv"))\""
        #expect(Array(statements.dropFirst(2).prefix(6)) == [
            "start \(save)", "start d | count", "end d | count", "start wait", "end \(save)", "end wait",
        ])
        let start = try #require(log.first { $0.record.event == .start && $0.record.command == save })
        let end = try #require(log.first { $0.record.event == .end && $0.record.ref == start.seq })
        #expect(start.record.detail?["job"] == .number("1"))
        #expect(end.record.detail?["job"] == .number("1"))
        #expect(end.record.status == .ok)
        #expect(end.record.result?.rows == 3)
        #expect(end.record.evidence.map(\.role) == [.written, .written])
        #expect(end.record.parent == nil)
        let failed = try #require(log.last { $0.record.event == .end && $0.record.detail?["job"] == .number("2") })
        #expect(failed.record.status == .failed)
        #expect(failed.record.error?.contains("already exists") == true)
        #expect(s.execute("audit verify", origin: .command))
        #expect(out(s).stdout.contains(": OK, "))
        // Exported without the `&`, so a replay runs it in the foreground.
        #expect(s.execute("audit export \"\(t.path("export.ipdr"))\"", origin: .command))
        let script = try String(contentsOfFile: t.path("export.ipdr"), encoding: .utf8)
        #expect(script.contains("\n\(save)\n"))
        #expect(!script.contains("&"))
        s.audit = nil
    }

    @Test func aScriptWaitsForItsJobs() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        try "save d to \"\(t.path("s.csv"))\" &\n".write(toFile: t.path("s.ipdr"), atomically: true, encoding: .utf8)
        #expect(s.execute("run \"\(t.path("s.ipdr"))\"", origin: .command))
        #expect(s.jobs.map(\.status) == [.done])
        #expect(FileManager.default.fileExists(atPath: t.path("s.csv")))
        s.audit = nil
    }
}

extension SessionJobsTests {
    @Test func aFrameAJobWillStoreIsNamedInTheError() throws {
        let t = try SessionAuditTests.Scratch()
        let gate = Gate()
        let s = try session(t, gate: gate)
        #expect(s.execute("let later = d | take 1 &", origin: .command))
        #expect(gate.waitUntilHeld())
        #expect(!s.execute("later | count", origin: .command))
        #expect(!s.execute("describe later", origin: .command))
        gate.release()
        #expect(s.execute("wait", origin: .command))
        let hint = "later is being made by job 1 (let later = d | take 1): wait 1 first"
        #expect(out(s).stderr.components(separatedBy: hint).count == 3, "\(out(s).stderr)")
        #expect(s.execute("later | count", origin: .command))
        s.audit = nil
    }

    @Test func replayOfALogWithJobsReproducesTheirResults() throws {
        let t = try SessionAuditTests.Scratch()
        let s = try session(t)
        #expect(s.execute("let x = d | where n < 0 &\nsave d | take 2 to \"\(t.path("a.arrow"))\" &\nwait\nx | count", origin: .command))
        s.audit = nil
        let replaying = try SessionAuditTests().session(log: t.path("replay.jsonl"))
        var said = ""
        #expect(Replayer(logPath: t.path("log.jsonl"), sessionID: nil).run(in: replaying) { said += $0 } == false)
        // The arrow file exists now, so its save is refused on replay: everything else is reproduced.
        #expect(said.contains("reproduced 3/4 results"), "\(said)")
        try FileManager.default.removeItem(atPath: t.path("a.arrow"))
        let again = try SessionAuditTests().session(log: t.path("replay2.jsonl"))
        said = ""
        #expect(Replayer(logPath: t.path("log.jsonl"), sessionID: nil).run(in: again) { said += $0 }, "\(said)")
        #expect(said.contains("replaying session"))
        replaying.audit = nil
        again.audit = nil
    }
}
