import Foundation
import Language

/// A statement running (or run) in the background, as the session keeps it.
final class Job {
    /// The number shown as `[N]` and taken by `wait N` and `cancel N`.
    let id: Int
    /// The statement's text (without the `&`).
    let parsed: ParsedStatement
    let file: SourceFile
    let origin: Origin
    /// Progress and cancellation, shared with the job's thread.
    let control: JobControl
    /// When it was submitted (uptime nanoseconds).
    let submitted: UInt64
    /// The audit bookkeeping of its statement, set aside until it ends.
    var audit: AuditFrame
    var status: JobStatus = .running
    /// The frame name its result is stored under (`load`, `let`).
    let installs: String?
    /// Takes the work's outcome and installs it (session thread); returns the
    /// message. Set to nil once called.
    var complete: (() throws(StatementError) -> String)?
    /// When the session took its outcome (uptime nanoseconds).
    var ended: UInt64?

    init(id: Int, parsed: ParsedStatement, file: SourceFile, origin: Origin, control: JobControl, audit: AuditFrame,
         installs: String?, complete: @escaping () throws(StatementError) -> String) {
        self.installs = installs
        self.id = id
        self.parsed = parsed
        self.file = file
        self.origin = origin
        self.control = control
        self.audit = audit
        self.complete = complete
        submitted = DispatchTime.now().uptimeNanoseconds
    }

    /// The statement on one line, as listed by `jobs`.
    var command: String { Session.oneLine(parsed.text) }

    /// Seconds from submission to the end of its work (or to now while it runs).
    var seconds: Double {
        let end = control.finished ?? DispatchTime.now().uptimeNanoseconds
        return Double(end - min(end, submitted)) / 1e9
    }
}
