import Audit
import Foundation
import Frames
import Language

/// The work of a `report`, with everything it needs as values: the options,
/// the frames as they were when the statement was issued, the session's
/// identity and audit log path, and the charts already bound. It reads the
/// audit log back up to the report's own `start` entry, verifies it, draws
/// the charts, renders the page and writes it atomically. Runs on any thread.
struct ReportRequest: Sendable {
    /// A chart the report draws for a frame: bound on the session's thread,
    /// run by the work (or why it could not be bound).
    struct ChartPlan: Sendable {
        var title: String
        /// The statement that draws the same chart in the shell.
        var statement: String
        var plan: Plan?
        var pipeline: Pipeline?
        var problem: String?
    }

    /// What the report did, for the session to record.
    struct Output: Sendable {
        /// The page written, with its SHA-256.
        var evidence: Evidence?
        /// `wrote case report to case.html (12.0 KB): …`.
        var message: String
    }

    var path: String
    var title: String
    var overwrite: Bool
    /// The frames shown, in order.
    var names: [String]
    var rowLimit: Int
    /// The frames as they were when the statement was issued.
    var frames: Catalog
    var zone: Zone
    /// The charts of each shown frame, by name.
    var charts: [String: [ChartPlan]]
    /// The session's audit log, or nil when it has none.
    var logPath: String?
    var session: String?
    var user: String?
    var host: String?
    /// The `seq` of the report's own `start` entry: the log is read up to it.
    var ownSeq: Int64?
    /// `start` entries still running (the report itself, an enclosing `run`, running jobs).
    var running: Set<Int64>
    /// Files read in the session with their SHA-256 (for a session without a log).
    var loadedDigests: [String: String]

    /// Builds and writes the page; a cancelled or failed report leaves no
    /// file and no temporary file, and an existing file is kept unless `overwrite`.
    func run(_ control: JobControl) throws(StatementError) -> Output {
        if control.isCancelled { throw .cancelled }
        if !overwrite, FileManager.default.fileExists(atPath: path) { throw .write(.exists(path: path)) }
        let report = try caseReport(control)
        if control.isCancelled { throw .cancelled }
        let bytes = Array(CaseReportHTML().render(report).utf8)
        let written: Int64
        do {
            written = try FrameWriter.writeBytes(bytes, to: path, overwrite: overwrite, isCancelled: { control.isCancelled },
                                                 progress: { control.report(done: $0, total: 0) })
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .write(error)
        }
        let n = report.frames.count
        let message = "wrote case report to \(path) (\(ByteCount.text(written))): \(n) frame\(n == 1 ? "" : "s"), \(report.evidence.count) evidence file\(report.evidence.count == 1 ? "" : "s"), \(report.history.count) statement\(report.history.count == 1 ? "" : "s")"
        return Output(evidence: FileEvidence.describe(path: path, role: .written, sha256: SHA256Hex.of(bytes)), message: message)
    }

    /// Gathers everything the report shows.
    func caseReport(_ control: JobControl) throws(StatementError) -> CaseReport {
        let now = Date()
        let micros = Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var log: AuditLogReader?
        if let logPath {
            switch AuditLogReader.read(path: logPath) {
            case .success(let r): log = Self.upTo(r, seq: ownSeq, session: session)
            case .failure(let e): throw .audit(e.description)
            }
        }
        let entries = log?.entries.filter { $0.session == session } ?? []
        let start = entries.first { $0.record.event == .sessionStart }
        let environment = AuditEnvironment(start?.record.detail)
        var sections: [CaseReport.FrameSection] = []
        for name in names {
            if control.isCancelled { throw .cancelled }
            guard let entry = frames.entry(name) else { continue }
            sections.append(try frameSection(name, entry: entry, control: control))
        }
        let span = evidenceSpan()
        let version = environment?.toolVersion ?? ""
        return CaseReport(
            title: title, analyst: user, host: host, session: session, logPath: logPath,
            producer: version.isEmpty ? "ipdr" : "ipdr \(version)",
            generatedUTC: AuditClock.text(now),
            generatedLocal: TimeFormat.iso8601(micros: micros - micros % 1_000_000, zone: zone), zone: zone.name,
            spanUTC: span.map { (TimeFormat.display(micros: $0.first, zone: .utc), TimeFormat.display(micros: $0.last, zone: .utc)) },
            spanLocal: span.map { (TimeFormat.display(micros: $0.first, zone: zone), TimeFormat.display(micros: $0.last, zone: zone)) },
            spanColumns: span?.columns ?? [],
            evidence: evidenceRows(entries), history: historyRows(entries), frames: sections, rowLimit: rowLimit,
            verdict: verdict(log))
    }

    /// The log as it was when the report was issued: its lines up to the
    /// report's own `start` entry. Statements issued while a background
    /// report runs (and a line being written) are not part of it.
    static func upTo(_ log: AuditLogReader, seq: Int64?, session: String?) -> AuditLogReader {
        guard let seq, let last = log.lines.firstIndex(where: {
            guard case .success(let e) = $0.entry else { return false }
            return e.seq == seq && e.session == session
        }) else { return log }
        var cut = log
        cut.lines = Array(log.lines[...last])
        cut.unterminated = nil
        return cut
    }

