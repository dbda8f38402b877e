import Audit
import Foundation
import Frames
import Language

extension Session {
    /// Rows shown per frame in a report unless `rows=` says otherwise.
    static let defaultReportRows = 1_000
    /// The most rows `rows=` may ask for per frame.
    static let maximumReportRows = 100_000
    /// The drawing width of a report's charts (pages are at most 1,200 pixels wide; charts shrink to fit).
    static let reportChartWidth = 1_000
    /// Columns a report's "top destinations" chart counts, the first one a frame has.
    static let destinationColumns = ["dst_ip", "server_ip", "dst", "server", "destination_ip", "dest_ip"]

    /// `report PATH [with title=TEXT, frames=A,B, rows=N, overwrite=true]`:
    /// writes the case report as one self-contained HTML file, atomically,
    /// and records it as written evidence with its SHA-256.
    func report(_ path: Located<String>, options: [Option]) throws(StatementError) {
        var title = "ipdr case report"
        var chosen: [Identifier]?
        var rowLimit = Self.defaultReportRows
        var overwrite = false
        for option in options {
            let key = option.name.name
            switch key {
            case "title":
                title = option.value.text
            case "frames":
                chosen = Self.frameList(option.value)
                if chosen?.isEmpty ?? true {
                    throw .diagnostic(.error("frames= names no frame", span: option.value.span, hint: "frames=a,b or frames=\"a, b\""))
                }
            case "rows":
                guard case .literal(.int(let n)) = option.value.kind, n >= 0, n <= Self.maximumReportRows else {
                    throw .diagnostic(.error("rows must be a whole number from 0 to \(ValueFormatter.grouped(Int64(Self.maximumReportRows))), got '\(option.value.text)'", span: option.value.span))
                }
                rowLimit = Int(n)
            case "overwrite":
                overwrite = try bool(option.value, option: key)
            default:
                let known = LanguageVocabulary.reportOptionNames
                throw .diagnostic(.error("unknown report option '\(key)'", span: option.name.span, hint: Suggest.closest(to: key, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        var names: [String] = []
        for id in chosen ?? catalog.frameNames.map({ Identifier($0, span: path.span) }) {
            _ = try lookup(id)
            if !names.contains(id.name) { names.append(id.name) }
        }
        if !overwrite, FileManager.default.fileExists(atPath: path.value) { throw .write(.exists(path: path.value)) }

        let report = try caseReport(title: title, frames: names, rowLimit: rowLimit)
        if cancellation.isCancelled { throw .cancelled }
        let bytes = Array(CaseReportHTML().render(report).utf8)
        let written: Int64
        do {
            written = try FrameWriter.writeBytes(bytes, to: path.value, overwrite: overwrite)
        } catch {
            throw .write(error)
        }
        noteEvidence(FileEvidence.describe(path: path.value, role: .written, sha256: SHA256Hex.of(bytes)))
        let n = report.frames.count
        note("wrote case report to \(path.value) (\(ByteCount.text(written))): \(n) frame\(n == 1 ? "" : "s"), \(report.evidence.count) evidence file\(report.evidence.count == 1 ? "" : "s"), \(report.history.count) statement\(report.history.count == 1 ? "" : "s")")
    }

    /// The names of `frames=a,b,c` (or `frames="a, b"`), each with its own span when it can be found.
    static func frameList(_ value: OptionValue) -> [Identifier] {
        let text = value.text
        var out: [Identifier] = []
        var offset = 0
        let quoted: Int
        if case .literal = value.kind { quoted = 1 } else { quoted = 0 }
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let lead = part.prefix { $0 == " " }.utf8.count
            let name = part.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty {
                let start = value.span.start + quoted + offset + lead
                let span = quoted == 0 || !text.contains("\\") ? SourceSpan(start: start, end: start + name.utf8.count) : value.span
                out.append(Identifier(name, span: span))
            }
            offset += part.utf8.count + 1
        }
        return out
    }

    /// Gathers everything the report shows.
    func caseReport(title: String, frames names: [String], rowLimit: Int) throws(StatementError) -> CaseReport {
        let now = Date()
        let micros = Int64((now.timeIntervalSince1970 * 1_000_000).rounded(.down))
        var log: AuditLogReader?
        if let audit { log = try readLog(audit.path) }
        let entries = log?.entries.filter { $0.session == audit?.session } ?? []
        let start = entries.first { $0.record.event == .sessionStart }
        let environment = AuditEnvironment(start?.record.detail)
        var frames: [CaseReport.FrameSection] = []
        for name in names {
            guard let entry = catalog.entry(name) else { continue }
            frames.append(frameSection(name, entry: entry, rowLimit: rowLimit))
        }
        let span = evidenceSpan(names)
        let version = environment?.toolVersion ?? ""
        return CaseReport(
            title: title, analyst: audit?.user, host: audit?.host, session: audit?.session, logPath: audit?.path,
            producer: version.isEmpty ? "ipdr" : "ipdr \(version)",
            generatedUTC: AuditClock.text(now),
            generatedLocal: TimeFormat.iso8601(micros: micros - micros % 1_000_000, zone: settings.tz), zone: settings.tz.name,
            spanUTC: span.map { (TimeFormat.display(micros: $0.first, zone: .utc), TimeFormat.display(micros: $0.last, zone: .utc)) },
            spanLocal: span.map { (TimeFormat.display(micros: $0.first, zone: settings.tz), TimeFormat.display(micros: $0.last, zone: settings.tz)) },
            spanColumns: span?.columns ?? [],
            evidence: evidenceRows(entries), history: historyRows(entries), frames: frames, rowLimit: rowLimit,
            verdict: verdict(log))
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
        guard let session = SessionHistory(entries).sessions.first else { return [] }
        let running = Set(auditFrames.compactMap(\.seq))
        var rows: [CaseReport.HistoryRow] = []
        func add(_ s: SessionHistory.Statement, depth: Int) {
            let status = s.end?.record.status?.rawValue ?? (running.contains(s.start.seq) ? "running" : "interrupted")
            rows.append(.init(seq: s.start.seq, time: s.start.time, status: status, command: s.command,
                              milliseconds: s.end?.record.elapsedMs, depth: depth))
            for c in s.children { add(c, depth: depth + 1) }
        }
        for s in session.statements { add(s, depth: 0) }
        return rows
    }

    /// The verdict of `audit verify` on the session's log.
    func verdict(_ log: AuditLogReader?) -> CaseReport.Verdict {
        guard let log, let path = audit?.path else {
            return .init(intact: nil, lines: ["this session has no audit log, so its history cannot be verified"])
        }
        let report = AuditVerifier(running: Set(auditFrames.compactMap(\.seq))).verify(log)
        let lines = report.text(path: path).split(separator: "\n").map(String.init)
        return .init(intact: report.isIntact, lines: lines)
    }

    /// The first and last instant of `start_time` and `end_time` in the frames that have them.
    func evidenceSpan(_ names: [String]) -> (first: Int64, last: Int64, columns: [String])? {
        var low = Int64.max, high = Int64.min
        var columns: [String] = []
        for name in names {
            guard let frame = catalog.frame(name) else { continue }
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
    func frameSection(_ name: String, entry: CatalogEntry, rowLimit: Int) -> CaseReport.FrameSection {
        let frame = entry.frame
        let formatter = ValueFormatter(zone: settings.tz, groupDigits: false)
        let shown = min(frame.rowCount, rowLimit)
        var cells: [[String?]] = []
        cells.reserveCapacity(shown)
        for r in 0..<shown {
            cells.append(frame.columns.map { formatter.text($0, r) })
        }
        return CaseReport.FrameSection(
            name: name, source: entry.source, fingerprint: entry.fingerprint ?? FrameFingerprint.of(frame),
            rowCount: frame.rowCount, columns: frame.fields.map { ($0.name, $0.type.description) }, cells: cells,
            charts: reportCharts(name, frame: frame))
    }

    /// The charts a frame's columns allow: activity per hour, top destinations, volume per subscriber.
    func reportCharts(_ name: String, frame: Frame) -> [CaseReport.Chart] {
        let plain = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            && !Parser.statementNames.contains(name)
        let source = plain ? name : "`\(name)`"
        var charts: [CaseReport.Chart] = []
        func has(_ column: String, _ types: Set<DataType>) -> Bool {
            frame.index(of: column).map { types.contains(frame.fields[$0].type) } ?? false
        }
        if has("start_time", [.timestamp]) {
            charts.append(reportChart("Activity per hour", "\(source) | chart timeline time=start_time step=1h"))
        }
        if let dst = Self.destinationColumns.first(where: { frame.index(of: $0) != nil }) {
            charts.append(reportChart("Top destinations (\(dst))", "\(source) | summarize sessions = count() by \(dst) | top 10 by sessions | chart bar x=\(dst) y=sessions"))
        }
        if frame.index(of: "msisdn") != nil, has("bytes_up", [.int, .float]), has("bytes_down", [.int, .float]) {
            charts.append(reportChart("Volume per subscriber (bytes_up + bytes_down)", "\(source) | summarize bytes = sum(bytes_up + bytes_down) by msisdn | top 10 by bytes | chart bar x=msisdn y=bytes"))
        }
        return charts
    }

    /// Runs a chart statement of the language and draws it as inline SVG, or says why it could not.
    func reportChart(_ title: String, _ statement: String) -> CaseReport.Chart {
        var chart = CaseReport.Chart(title: title, statement: statement)
        let script = Parser.parse(SourceFile(name: "<report>", text: statement))
        guard let parsed = script.statements.first, case .pipeline(let pipeline)? = parsed.statement else {
            chart.problem = script.diagnostics.first?.message ?? "the chart statement did not parse"
            return chart
        }
        do {
            let (_, data) = try evaluateCharted(pipeline)
            var svg = ChartSVG()
            svg.width = Self.reportChartWidth
            if let data { chart.svg = svg.element(data) }
        } catch {
            switch error {
            case .diagnostic(let d): chart.problem = d.message
            case .cancelled: chart.problem = "cancelled"
            default: chart.problem = "\(error)"
            }
        }
        return chart
    }
}
