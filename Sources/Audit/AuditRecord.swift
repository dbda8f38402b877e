/// The event-specific part of an audit entry; `AuditLog` adds the sequence
/// number, time, session, user, host and the chain (`prev`, `hash`).
public struct AuditRecord: Sendable, Equatable {
    public var event: AuditEvent
    /// The statement's text exactly as typed (`start`, `end`).
    public var command: String?
    public var origin: AuditOrigin?
    /// For a statement run by `run FILE`: the `seq` of that `run` statement's `start`.
    public var parent: Int64?
    /// For `end`: the `seq` of its `start`.
    public var ref: Int64?
    public var status: AuditStatus?
    public var error: String?
    /// Run time in milliseconds (`end`).
    public var elapsedMs: Double?
    public var result: AuditResult?
    public var evidence: [Evidence]
    public var plugins: [PluginRecord]
    /// Event-specific data: the environment, a quarantine, a seal, a warning message.
    public var detail: AuditValue?

    public init(
        event: AuditEvent, command: String? = nil, origin: AuditOrigin? = nil, parent: Int64? = nil, ref: Int64? = nil,
        status: AuditStatus? = nil, error: String? = nil, elapsedMs: Double? = nil, result: AuditResult? = nil,
        evidence: [Evidence] = [], plugins: [PluginRecord] = [], detail: AuditValue? = nil
    ) {
        self.event = event
        self.command = command
        self.origin = origin
        self.parent = parent
        self.ref = ref
        self.status = status
        self.error = error
        self.elapsedMs = elapsedMs
        self.result = result
        self.evidence = evidence
        self.plugins = plugins
        self.detail = detail
    }
}