    /// Files read or written: each (role, path, SHA-256) once, first use first,
    /// then files of `loadedDigests` the log does not hold (a session without a log).
    func evidenceRows(_ entries: [AuditEntry]) -> [CaseReport.EvidenceRow] {
        var rows: [CaseReport.EvidenceRow] = []
        var seen = Set<String>()
        for e in entries where e.record.event == .end || e.record.event == .sessionStart || e.record.event == .warning {
            // The result's rows belong to the data file: not to a profile it was read with, nor to a sidecar.
            let profile = e.record.detail?["profile"]?["source"]?.stringValue.map(FileEvidence.resolvedPath)
            let data = e.record.event == .end
                ? e.record.evidence.firstIndex { $0.path != profile && !$0.path.hasSuffix(".provenance.json") } : nil
            for (i, ev) in e.record.evidence.enumerated() {
                let key = "\(ev.role.rawValue)\u{0}\(ev.path)\u{0}\(ev.sha256)"
                guard seen.insert(key).inserted else { continue }
                let frameRows = i == data ? e.record.result?.rows : nil
                rows.append(.init(role: ev.role.rawValue, path: ev.path, sha256: ev.sha256, size: ev.size, rows: frameRows,
                                  seq: e.record.ref ?? e.seq, time: e.time))
            }
        }
        for (path, sha) in loadedDigests.sorted(by: { $0.key < $1.key }) where !seen.contains("read\u{0}\(path)\u{0}\(sha)") {
            var size: Int64?
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path), let n = attributes[.size] as? NSNumber {
                size = n.int64Value
            }
            rows.append(.init(role: "read", path: path, sha256: sha, size: size))
        }
        return rows
    }

    /// The session's statements in the order issued, nested ones under their `run`.
    func historyRows(_ entries: [AuditEntry]) -> [CaseReport.HistoryRow] {
        guard let history = SessionHistory(entries).sessions.first else { return [] }
        var rows: [CaseReport.HistoryRow] = []
        func add(_ s: SessionHistory.Statement, depth: Int) {
            let status = s.end?.record.status?.rawValue ?? (running.contains(s.start.seq) ? "running" : "interrupted")
            rows.append(.init(seq: s.start.seq, time: s.start.time, status: status, command: s.command,
                              milliseconds: s.end?.record.elapsedMs, depth: depth))
            for c in s.children { add(c, depth: depth + 1) }
        }
        for s in history.statements { add(s, depth: 0) }
        return rows
    }

    /// The verdict of `audit verify` on the session's log (as far as it was read).
    func verdict(_ log: AuditLogReader?) -> CaseReport.Verdict {
        guard let log, let logPath else {
            return .init(intact: nil, lines: ["this session has no audit log, so its history cannot be verified"])
        }
        let report = AuditVerifier(running: running).verify(log)
        let lines = report.text(path: logPath).split(separator: "\n").map(String.init)
        return .init(intact: report.isIntact, lines: lines)
    }

    /// The first and last instant of `start_time` and `end_time` in the frames that have them.
    func evidenceSpan() -> (first: Int64, last: Int64, columns: [String])? {
        var low = Int64.max, high = Int64.min
        var columns: [String] = []
        for name in names {
            guard let frame = frames.frame(name) else { continue }
            for column in ["start_time", "end_time"] {
                guard let c = frame.column(column), case .timestamp(let values) = c.values else { continue }
                var any = false
                for r in 0..<frame.rowCount where c.isValid(r) {
                    any = true
                    low = min(low, values[r])
                    high = max(high, values[r])
                }
                if any { columns.append("\(name).\(column)") }
            }
        }
        return columns.isEmpty ? nil : (low, high, columns)
    }

    /// A frame's first rows, fingerprint and charts.
    func frameSection(_ name: String, entry: CatalogEntry, control: JobControl) throws(StatementError) -> CaseReport.FrameSection {
        let frame = entry.frame
        let formatter = ValueFormatter(zone: zone, groupDigits: false)
        let shown = min(frame.rowCount, rowLimit)
        var cells: [[String?]] = []
        cells.reserveCapacity(shown)
        for r in 0..<shown {
            if r % 4_096 == 0, control.isCancelled { throw .cancelled }
            cells.append(frame.columns.map { formatter.text($0, r) })
        }
        var drawn: [CaseReport.Chart] = []
        for chart in charts[name] ?? [] {
            drawn.append(try draw(chart, control: control))
        }
        return CaseReport.FrameSection(
            name: name, source: entry.source, fingerprint: entry.fingerprint ?? FrameFingerprint.of(frame),
            rowCount: frame.rowCount, columns: frame.fields.map { ($0.name, $0.type.description) }, cells: cells,
            charts: drawn)
    }

    /// Runs a chart's statement over the frames and draws it as inline SVG, or says why it could not.
    func draw(_ planned: ChartPlan, control: JobControl) throws(StatementError) -> CaseReport.Chart {
        var chart = CaseReport.Chart(title: planned.title, statement: planned.statement)
        guard let plan = planned.plan, let pipeline = planned.pipeline else {
            chart.problem = planned.problem ?? "the chart statement did not parse"
            return chart
        }
        do {
            let (_, data) = try Session.runPlan(plan, pipeline: pipeline, frames: frames, zone: zone, flag: control.flag)
            var svg = ChartSVG()
            svg.width = Session.reportChartWidth
            if let data { chart.svg = svg.element(data) }
        } catch {
            switch error {
            case .cancelled: throw .cancelled
            case .diagnostic(let d): chart.problem = d.message
            default: chart.problem = "\(error)"
            }
        }
        return chart
    }
}
