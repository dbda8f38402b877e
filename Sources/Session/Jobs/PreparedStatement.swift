import Language

/// A statement split in two so that it can run as a job: `work` needs only
/// Sendable values (a snapshot of the frames it reads, paths, options, its
/// `JobControl`) and may run on another thread; `finish` runs on the
/// session's thread with what `work` returned, installs the result, notes
/// the evidence for the audit log and hands the line to show to `announce`
/// (printed at once in the foreground, as the job's `done` notice in the
/// background), before any warnings it gives.
///
/// Run in the foreground, the two simply follow each other.
struct PreparedStatement<Output: Sendable> {
    /// The long part.
    var work: @Sendable (JobControl) throws(StatementError) -> Output
    /// Installs the result and announces it (`saved 3 rows to …`).
    var finish: (Output, _ announce: (String) -> Void) throws(StatementError) -> Void
    /// The frame name the statement stores its result under, if any.
    var installs: String?
}
