/// What `AuditVerifier` found.
public struct VerifyReport: Sendable, Equatable {
    /// The first break in the chain: its line and what is wrong.
    public struct Break: Sendable, Equatable {
        public var line: Int
        public var problem: String
    }

    /// A statement whose `start` has no `end` (a crash, a kill, or still running).
    public struct Interrupted: Sendable, Equatable {
        public var line: Int
        public var seq: Int64
        public var session: String
        public var command: String
    }

    /// Entries read up to the break (all of them when there is none).
    public var entries = 0
    /// Distinct sessions among them.
    public var sessions = 0
    /// `seal` entries whose signature was checked (with a key) or seen (without).
    public var seals = 0
    /// Checkpoints from a checkpoint file that were checked.
    public var checkpoints = 0
    /// Torn tails that were moved aside (`quarantine` entries).
    public var quarantines = 0
    public var broken: Break?
    public var interrupted: [Interrupted] = []

    /// True when the chain holds (interrupted statements are warnings, not breaks).
    public var isIntact: Bool { broken == nil }

    /// The report as text: one verdict line, then a line per warning.
    public func text(path: String) -> String {
        var out: String
        if let b = broken {
            out = "audit log \(path): BROKEN at line \(b.line): \(b.problem)\n"
        } else {
            out = "audit log \(path): OK, \(entries) entr\(entries == 1 ? "y" : "ies"), \(sessions) session\(sessions == 1 ? "" : "s")"
            if seals > 0 { out += ", \(seals) seal\(seals == 1 ? "" : "s")" }
            if checkpoints > 0 { out += ", \(checkpoints) checkpoint\(checkpoints == 1 ? "" : "s") outside the log" }
            out += "\n"
        }
        for q in interrupted {
            out += "warning: line \(q.line): statement \(q.seq) of session \(q.session) started but has no end (interrupted): \(Self.oneLine(q.command))\n"
        }
        if quarantines > 0 {
            out += "note: \(quarantines) torn tail\(quarantines == 1 ? " was" : "s were") moved aside (see the quarantine entries)\n"
        }
        return out
    }

    static func oneLine(_ s: String) -> String {
        let flat = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
    }
}
