import Audit
import Foundation

/// Re-runs a recorded session from its audit log: every evidence file's
/// SHA-256 is checked before the statement that reads it runs, and every
/// result's rows, columns and fingerprint are compared with the recorded ones.
public struct Replayer {
    /// The log to replay from.
    public var logPath: String
    /// The session to replay (an id or a prefix); nil = the last one with statements.
    public var sessionID: String?

    public init(logPath: String, sessionID: String?) {
        self.logPath = logPath
        self.sessionID = sessionID
    }

    /// Replays into `session` (which records the replay in its own audit log),
    /// writing the verdict and differences with `say`. Returns true when every
    /// result was reproduced.
    public func run(in session: Session, say: (String) -> Void) -> Bool {
        let log = AuditLog.absolutePath(logPath, cwd: FileManager.default.currentDirectoryPath)
        let reader: AuditLogReader
        switch AuditLogReader.read(path: log) {
        case .success(let r): reader = r
        case .failure(let e): say("replay: \(e.description)\n"); return false
        }
        let report = AuditVerifier().verify(reader)
        if let b = report.broken {
            say("replay: the audit log \(log) is broken at line \(b.line): \(b.problem); nothing was replayed\n")
            return false
        }
        let history = SessionHistory(reader.entries)
        let own = session.audit?.session
        let candidates: [SessionHistory.Session]
        if let sessionID {
            candidates = history.session(matching: sessionID)
            guard candidates.count == 1 else {
                say("replay: " + (candidates.isEmpty ? "no session '\(sessionID)' in \(log)\n" : "'\(sessionID)' names \(candidates.count) sessions; give more of the id\n"))
                return false
            }
        } else {
            candidates = history.sessions.filter { $0.id != own && $0.statements.contains(where: Session.isReplayable) }.suffix(1)
            guard !candidates.isEmpty else { say("replay: no session with statements to replay in \(log)\n"); return false }
        }
        let recorded = candidates[0]
        let statements = recorded.statements.filter(Session.isReplayable)
        if let env = recorded.environment {
            if !FileManager.default.changeCurrentDirectoryPath(env.cwd) {
                say("replay: warning: the recorded working directory \(env.cwd) is missing; relative paths are read from \(FileManager.default.currentDirectoryPath)\n")
            }
            _ = session.settings.set("tz", to: env.tz)
        }
        say("replaying session \(recorded.id) from \(log): \(statements.count) statement\(statements.count == 1 ? "" : "s")\n")
        var total = 0, reproduced = 0
        var differences: [String] = []
        for s in statements {
            if let problem = Self.checkEvidence(s) {
                say("replay stopped before statement \(s.start.seq) (\(Self.oneLine(s.command))): \(problem)\n")
                return false
            }
            var outcomes: [StatementOutcome] = []
            session.statementObserver = { outcomes.append($0) }
            let ok = session.execute(s.command, origin: .replay(log: log, seq: s.start.seq))
            session.statementObserver = nil
            let expected = s.results.compactMap(\.record.result)
            let actual = outcomes.compactMap(\.result)
            total += expected.count
            let label = "statement \(s.start.seq) (\(Self.oneLine(s.command)))"
            if !ok {
                let why = outcomes.last?.error ?? "it failed"
                differences.append("\(label): failed on replay: \(why)")
                continue
            }
            for (i, e) in expected.enumerated() {
                guard i < actual.count else {
                    differences.append("\(label): result \(i + 1) of \(expected.count) was not produced")
                    continue
                }
                if let d = Self.difference(e, actual[i]) { differences.append("\(label): \(d)") } else { reproduced += 1 }
            }
            // Exports that carry provenance (Arrow files, PATH.provenance.json) name the session, so
            // their bytes differ by design; the frame they hold is compared by fingerprint above.
            let wroteBefore = s.results.flatMap(\.record.evidence).filter { $0.role == .written && !Self.carriesProvenance($0.path) }.map(\.sha256)
            let wroteNow = outcomes.flatMap(\.evidence).filter { $0.role == .written && !Self.carriesProvenance($0.path) }.map(\.sha256)
            if wroteBefore != wroteNow {
                differences.append("\(label): the file it wrote differs (sha256 \(wroteBefore.map { String($0.prefix(12)) }) then, \(wroteNow.map { String($0.prefix(12)) }) now)")
            }
        }
        for d in differences { say("differs: \(d)\n") }
        say("reproduced \(reproduced)/\(total) results\n")
        return differences.isEmpty && reproduced == total
    }

    /// True for a provenance sidecar or an Arrow file (whose metadata holds the provenance).
    static func carriesProvenance(_ path: String) -> Bool {
        if path.hasSuffix(".provenance.json") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 6)) == Data("ARROW1".utf8)
    }

    /// The first evidence file read by `s` (or a statement inside it) whose
    /// content is not what was recorded.
    static func checkEvidence(_ s: SessionHistory.Statement) -> String? {
        for e in s.evidenceRead {
            guard let now = FileEvidence.hashFile(e.path) else {
                return "evidence file \(e.path) is missing or unreadable (recorded sha256 \(e.sha256))"
            }
            if now != e.sha256 {
                return "evidence file \(e.path) has changed: recorded sha256 \(e.sha256), now \(now)"
            }
        }
        return nil
    }

    /// How a replayed result differs from the recorded one, or nil.
    static func difference(_ before: AuditResult, _ now: AuditResult) -> String? {
        var parts: [String] = []
        if before.rows != now.rows { parts.append("rows \(before.rows) then, \(now.rows) now") }
        if before.columns != now.columns { parts.append("columns \(before.columns) then, \(now.columns) now") }
        if before.fingerprint != now.fingerprint {
            parts.append("fingerprint \(before.fingerprint.prefix(16))… then, \(now.fingerprint.prefix(16))… now")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func oneLine(_ s: String) -> String {
        let flat = Session.oneLine(s)
        return flat.count > 70 ? String(flat.prefix(69)) + "…" : flat
    }
}
