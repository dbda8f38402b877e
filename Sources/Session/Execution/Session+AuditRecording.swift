import Audit
import Foundation
import Frames
import Language

/// The audit bookkeeping of one running statement.
struct AuditFrame {
    /// The `seq` of its `start` entry (nil when there is no log).
    var seq: Int64?
    /// Files it read or wrote.
    var evidence: [Evidence] = []
    /// The frame it produced, and the name it was stored under.
    var result: (name: String?, frame: Frame)?
    /// The profile a load read its file with (name, source, SHA-256).
    var profile: AuditValue?
    /// The result's fingerprint when the statement already computed it (`save`).
    var fingerprint: String?
    /// The statement's text.
    var command = ""
    /// The `seq` of the statement that ran it (`run FILE`), if any.
    var parent: Int64?
    /// Its job number when it runs in the background.
    var job: Int?
}

/// What was recorded for a statement when it ended (for `Session.statementObserver`).
public struct StatementOutcome: Sendable {
    /// 0 for a statement of the text given to `execute`, 1 inside a `run` of it, ...
    public var depth: Int
    public var command: String
    public var status: AuditStatus
    public var error: String?
    public var result: AuditResult?
    public var evidence: [Evidence]
}

extension Session {
    /// Writes and flushes the `start` entry of `parsed`; throws when it cannot
    /// be written (the statement must not run then).
    /// A background job's entries carry `"job": N` in their detail.
    func auditStart(_ parsed: ParsedStatement, origin: Origin, job: Int? = nil) throws(AuditError) {
        var frame = AuditFrame()
        frame.command = parsed.text
        frame.parent = auditFrames.last?.seq
        frame.job = job
        if let audit {
            let record = AuditRecord(event: .start, command: parsed.text, origin: auditOrigin(origin, line: parsed.line),
                                     parent: frame.parent, detail: job.map { .object([AuditField("job", .int($0))]) })
            frame.seq = try audit.append([record], sync: true).first?.seq
        }
        auditFrames.append(frame)
    }

    /// Writes the `end` entry of the statement that is running: status, error,
    /// time, result fingerprint and evidence.
    func auditEnd(failure: StatementError?, file: SourceFile, statement: ParsedStatement, milliseconds: Double) throws(AuditError) {
        guard let frame = auditFrames.popLast() else { return }
        let status: AuditStatus
        switch failure {
        case nil: status = .ok
        case .cancelled?: status = .cancelled
        default: status = .failed
        }
        var result: AuditResult?
        var detail: AuditValue?
        if audit != nil || statementObserver != nil, let r = frame.result {
            let started = DispatchTime.now().uptimeNanoseconds
            let fingerprint = frame.fingerprint ?? FrameFingerprint.of(r.frame)
            // The result now held under its name: a later `save NAME` reuses the fingerprint.
            if failure == nil, let name = r.name { catalog.setFingerprint(name, fingerprint) }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            result = AuditResult(frame: r.name, rows: r.frame.rowCount, columns: r.frame.columns.count, fingerprint: fingerprint)
            detail = .object([AuditField("fingerprint_ms", .number(String(format: "%.3f", ms)))])
        }
        if let profile = frame.profile {
            var fields: [AuditField] = []
            if case .object(let f)? = detail { fields = f }
            fields.append(AuditField("profile", profile))
            detail = .object(fields)
        }
        if let job = frame.job {
            var fields: [AuditField] = []
            if case .object(let f)? = detail { fields = f }
            fields.append(AuditField("job", .int(job)))
            detail = .object(fields)
        }
        let error = failure.map { $0.plainMessage(file: file) }
        statementObserver?(StatementOutcome(depth: auditFrames.count, command: statement.text, status: status,
                                            error: error, result: result, evidence: frame.evidence))
        guard let audit, let seq = frame.seq else { return }
        let record = AuditRecord(event: .end, command: statement.text, parent: frame.parent, ref: seq,
                                 status: status, error: error, elapsedMs: milliseconds, result: result,
                                 evidence: frame.evidence, detail: detail)
        try audit.append([record], sync: false)
    }

