import Audit
import Foundation
import Testing
@testable import Session

/// The session kernel with an audit log: nested scripts, and replay running
/// nested statements once.
@Suite struct SessionAuditTests {
    final class Scratch {
        let dir: URL
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-session-audit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    static let environment = AuditEnvironment(toolVersion: "0.1.0", os: "test", user: "u", host: "h", cwd: "/", tz: "UTC",
                                              tzVariable: nil, argv: [], pid: 1)

    /// A session logging to `log`. Its recorded working directory is this
    /// process's (replay changes to it; the paths here are absolute).
    func session(log: String) throws -> Session {
        var env = Self.environment
        env.cwd = FileManager.default.currentDirectoryPath
        let s = Session(output: CapturedOutput())
        s.audit = try AuditLog.open(path: log, environment: env, lockWait: 0)
        return s
    }

    @Test func nestedStatementsLinkToTheirRunAndReplayRunsThemOnce() throws {
        let t = try Scratch()
        try "a,b\n1,x\n2,y\n3,z\n".write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        try "load \"\(t.path("d.csv"))\" as d\nlet e = d | where a > 1\n".write(toFile: t.path("inner.ipdr"), atomically: true, encoding: .utf8)
        let s = try session(log: t.path("log.jsonl"))
        #expect(s.execute("run \"\(t.path("inner.ipdr"))\"\ne | count", origin: .command))
        let original = s.audit!.session
        s.audit = nil
        let entries = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries
        let starts = entries.filter { $0.record.event == .start }
        #expect(starts.map { $0.record.parent } == [nil, starts[0].seq, starts[0].seq, nil])
        #expect(starts[1].record.origin?.mode == "script" && starts[1].record.origin?.line == 1)
        let runEnd = try #require(entries.first { $0.record.event == .end && $0.record.ref == starts[0].seq })
        #expect(runEnd.record.evidence.first?.path.hasSuffix("inner.ipdr") == true)

        let r = try session(log: t.path("replay.jsonl"))
        var said = ""
        #expect(Replayer(logPath: t.path("log.jsonl"), sessionID: String(original.prefix(6))).run(in: r) { said += $0 })
        #expect(said.hasSuffix("reproduced 3/3 results\n"), "\(said)")
        r.audit = nil
        let replayed = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("replay.jsonl"))))).entries
        #expect(replayed.filter { $0.record.event == .start }.count == 4)
    }

    @Test func exitSkipsTheRestAndRecordsIt() throws {
        let t = try Scratch()
        let s = try session(log: t.path("log.jsonl"))
        s.execute("frames; exit; frames", origin: .command)
        s.audit = nil
        let ends = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries.filter { $0.record.event == .end }
        #expect(ends.map(\.record.status) == [.ok, .ok, .skipped])
        #expect(ends[2].record.error == "not run: exit came before it")
    }
}
