/// What a case report says, gathered by `report PATH` before anything is
/// rendered: the case, the evidence, the audited history, the frames with
/// their charts and the audit log's verdict. Every text is as it came from
/// the session or the evidence; `CaseReportHTML` escapes it.
struct CaseReport {
    /// A file read or written in the session.
    struct EvidenceRow {
        var role: String
        var path: String
        var sha256: String
        var size: Int64?
        /// Rows of the frame loaded from or saved to the file, when the statement recorded them.
        var rows: Int?
        /// The `seq` of the statement that read or wrote it (nil: known from the session only).
        var seq: Int64?
        var time: String?
    }

    /// One audited statement of the session.
    struct HistoryRow {
        var seq: Int64
        var time: String
        /// `ok`, `failed`, `cancelled`, `rejected`, `skipped`, `running` (this report), `interrupted`.
        var status: String
        var command: String
        var milliseconds: Double?
        /// 0 at the top level, 1 inside a `run`, ...
        var depth: Int
    }

    /// A chart drawn from a frame, or why it could not be.
    struct Chart {
        var title: String
        /// The statement that draws the same chart in the shell.
        var statement: String
        /// An inline `<svg>` element.
        var svg: String?
        var problem: String?
    }

    /// A frame shown as a table (its first rows) with its charts.
    struct FrameSection {
        var name: String
        var source: String
        var fingerprint: String
        var rowCount: Int
        var columns: [(name: String, type: String)]
        /// The shown rows' cells as text (nil: null).
        var cells: [[String?]]
        var charts: [Chart]
    }

    /// The audit log's verification verdict.
    struct Verdict {
        /// Whether the chain holds; nil when there is no log to check.
        var intact: Bool?
        /// The verdict line and any warnings, as `audit verify` prints them.
        var lines: [String]
    }

    var title: String
    var analyst: String?
    var host: String?
    var session: String?
    var logPath: String?
    /// `ipdr VERSION` as the log recorded it, `ipdr` without a log.
    var producer: String
    var generatedUTC: String
    var generatedLocal: String
    var zone: String
    /// First and last instant of `start_time`/`end_time` over the chosen frames (UTC and local text).
    var spanUTC: (first: String, last: String)?
    var spanLocal: (first: String, last: String)?
    /// The columns the span was taken from, e.g. `ipdr.start_time`.
    var spanColumns: [String]
    var evidence: [EvidenceRow]
    var history: [HistoryRow]
    var frames: [FrameSection]
    /// Rows shown per frame at most.
    var rowLimit: Int
    var verdict: Verdict
}