    /// Records statements that were issued but not run (a syntax error in
    /// their text, an earlier failure, `exit`): a `start` and an `end` each,
    /// written together and flushed once.
    func recordUnrun(_ statements: ArraySlice<ParsedStatement>, origin: Origin, status: AuditStatus, file: SourceFile) {
        guard let audit, !statements.isEmpty else { return }
        let firstError = statements.first { !$0.diagnostics.isEmpty }.map { file.line(of: $0.span.start) }
        var records: [AuditRecord] = []
        var seq = audit.nextSeq
        for s in statements {
            let why: String
            if status == .rejected {
                why = s.diagnostics.isEmpty
                    ? "not run: the text has a syntax error (line \(firstError ?? s.line))"
                    : s.diagnostics.map { d in
                        let loc = file.location(of: d.span.start)
                        return "\(file.name):\(loc.line):\(loc.column): \(d.message)"
                    }.joined(separator: "; ")
            } else {
                why = exitRequested ? "not run: exit came before it" : "not run: an earlier statement failed"
            }
            let parent = auditFrames.last?.seq
            let origin = auditOrigin(origin, line: s.line)
            records.append(AuditRecord(event: .start, command: s.text, origin: origin, parent: parent))
            records.append(AuditRecord(event: .end, command: s.text, parent: parent, ref: seq, status: status, error: why))
            seq += 2
        }
        do {
            try audit.append(records, sync: true)
        } catch {
            output.error("ipdr: \(error.description)\n")
        }
    }

    /// Adds a file to the evidence of the running statement.
    func noteEvidence(_ evidence: Evidence?) {
        guard let evidence, !auditFrames.isEmpty else { return }
        auditFrames[auditFrames.count - 1].evidence.append(evidence)
    }

    /// Records the profile the running statement read its file with.
    func noteProfile(_ p: InstalledProfile) {
        guard !auditFrames.isEmpty else { return }
        auditFrames[auditFrames.count - 1].profile = .object([
            AuditField("name", .string(p.profile.name)), AuditField("source", .string(p.source)),
            AuditField("sha256", .string(p.sha256)),
        ])
        if !p.isBuiltin { noteEvidence(FileEvidence.describe(path: p.source, role: .read, sha256: p.sha256)) }
    }

    /// Sets the result of the running statement.
    func noteResult(_ frame: Frame, name: String?, fingerprint: String? = nil) {
        guard !auditFrames.isEmpty else { return }
        auditFrames[auditFrames.count - 1].result = (name, frame)
        auditFrames[auditFrames.count - 1].fingerprint = fingerprint
    }

    /// Warns on standard error and records a `warning` entry.
    func auditWarning(_ message: String, evidence: [Evidence] = []) {
        warn(message)
        guard let audit else { return }
        let record = AuditRecord(event: .warning, parent: auditFrames.last?.seq, evidence: evidence,
                                 detail: .object([AuditField("message", .string(message))]))
        do {
            try audit.append([record], sync: false)
        } catch {
            output.error("ipdr: \(error.description)\n")
        }
    }

    /// Notes the digest of a loaded file and warns when the same file had
    /// other contents at an earlier load in this session.
    func checkReload(_ evidence: Evidence, shownPath: String) {
        if let before = loadedDigests[evidence.path], before != evidence.sha256 {
            auditWarning("\(shownPath) changed since it was loaded earlier in this session (sha256 \(before.prefix(12))… then, \(evidence.sha256.prefix(12))… now)", evidence: [evidence])
        }
        loadedDigests[evidence.path] = evidence.sha256
    }

    func auditOrigin(_ origin: Origin, line: Int) -> AuditOrigin {
        switch origin {
        case .interactive: return AuditOrigin(mode: "interactive", line: line)
        case .command: return AuditOrigin(mode: "command", line: line)
        case .stdin: return AuditOrigin(mode: "stdin", line: line)
        case .script(let path): return AuditOrigin(mode: "script", path: path, line: line)
        case .replay(let log, let seq): return AuditOrigin(mode: "replay", path: log, line: Int(seq))
        }
    }
}

extension StatementError {
    /// The error as one plain line for the audit log.
    func plainMessage(file: SourceFile) -> String {
        switch self {
        case .diagnostic(let d):
            let loc = file.location(of: d.span.start)
            return "\(file.name):\(loc.line):\(loc.column): \(d.message)"
        case .load(let e): return e.description
        case .write(let e): return e.description
        case .scriptUnreadable(let path, let reason, _): return "cannot read script '\(path)': \(reason)"
        case .cancelled: return "cancelled"
        case .alreadyReported: return "a statement of the script failed"
        case .audit(let message), .jobsFailed(let message): return message
        }
    }
}
