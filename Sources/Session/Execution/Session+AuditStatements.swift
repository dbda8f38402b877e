import Audit
import Foundation
import Frames
import Language

extension Session {
    /// `audit tail [N]`: the last N entries (default 10) as a listing.
    func auditTail(_ count: Int64?) throws(StatementError) {
        let log = try currentLog()
        let entries = try readLog(log.path).entries.suffix(Int(max(0, count ?? 10)))
        var columns: [(String, DataType, (AuditEntry) -> Value)] = [
            ("seq", .int, { .int($0.seq) }),
            ("time", .string, { .string($0.time) }),
            ("session", .string, { .string(String($0.session.prefix(8))) }),
            ("event", .string, { .string($0.record.event.rawValue) }),
            ("status", .string, { $0.record.status.map { .string($0.rawValue) } ?? .null }),
            ("ms", .float, { $0.record.elapsedMs.map { .float($0) } ?? .null }),
        ]
        columns.append(("origin", .string, { e in
            guard let o = e.record.origin else { return .null }
            if o.mode == "replay" { return .string("replay of \(o.line)") }
            return .string(o.path.map { "\($0):\(o.line)" } ?? "\(o.mode):\(o.line)")
        }))
        columns.append(("what", .string, { e in
            if let c = e.record.command { return .string(Self.oneLine(c)) }
            if let m = e.record.detail?["message"]?.stringValue { return .string(m) }
            if let f = e.record.detail?["file"]?.stringValue { return .string("quarantined to \(f)") }
            if let n = e.record.detail?["entries"]?.intValue { return .string("sealed \(n) entries") }
            if let cwd = e.record.detail?["cwd"]?.stringValue { return .string("session started in \(cwd)") }
            return .null
        }))
        let frame = Frame(columns.map { c in (c.0, Column.from(c.1, entries.map(c.2))) })
        emit(frame, listing: true)
    }

    /// `audit verify [PATH]`: checks a log's chain (the session's own log by default).
    func auditVerify(_ path: Located<String>?) throws(StatementError) {
        let target: String
        var running = Set<Int64>()
        if let path {
            target = path.value
        } else {
            target = try currentLog().path
            running = Set(auditFrames.compactMap(\.seq) + runningJobs.compactMap(\.audit.seq))
        }
        let report = AuditVerifier(running: running).verify(try readLog(target))
        output.standard(report.text(path: target))
        if !report.isIntact { throw .alreadyReported }
    }

    /// `audit export PATH [with session=ID, overwrite=true]`: a replayable
    /// script of a session's successful top-level statements.
    func auditExport(_ path: Located<String>, options: [Option]) throws(StatementError) {
        let log = try currentLog()
        var sessionID = log.session
        var overwrite = false
        for option in options {
            switch option.name.name {
            case "session": sessionID = option.value.text
            case "overwrite": overwrite = try bool(option.value, option: "overwrite")
            default:
                let known = LanguageVocabulary.auditExportOptionNames
                throw .diagnostic(.error("unknown audit export option '\(option.name.name)'", span: option.name.span,
                                         hint: Suggest.closest(to: option.name.name, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        let history = SessionHistory(try readLog(log.path).entries)
        let matches = history.session(matching: sessionID)
        guard matches.count == 1, let session = matches.first else {
            throw .audit(matches.isEmpty ? "no session '\(sessionID)' in \(log.path)" : "'\(sessionID)' names \(matches.count) sessions; give more of the id")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path.value) {
            throw .audit("\(path.value) exists; use with overwrite=true to replace it")
        }
        let text = ScriptExport.render(session, logPath: log.path, include: Self.isReplayable)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path.value), options: .atomic)
        } catch {
            throw .audit("cannot write \(path.value): \(error.localizedDescription)")
        }
        noteEvidence(FileEvidence.describe(path: path.value, role: .written))
        let n = session.statements.filter(Self.isReplayable).count
        note("exported \(n) statement\(n == 1 ? "" : "s") of session \(session.id) to \(path.value)")
    }

    /// `audit seal [KEYFILE]`: appends a `seal` entry signing the log so far,
    /// and a checkpoint over the log including the seal to `LOG.checkpoints`.
    func auditSeal(_ keyPath: Located<String>?) throws(StatementError) {
        let log = try currentLog()
        guard let path = keyPath?.value ?? ProcessInfo.processInfo.environment["IPDR_AUDIT_KEY"], !path.isEmpty else {
            throw .audit(SealError.noKey.description)
        }
        do throws(SealError) {
            let key = try SealKeys.loadPrivate(path)
            let inside = try Checkpoint.sign(entries: log.nextSeq - 1, head: log.head, key: key)
            do {
                try log.append([AuditRecord(event: .seal, parent: auditFrames.last?.seq, detail: inside.value)], sync: true)
            } catch {
                throw SealError.cannotWrite(path: log.path, reason: error.description)
            }
            let outside = try Checkpoint.sign(entries: log.nextSeq - 1, head: log.head, key: key)
            let file = log.path + ".checkpoints"
            if let e = outside.append(to: file) { throw SealError.cannotWrite(path: file, reason: e) }
            note("sealed \(outside.entries) entries of \(log.path) (head \(outside.head.prefix(16))…, key \(outside.key)); checkpoint appended to \(file): keep a copy where the log's writers cannot change it")
        } catch {
            throw .audit(error.description)
        }
    }

    /// Whether a recorded top-level statement belongs in an export or a
    /// replay: it succeeded and is not itself an `audit` statement, a `report`
    /// (which describes the session: its bytes differ by design) or `exit`.
    static func isReplayable(_ s: SessionHistory.Statement) -> Bool {
        guard s.succeeded else { return false }
        let script = Parser.parse(SourceFile(name: "", text: s.command))
        guard script.statements.count == 1, let st = script.statements[0].statement else { return false }
        switch st {
        case .auditTail, .auditVerify, .auditExport, .auditSeal, .report, .exit, .jobs, .wait, .cancel: return false
        default: return true
        }
    }

    func currentLog() throws(StatementError) -> AuditLog {
        guard let audit else { throw .audit("this session has no audit log") }
        return audit
    }

    func readLog(_ path: String) throws(StatementError) -> AuditLogReader {
        switch AuditLogReader.read(path: path) {
        case .success(let r): return r
        case .failure(let e): throw .audit(e.description)
        }
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
