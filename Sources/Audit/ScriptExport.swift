/// Turns a recorded session into a replayable `.ipdr` script: the chosen
/// statements in order, each preceded by `#` comments giving its `seq`, where
/// it came from, the files it read or wrote with their SHA-256, and its result.
public enum ScriptExport {
    /// The script text for `session` of the log at `logPath`, with the
    /// statements `include` accepts.
    public static func render(_ session: SessionHistory.Session, logPath: String,
                              include: (SessionHistory.Statement) -> Bool) -> String {
        var out = "# ipdr audit export of session \(session.id) from \(logPath)\n"
        if let env = session.environment, let start = session.startEntry {
            out += "# started \(start.time) by \(env.user)@\(env.host), ipdr \(env.toolVersion), tz \(env.tz)\n"
            out += "# working directory \(env.cwd) (relative paths below are relative to it)\n"
        }
        out += "# check and re-run with: ipdr replay \(logPath) --session \(session.id)\n"
        for s in session.statements where include(s) {
            out += "\n# seq \(s.start.seq)\(origin(s.start.record.origin))\n"
            for e in ([s] + s.descendants).flatMap({ $0.end?.record.evidence ?? [] }) {
                out += "# evidence \(e.role.rawValue) \(e.path) size \(e.size) sha256 \(e.sha256)\n"
            }
            if let r = s.end?.record.result {
                out += "# result \(r.rows) rows × \(r.columns) columns, fingerprint \(r.fingerprint)\n"
            }
            out += s.command + "\n"
        }
        return out
    }

    static func origin(_ o: AuditOrigin?) -> String {
        guard let o else { return "" }
        if let p = o.path, o.mode == "script" { return ", \(p) line \(o.line)" }
        if o.mode == "replay" { return ", replayed" }
        return ", \(o.mode) line \(o.line)"
    }
}
