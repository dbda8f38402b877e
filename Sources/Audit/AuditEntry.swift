/// One line of the audit log.
///
/// Keys are always written, in this order (null or `[]` when they do not
/// apply): `seq`, `time`, `session`, `user`, `host`, `event`, `command`,
/// `origin`, `parent`, `ref`, `status`, `error`, `elapsed_ms`, `result`,
/// `evidence`, `plugins`, `detail`, `prev`, `hash`.
public struct AuditEntry: Sendable, Equatable {
    /// 1 for the first entry of a log, then one more per entry.
    public var seq: Int64
    /// When the entry was written: UTC, ISO 8601 with milliseconds.
    public var time: String
    /// The session's random id.
    public var session: String
    public var user: String
    public var host: String
    public var record: AuditRecord
    /// The `hash` of the entry before, or 64 zeros for the first entry.
    public var prev: String
    /// SHA-256 of this entry's line as stored, without its `hash` member (see `EntryLine`).
    public var hash: String

    public init(seq: Int64, time: String, session: String, user: String, host: String, record: AuditRecord, prev: String, hash: String = "") {
        self.seq = seq
        self.time = time
        self.session = session
        self.user = user
        self.host = host
        self.record = record
        self.prev = prev
        self.hash = hash
    }

    /// The members in canonical order, without `hash`.
    public var fieldsWithoutHash: [AuditField] {
        let r = record
        return [
            AuditField("seq", .int(seq)),
            AuditField("time", .string(time)),
            AuditField("session", .string(session)),
            AuditField("user", .string(user)),
            AuditField("host", .string(host)),
            AuditField("event", .string(r.event.rawValue)),
            AuditField("command", .string(r.command)),
            AuditField("origin", r.origin?.value ?? .null),
            AuditField("parent", r.parent.map { .int($0) } ?? .null),
            AuditField("ref", r.ref.map { .int($0) } ?? .null),
            AuditField("status", .string(r.status?.rawValue)),
            AuditField("error", .string(r.error)),
            AuditField("elapsed_ms", r.elapsedMs.map { .number(Self.milliseconds($0)) } ?? .null),
            AuditField("result", r.result?.value ?? .null),
            AuditField("evidence", .array(r.evidence.map(\.value))),
            AuditField("plugins", .array(r.plugins.map(\.value))),
            AuditField("detail", r.detail ?? .null),
            AuditField("prev", .string(prev)),
        ]
    }

    /// The key order of a stored entry.
    public static let keys = [
        "seq", "time", "session", "user", "host", "event", "command", "origin", "parent", "ref", "status", "error",
        "elapsed_ms", "result", "evidence", "plugins", "detail", "prev", "hash",
    ]

    /// Milliseconds with three decimals (microsecond resolution).
    static func milliseconds(_ ms: Double) -> String {
        let micros = Int64((max(0, ms) * 1000).rounded())
        let frac = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// Reads an entry from a parsed line; nil when a member is missing, out of
    /// order or of the wrong kind.
    public init?(_ v: AuditValue) {
        guard case .object(let fields) = v, fields.map(\.key) == Self.keys,
              let seq = v["seq"]?.intValue, let time = v["time"]?.stringValue, let session = v["session"]?.stringValue,
              let user = v["user"]?.stringValue, let host = v["host"]?.stringValue,
              let event = v["event"]?.stringValue.flatMap(AuditEvent.init(rawValue:)),
              let prev = v["prev"]?.stringValue, let hash = v["hash"]?.stringValue,
              let evidence = v["evidence"]?.arrayValue, let plugins = v["plugins"]?.arrayValue
        else { return nil }
        var r = AuditRecord(event: event)
        r.command = v["command"]?.stringValue
        r.origin = AuditOrigin(v["origin"])
        r.parent = v["parent"]?.intValue
        r.ref = v["ref"]?.intValue
        r.status = v["status"]?.stringValue.flatMap(AuditStatus.init(rawValue:))
        r.error = v["error"]?.stringValue
        r.elapsedMs = v["elapsed_ms"]?.doubleValue
        r.result = AuditResult(v["result"])
        r.evidence = evidence.compactMap(Evidence.init)
        r.plugins = plugins.compactMap(PluginRecord.init)
        if let d = v["detail"], !d.isNull { r.detail = d }
        self.init(seq: seq, time: time, session: session, user: user, host: host, record: r, prev: prev, hash: hash)
    }
}
