import Audit
import Foundation
import Testing

/// What the real binary records: every statement issued (run, failed,
/// rejected or skipped), the environment, evidence hashes and fingerprints.
@Suite struct AuditRecordingTests {
    @Test func aGoldenScriptsLogHasTheExpectedEntries() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try IPDRProcess.run(["run", "golden/save-and-reload.ipdr"], cwd: cwd)
        #expect(r.status == 1)
        let log = AuditLogFile(in: cwd)
        #expect(log.report.isIntact && log.report.interrupted.isEmpty)
        #expect(log.reader.lines.allSatisfy { (try? $0.entry.get()) != nil })
        let entries = log.entries
        let script = IPDRProcess.repoRoot.appendingPathComponent("Tests/EndToEndTests/golden/save-and-reload.ipdr")
        // The first entry: the environment, with the script as evidence.
        let first = try #require(entries.first)
        #expect(first.record.event == .sessionStart)
        let env = try #require(AuditEnvironment(first.record.detail))
        #expect(env.cwd == cwd.resolvingSymlinksInPath().path || env.cwd == cwd.path)
        #expect(env.argv.suffix(2) == ["run", "golden/save-and-reload.ipdr"])
        #expect(env.toolVersion == "0.1.0" && !env.user.isEmpty && !env.host.isEmpty && env.tz == "UTC")
        #expect(first.record.evidence.first?.sha256 == (try AuditLogFile.sha256(of: script)))
        // One start and one end per statement of the script, in order.
        let statements = try String(contentsOf: script, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let starts = entries.filter { $0.record.event == .start }
        let ends = entries.filter { $0.record.event == .end }
        #expect(starts.map { $0.record.command ?? "" } == statements.map(String.init))
        #expect(ends.map(\.record.ref) == starts.map(\.seq))
        #expect(starts.map { $0.record.origin?.line ?? 0 } == Array(1...statements.count))
        #expect(starts.allSatisfy { $0.record.origin?.mode == "script" && $0.record.origin?.path == "golden/save-and-reload.ipdr" })
        // The second plain saves fail (the file exists), and a CSV read with format=arrow; everything else succeeds.
        #expect(ends.map { $0.record.status } .filter { $0 == .failed }.count == 3)
        #expect(ends[4].record.status == .failed && ends[4].record.error?.contains("exists") == true)
        // Evidence: the data file with its real hash; saves as written; a reload reads what was written.
        let small = IPDRProcess.repoRoot.appendingPathComponent("Tests/EndToEndTests/golden/data/small.csv")
        #expect(ends[2].record.evidence.map(\.sha256) == [try AuditLogFile.sha256(of: small)])
        #expect(ends[2].record.evidence.first?.role == .read)
        #expect(ends[2].record.result?.frame == "s")
        let overwrite = try #require(ends[5].record.evidence.first)
        #expect(overwrite.role == .written && overwrite.path.hasSuffix("/out/s.csv"))
        #expect(ends[6].record.evidence.first?.sha256 == overwrite.sha256)
        #expect(ends[6].record.evidence.first?.size == overwrite.size)
        // Results: fingerprints on loads, saves and pipelines; s and its reload hold the same table.
        #expect(ends[7].record.result?.rows == 1 && ends[7].record.result?.columns == 1)
        #expect(ends[8].record.result?.fingerprint == ends[9].record.result?.fingerprint)
        #expect(ends.filter { $0.record.result != nil }.allSatisfy { SHA256Hex.isDigest($0.record.result!.fingerprint) })
        #expect(ends.allSatisfy { $0.record.elapsedMs != nil })
    }

    @Test func rejectedStatementsAreRecordedOnePairEach() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try IPDRProcess.run(["-c", "frames\nload\nipdr | count"], cwd: cwd)
        #expect(r.status == 1 && r.stdout.isEmpty)
        let entries = AuditLogFile(in: cwd).entries
        let starts = entries.filter { $0.record.event == .start }
        let ends = entries.filter { $0.record.event == .end }
        #expect(starts.map(\.record.command) == ["frames", "load", "ipdr | count"])
        #expect(ends.allSatisfy { $0.record.status == .rejected })
        #expect(ends[1].record.error == "<command>:2:5: 'load' needs a path")
        #expect(ends[0].record.error?.contains("syntax error (line 2)") == true)
    }

    @Test func failedAndSkippedStatementsAreRecorded() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try IPDRProcess.run(["-c", "set tz = \"+05:30\"; drop nothing; frames; exit"], cwd: cwd)
        #expect(r.status == 1)
        let ends = AuditLogFile(in: cwd).entries.filter { $0.record.event == .end }
        #expect(ends.map(\.record.status) == [.ok, .failed, .skipped, .skipped])
        #expect(ends[1].record.error?.contains("unknown frame 'nothing'") == true)
    }

    @Test func startsAreOnlyForIssuedStatementsAndEveryModeIsRecorded() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        _ = try IPDRProcess.run(["--tz", "+05:30", "datasets/sample/ipdr.csv", "-c", "ipdr | count"], cwd: cwd)
        _ = try IPDRProcess.run([], stdin: "frames\nsettings\n", cwd: cwd)
        let log = AuditLogFile(in: cwd)
        #expect(log.report.isIntact && log.report.sessions == 2)
        let origins = log.entries.filter { $0.record.event == .start }.map { $0.record.origin?.mode ?? "" }
        #expect(origins == ["command", "command", "command", "stdin", "stdin"])
        let commands = log.entries.filter { $0.record.event == .start }.map { $0.record.command ?? "" }
        #expect(commands[0] == "set tz = \"+05:30\"" && commands[1] == "load \"datasets/sample/ipdr.csv\"")
    }

    @Test func aFileThatChangesBetweenLoadsIsFlagged() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try FileManager.default.copyItem(at: IPDRProcess.repoRoot.appendingPathComponent("Tests/EndToEndTests/golden/data/small.csv"),
                                         to: cwd.appendingPathComponent("ev.csv"))
        let r = try IPDRProcess.run(["-c", "load ev.csv as e\nload ev.csv as e\nsave e | take 3 to ev.csv with overwrite=true\nload ev.csv as e"], cwd: cwd)
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: ev.csv changed since it was loaded earlier in this session"))
        let warnings = AuditLogFile(in: cwd).entries.filter { $0.record.event == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.record.detail?["message"]?.stringValue?.contains("ev.csv changed") == true)
    }

    @Test func exportWritesAReplayableScriptWithEvidenceHashes() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try IPDRProcess.run(["-c", "set script.on_error = continue\nload datasets/sample/ipdr.csv as ipdr\nlet n = ipdr | where hour(start_time) < 5\ndrop nothing\naudit tail 3\naudit export case.ipdr"], cwd: cwd)
        #expect(r.status == 1)
        let text = try String(contentsOf: cwd.appendingPathComponent("case.ipdr"), encoding: .utf8)
        let sample = try AuditLogFile.sha256(of: IPDRProcess.repoRoot.appendingPathComponent("datasets/sample/ipdr.csv"))
        #expect(text.contains("datasets/sample/ipdr.csv size 5047833 sha256 \(sample)\n"))
        #expect(text.contains("# evidence read /"))
        let statements = text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(statements == ["set script.on_error = continue", "load datasets/sample/ipdr.csv as ipdr", "let n = ipdr | where hour(start_time) < 5"])
        let again = try IPDRProcess.run(["run", "case.ipdr"], cwd: cwd)
        #expect(again.status == 0, "\(again.stderr)")
    }
}
