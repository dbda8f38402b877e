/// A log's entries grouped by session, each statement with its end and the
/// statements a `run` inside it issued.
public struct SessionHistory: Sendable {
    /// One statement: its `start`, its `end` (nil when interrupted) and the
    /// statements it ran (for `run FILE`).
    public struct Statement: Sendable {
        public var start: AuditEntry
        public var end: AuditEntry?
        public var children: [Statement]

        /// The statement's text.
        public var command: String { start.record.command ?? "" }

        /// True when it ended with status `ok`.
        public var succeeded: Bool { end?.record.status == .ok }

        /// This statement's and its nested statements' ends that carry a
        /// result, in the order they ended.
        public var results: [AuditEntry] {
            let all = [self] + descendants
            return all.compactMap(\.end).filter { $0.record.result != nil }.sorted { $0.seq < $1.seq }
        }

        /// Files read by it or by its nested statements.
        public var evidenceRead: [Evidence] {
            ([self] + descendants).flatMap { $0.end?.record.evidence ?? [] }.filter { $0.role == .read }
        }

        /// Every nested statement, depth first.
        public var descendants: [Statement] { children.flatMap { [$0] + $0.descendants } }
    }

    /// One session.
    public struct Session: Sendable {
        public var id: String
        /// Its `session-start` entry (nil when the log holds only part of the session).
        public var startEntry: AuditEntry?
        /// The statements issued at the top level, in order.
        public var statements: [Statement]

        /// The environment recorded at its start.
        public var environment: AuditEnvironment? { AuditEnvironment(startEntry?.record.detail) }
    }

    /// Sessions in the order they started.
    public var sessions: [Session]

    /// Groups `entries` (well-formed entries of a log, in order).
    public init(_ entries: [AuditEntry]) {
        var order: [String] = []
        var starts: [String: AuditEntry] = [:]
        var bySeq: [Int64: Statement] = [:]
        var childSeqs: [Int64: [Int64]] = [:]
        var topSeqs: [String: [Int64]] = [:]
        for e in entries {
            if !order.contains(e.session) { order.append(e.session) }
            switch e.record.event {
            case .sessionStart:
                starts[e.session] = e
            case .start:
                bySeq[e.seq] = Statement(start: e, end: nil, children: [])
                if let p = e.record.parent { childSeqs[p, default: []].append(e.seq) } else { topSeqs[e.session, default: []].append(e.seq) }
            case .end:
                if let r = e.record.ref { bySeq[r]?.end = e }
            default:
                break
            }
        }
        func build(_ seq: Int64) -> Statement? {
            guard var s = bySeq[seq] else { return nil }
            s.children = (childSeqs[seq] ?? []).compactMap(build)
            return s
        }
        sessions = order.map { id in
            Session(id: id, startEntry: starts[id], statements: (topSeqs[id] ?? []).compactMap(build))
        }
    }

    /// The session whose id is `id` or starts with it.
    public func session(matching id: String) -> [Session] {
        sessions.filter { $0.id == id || $0.id.hasPrefix(id) }
    }
}
