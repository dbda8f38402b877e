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
        try runHere(prepareReport(path, options: options))
    }

    /// Checks the options, resolves the frames and binds the charts here; the
    /// work reads and verifies the audit log, draws the charts over the frames
    /// as they are now, renders the page and writes it (`ReportRequest`).
    func prepareReport(_ path: Located<String>, options: [Option]) throws(StatementError) -> PreparedStatement<ReportRequest.Output> {
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
        var charts: [String: [ReportRequest.ChartPlan]] = [:]
        for name in names {
            if let frame = catalog.frame(name) { charts[name] = reportCharts(name, frame: frame) }
        }
        let running = Set(auditFrames.compactMap(\.seq) + runningJobs.compactMap(\.audit.seq))
        let request = ReportRequest(path: path.value, title: title, overwrite: overwrite, names: names, rowLimit: rowLimit,
                                    frames: catalog, zone: settings.tz, charts: charts, logPath: audit?.path,
                                    session: audit?.session, user: audit?.user, host: audit?.host,
                                    ownSeq: auditFrames.last?.seq, running: running, loadedDigests: loadedDigests)
        return PreparedStatement(work: { control throws(StatementError) in try request.run(control) }, finish: { output, announce in
            self.noteEvidence(output.evidence)
            announce(output.message)
        })
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

    /// The charts a frame's columns allow: activity per hour, top destinations, volume per subscriber.
    func reportCharts(_ name: String, frame: Frame) -> [ReportRequest.ChartPlan] {
        let plain = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            && !Parser.statementNames.contains(name)
        let source = plain ? name : "`\(name)`"
        var charts: [ReportRequest.ChartPlan] = []
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

    /// Parses and binds a chart statement of the language; the report's work runs it.
    func reportChart(_ title: String, _ statement: String) -> ReportRequest.ChartPlan {
        var chart = ReportRequest.ChartPlan(title: title, statement: statement)
        let script = Parser.parse(SourceFile(name: "<report>", text: statement))
        guard let parsed = script.statements.first, case .pipeline(let pipeline)? = parsed.statement else {
            chart.problem = script.diagnostics.first?.message ?? "the chart statement did not parse"
            return chart
        }
        do {
            chart.plan = try bind(pipeline)
            chart.pipeline = pipeline
        } catch {
            switch error {
            case .diagnostic(let d): chart.problem = d.message
            default: chart.problem = "\(error)"
            }
        }
        return chart
    }
}
