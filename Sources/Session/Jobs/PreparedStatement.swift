import Language

/// A statement split in two so that it can run as a job: `work` needs only
/// Sendable values (a snapshot of the frames it reads, paths, options, its
/// `JobControl`) and may run on another thread; `finish` runs on the
/// session's thread with what `work` returned, installs the result, notes
/// the evidence for the audit log and returns the line to show.
///
/// Run in the foreground, the two simply follow each other.
struct PreparedStatement<Output: Sendable> {
    /// The long part.
    var work: @Sendable (JobControl) throws(StatementError) -> Output
    /// Installs the result; returns the message (`saved 3 rows to …`).
    var finish: (Output) throws(StatementError) -> String
    /// The frame name the statement stores its result under, if any.
    var installs: String?
}
