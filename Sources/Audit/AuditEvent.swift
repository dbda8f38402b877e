/// What an audit entry records.
public enum AuditEvent: String, Sendable, CaseIterable {
    /// The first entry of a session: tool version, OS, user, host, working
    /// directory, time zone setting and command-line arguments (in `detail`).
    case sessionStart = "session-start"
    /// A statement is about to run (written and flushed before it runs).
    case start
    /// A statement finished (status, error, time, result, evidence).
    case end
    /// Something the analyst was warned about (`detail.message`).
    case warning
    /// A torn last line was moved aside when the log was opened (`detail`).
    case quarantine
    /// A signed checkpoint over the entries before it (`detail`).
    case seal
}

/// How a statement ended.
public enum AuditStatus: String, Sendable, CaseIterable {
    /// It ran and succeeded.
    case ok
    /// It ran and failed (`error` says why).
    case failed
    /// It was cancelled (Ctrl-C); frames are unchanged.
    case cancelled
    /// It did not run: the text it came in had a syntax error.
    case rejected
    /// It did not run: an earlier statement failed, or `exit` came first.
    case skipped
}
