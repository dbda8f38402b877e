import Audit
import Foundation
import Testing

/// The log under stress: a full disk, a second writer, kill -9 at many points
/// (also in the middle of a long load), tampering, seals, and replay.
@Suite struct AuditIntegrityTests {
    /// Runs ipdr under a file-size limit (`ulimit -f`, KiB), the real way a write fails.
    static func runLimited(kib: Int, _ args: [String], cwd: URL) throws -> IPDRProcess.Output {
        let quoted = ([IPDRProcess.binary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try ShellCommand.run("ulimit -f \(kib); exec \(quoted.joined(separator: " "))", cwd: cwd)
    }

    @Test func aFullDiskStopsStatementsBeforeTheyRunUnrecorded() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let text = Array(repeating: "help take", count: 40).joined(separator: "\n")
        let r = try Self.runLimited(kib: 8, ["-c", text], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stderr.contains("ipdr: cannot write the audit log \(cwd.path)/ipdr-audit.jsonl: File too large"), "\(r.stderr)")
        let log = AuditLogFile(in: cwd)
        #expect(log.report.isIntact && log.reader.unterminated == nil)
        let starts = log.entries.filter { $0.record.event == .start }.count
        let ran = r.stdout.components(separatedBy: "take N  (alias limit N)").count - 1
        #expect(ran > 0 && ran < 40)
        #expect(ran == starts, "every statement that ran has its start entry")
        // With the log already at the limit, nothing runs at all.
        let again = try Self.runLimited(kib: 8, ["-c", "help take"], cwd: cwd)
        #expect(again.status == 1 && again.stdout.isEmpty)
        #expect(again.stderr.contains("nothing was run"))
    }

    @Test func aSecondWriterFailsWithTheHoldersPid() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let holder = Process()
        holder.executableURL = IPDRProcess.binary
        holder.currentDirectoryURL = cwd
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        let log = AuditLogFile(in: cwd)
        while log.entries.isEmpty { usleep(20_000) }
        let r = try IPDRProcess.run(["-c", "frames"], cwd: cwd, env: ["IPDR_AUDIT_WAIT": "0.2"])
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(r.status == 1)
        #expect(r.stderr.contains("the audit log \(cwd.path)/ipdr-audit.jsonl is in use by another ipdr (pid \(holder.processIdentifier))"))
        #expect(log.report.isIntact && log.report.sessions == 1)
    }

