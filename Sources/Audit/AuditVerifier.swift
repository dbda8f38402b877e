import Crypto

/// Checks a log: every line well formed and hashed as stored, each `prev`
/// the hash of the line before, `seq` counting up from 1 with no gap or
/// duplicate, and — with a public key — every seal's signature and every
/// outside checkpoint against the entries it names.
public struct AuditVerifier {
    /// The key seals and checkpoints must be signed with; nil checks the chain only.
    public var key: Curve25519.Signing.PublicKey?
    /// Checkpoints kept outside the log (`LOG.checkpoints`).
    public var checkpoints: [Checkpoint]
    /// `start` entries still running in this process (not reported as interrupted).
    public var running: Set<Int64>

    public init(key: Curve25519.Signing.PublicKey? = nil, checkpoints: [Checkpoint] = [], running: Set<Int64> = []) {
        self.key = key
        self.checkpoints = checkpoints
        self.running = running
    }

    /// Verifies a log already read.
    public func verify(_ log: AuditLogReader) -> VerifyReport {
        var report = VerifyReport()
        var sessions = Set<String>()
        var seen: [String: Int] = [:]
        var open: [Int64: VerifyReport.Interrupted] = [:]
        var hashes: [String] = []
        var prevHash = SHA256Hex.zero
        let keyID = key.map(SealKeys.keyID)
        for line in log.lines {
            let entry: AuditEntry
            switch line.entry {
            case .success(let e): entry = e
            case .failure(let p):
                report.broken = .init(line: line.number, problem: p.description)
                return finish(report, open: open, sessions: sessions)
            }
            if let first = seen[entry.hash] {
                report.broken = .init(line: line.number, problem: "duplicate of line \(first)")
                return finish(report, open: open, sessions: sessions)
            }
            if entry.prev != prevHash {
                report.broken = .init(line: line.number, problem: "prev mismatch: the entry before has hash \(prevHash.prefix(12))…, this one names \(entry.prev.prefix(12))… (a line was removed, inserted or moved)")
                return finish(report, open: open, sessions: sessions)
            }
            let expected = Int64(report.entries + 1)
            if entry.seq != expected {
                report.broken = .init(line: line.number, problem: "seq \(entry.seq) where \(expected) was expected")
                return finish(report, open: open, sessions: sessions)
            }
            seen[entry.hash] = line.number
            hashes.append(entry.hash)
            prevHash = entry.hash
            report.entries += 1
            sessions.insert(entry.session)
            switch entry.record.event {
            case .start:
                open[entry.seq] = .init(line: line.number, seq: entry.seq, session: entry.session, command: entry.record.command ?? "")
            case .end:
                if let ref = entry.record.ref { open[ref] = nil }
            case .quarantine:
                report.quarantines += 1
            case .seal:
                if let problem = checkSeal(entry, hashes: hashes, keyID: keyID) {
                    report.broken = .init(line: line.number, problem: problem)
                    return finish(report, open: open, sessions: sessions)
                }
                report.seals += 1
            case .sessionStart, .warning:
                break
            }
        }
        if let tail = log.unterminated {
            report.broken = .init(line: log.lines.count + 1, problem: "unterminated last line (\(tail.count) bytes): a write was cut off, e.g. by a crash; the next ipdr session on this log moves it aside")
            return finish(report, open: open, sessions: sessions)
        }
        if key != nil {
            for c in checkpoints {
                if let problem = checkCheckpoint(c, hashes: hashes, keyID: keyID) {
                    report.broken = .init(line: min(Int(c.entries), hashes.count), problem: problem)
                    return finish(report, open: open, sessions: sessions)
                }
                report.checkpoints += 1
            }
        }
        return finish(report, open: open, sessions: sessions)
    }

    private func finish(_ r: VerifyReport, open: [Int64: VerifyReport.Interrupted], sessions: Set<String>) -> VerifyReport {
        var r = r
        r.sessions = sessions.count
        r.interrupted = open.values.filter { !running.contains($0.seq) }.sorted { $0.seq < $1.seq }
        return r
    }

    /// A seal must sign the entries before it; with a key, with that key.
    private func checkSeal(_ entry: AuditEntry, hashes: [String], keyID: String?) -> String? {
        guard let c = Checkpoint(entry.record.detail) else { return "seal without a checkpoint" }
        guard c.entries == entry.seq - 1, c.head == entry.prev else {
            return "seal names \(c.entries) entries ending in \(c.head.prefix(12))…, but it follows entry \(entry.seq - 1) with hash \(entry.prev.prefix(12))…"
        }
        guard let key else { return nil }
        if c.key != keyID { return "seal signed with key \(c.key), not the key given (\(keyID ?? ""))" }
        if !c.isSigned(by: key) { return "seal signature does not verify: the entries before it were rewritten or the seal forged" }
        return nil
    }

    /// An outside checkpoint: signed by the key, and the log still holds that
    /// many entries, the last of them with that hash.
    private func checkCheckpoint(_ c: Checkpoint, hashes: [String], keyID: String?) -> String? {
        guard let key else { return nil }
        if c.key != keyID { return "checkpoint of \(c.time) signed with key \(c.key), not the key given" }
        if !c.isSigned(by: key) { return "checkpoint of \(c.time) has a bad signature" }
        guard c.entries >= 1, Int(c.entries) <= hashes.count else {
            return "truncated: a checkpoint of \(c.time) signed \(c.entries) entries, the log has \(hashes.count)"
        }
        guard hashes[Int(c.entries) - 1] == c.head else {
            return "rewritten: a checkpoint of \(c.time) signed entry \(c.entries) with hash \(c.head.prefix(12))…, the log has \(hashes[Int(c.entries) - 1].prefix(12))…"
        }
        return nil
    }
}
