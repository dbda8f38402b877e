/// Why the audit log cannot be used. Every case names the log and says why,
/// in one line.
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The log (or its lock file) cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// Another ipdr holds the log's lock.
    case locked(path: String, holder: Int32?)
    /// An entry could not be written or flushed to stable storage.
    case cannotWrite(path: String, reason: String)
    /// The log is damaged before its last line; ipdr will not add to it.
    case damaged(path: String, line: Int, problem: String)
    /// A torn last line could not be moved aside.
    case cannotQuarantine(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let p, let r):
            return "cannot open the audit log \(p): \(r)"
        case .locked(let p, let pid):
            let who = pid.map { "another ipdr (pid \($0))" } ?? "another ipdr"
            return "the audit log \(p) is in use by \(who); wait for it to finish or give another log with --audit PATH"
        case .cannotWrite(let p, let r):
            return "cannot write the audit log \(p): \(r)"
        case .damaged(let p, let line, let problem):
            return "the audit log \(p) is damaged at line \(line) (\(problem)); check it with ipdr audit verify \(p) and move it aside to start a new log"
        case .cannotQuarantine(let p, let r):
            return "cannot move the torn end of the audit log \(p) aside: \(r)"
        }
    }
}