    /// kill -9 at many points of a script, some in the middle of loading a
    /// large file: afterwards the log verifies (at most one interrupted
    /// statement per kill, or a torn tail that the next session moves aside),
    /// and every statement that printed has its start entry.
    @Test func killNineAnywhereLeavesAVerifiableLog() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let gen = try ShellCommand.run("python3 '\(IPDRProcess.repoRoot.path)/scripts/gen-ipdr' --rows 200000 --seed 7 --out big.csv", cwd: cwd)
        #expect(gen.status == 0, "\(gen.stderr)")
        let script = """
        set tz = "+05:30"
        load datasets/sample/ipdr.csv as ipdr
        ipdr | count
        load big.csv as big
        big | count
        let n = big | where dst_port == 443
        save n to out/n.csv with overwrite=true
        n | summarize c = count() by protocol
        """
        try script.write(to: cwd.appendingPathComponent("case.ipdr"), atomically: true, encoding: .utf8)
        let log = AuditLogFile(in: cwd)
        // (start entries of this run to wait for, then milliseconds) before the kill.
        let points: [(Int, UInt32)] = [(0, 0), (1, 0), (2, 30), (4, 0), (4, 300), (4, 900), (5, 50), (7, 10)]
        var kills = 0
        for (afterStarts, delay) in points {
            let before = log.entries.count
            let p = Process()
            p.executableURL = IPDRProcess.binary
            p.arguments = ["run", "case.ipdr"]
            p.currentDirectoryURL = cwd
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            while p.isRunning {
                let starts = log.entries.dropFirst(before).filter { $0.record.event == .start }.count
                if starts >= afterStarts { break }
                usleep(2_000)
            }
            usleep(delay * 1000)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            kills += p.terminationReason == .uncaughtSignal ? 1 : 0
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let report = log.report
            if let b = report.broken {
                #expect(b.problem.hasPrefix("unterminated last line"), "\(b.problem)")
            }
            let session = log.entries.dropFirst(before)
            let starts = session.filter { $0.record.event == .start }
            #expect(Set(report.interrupted.map(\.seq)).subtracting(Set(log.entries.prefix(before).map(\.seq))).count <= 1)
            let loads = printed.components(separatedBy: "loaded ").count - 1
            #expect(loads <= starts.filter { $0.record.command?.hasPrefix("load") == true }.count)
            let counts = printed.components(separatedBy: "\n(1 row)").count - 1
            #expect(counts <= starts.filter { $0.record.command?.hasSuffix("| count") == true }.count)
        }
        #expect(kills > 0)
        let after = try IPDRProcess.run(["-c", "frames"], cwd: cwd)
        #expect(after.status == 0)
        let report = log.report
        #expect(report.isIntact, "\(report.text(path: "log"))")
        // A kill before the first entry leaves no session; every other run left one.
        #expect(report.sessions >= points.count && report.sessions <= points.count + 1)
    }

    @Test func tamperedLogsFailVerifyOnTheCommandLine() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        _ = try IPDRProcess.run(["run", "datasets/sample/tour.ipdr"], cwd: cwd)
        let log = AuditLogFile(in: cwd)
        let ok = try IPDRProcess.run(["audit", "verify", "ipdr-audit.jsonl"], cwd: cwd)
        #expect(ok.status == 0)
        #expect(ok.stdout == "audit log ipdr-audit.jsonl: OK, \(log.entries.count) entries, 1 session\n")
        // A large sample of single-byte flips, all caught.
        let bytes = log.bytes
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var missed = 0
        for _ in 0..<1500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var t = bytes
            let i = Int(state >> 33) % t.count
            t[i] ^= UInt8(1 << Int((state >> 20) % 8))
            if AuditVerifier().verify(AuditLogReader.parse(t)).isIntact { missed += 1 }
        }
        #expect(missed == 0)
        var lines = bytes.split(separator: 10).map(Array.init)
        lines.swapAt(3, 4)
        try Data(lines.flatMap { $0 + [10] }).write(to: cwd.appendingPathComponent("swapped.jsonl"))
        let r = try IPDRProcess.run(["audit", "verify", "swapped.jsonl"], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("audit log swapped.jsonl: BROKEN at line 4: prev mismatch"))
    }

    @Test func sealsAndOutsideCheckpointsCatchTruncation() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let keygen = try IPDRProcess.run(["audit", "keygen", "case.key", "case.pub"], cwd: cwd)
        #expect(keygen.status == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: cwd.appendingPathComponent("case.key").path)[.posixPermissions] as? Int) == 0o600)
        let r = try IPDRProcess.run(["-c", "frames\naudit seal case.key\nsettings"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sealed 5 entries"))
        let good = try IPDRProcess.run(["audit", "verify", "ipdr-audit.jsonl", "--key", "case.pub"], cwd: cwd)
        #expect(good.status == 0)
        #expect(good.stdout.contains("1 seal, 1 checkpoint outside the log"))
        // Cut the log back to before the seal: the chain alone cannot tell.
        let log = AuditLogFile(in: cwd)
        let lines = log.bytes.split(separator: 10).map(Array.init)
        try Data(lines.prefix(3).flatMap { $0 + [10] }).write(to: log.url)
        #expect(try IPDRProcess.run(["audit", "verify", "ipdr-audit.jsonl"], cwd: cwd).status == 0)
        let cut = try IPDRProcess.run(["audit", "verify", "ipdr-audit.jsonl", "--key", "case.pub"], cwd: cwd)
        #expect(cut.status == 1)
        #expect(cut.stdout.contains("truncated: a checkpoint"))
        let noKey = try IPDRProcess.run(["-c", "audit seal"], cwd: cwd)
        #expect(noKey.status == 1 && noKey.stderr.contains("audit seal needs a private key"))
    }

    @Test func replayOfTheTourReproducesEveryResult() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        _ = try IPDRProcess.run(["run", "datasets/sample/tour.ipdr"], cwd: cwd)
        let results = AuditLogFile(in: cwd).entries.filter { $0.record.event == .end && $0.record.result != nil }.count
        let r = try IPDRProcess.run(["replay", "ipdr-audit.jsonl"], cwd: cwd)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("reproduced \(results)/\(results) results\n"), "\(r.stdout)")
        // The replay is itself recorded, as a second session.
        let log = AuditLogFile(in: cwd)
        #expect(log.report.isIntact && log.report.sessions == 2)
        #expect(log.lastSession.filter { $0.record.event == .start }.allSatisfy { $0.record.origin?.mode == "replay" })
    }

    @Test func replayStopsAtAnAlteredEvidenceFileNamingIt() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let ev = cwd.appendingPathComponent("ev.csv")
        try FileManager.default.copyItem(at: IPDRProcess.repoRoot.appendingPathComponent("Tests/EndToEndTests/golden/data/small.csv"), to: ev)
        let first = try IPDRProcess.run(["-c", "load ev.csv as e\ne | count"], cwd: cwd)
        #expect(first.status == 0)
        let before = try AuditLogFile.sha256(of: ev)
        var data = try Data(contentsOf: ev)
        data[data.count - 2] ^= 1
        try data.write(to: ev)
        let after = try AuditLogFile.sha256(of: ev)
        let r = try IPDRProcess.run(["replay", "ipdr-audit.jsonl"], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stdout.contains("evidence file \(ev.resolvingSymlinksInPath().path) has changed: recorded sha256 \(before), now \(after)"), "\(r.stdout)")
    }

    @Test func replayReportsAResultThatDiffers() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        _ = try IPDRProcess.run(["-c", "load datasets/sample/ipdr.csv as ipdr\nipdr | where dst_port == 443 | count"], cwd: cwd)
        // Rewrite the recorded rows of the last result, recomputing the chain, as a different outcome would look.
        let log = AuditLogFile(in: cwd)
        var entries = log.entries
        let i = try #require(entries.lastIndex { $0.record.result != nil })
        entries[i].record.result?.fingerprint = String(repeating: "f", count: 64)
        var prev = SHA256Hex.zero
        var out: [UInt8] = []
        for var e in entries {
            e.prev = prev
            let (line, hash) = EntryLine.encode(e)
            out += line
            prev = hash
        }
        try Data(out).write(to: log.url)
        let r = try IPDRProcess.run(["replay", "ipdr-audit.jsonl"], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stdout.contains("differs: statement 4 (ipdr | where dst_port == 443 | count): fingerprint ffffffffffffffff… then"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("reproduced 1/2 results\n"))
    }
}

/// Runs a `bash -c` command line in a folder.
enum ShellCommand {
    static func run(_ command: String, cwd: URL) throws -> IPDRProcess.Output {
        let r = try ChildProcess.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command], cwd: cwd, environment: ChildProcess.environment())
        return IPDRProcess.Output(stdout: String(decoding: r.stdout, as: UTF8.self), stderr: String(decoding: r.stderr, as: UTF8.self), status: r.status)
    }
}
