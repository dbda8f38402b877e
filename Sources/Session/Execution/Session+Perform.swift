import Audit
import Foundation
import Frames
import Language

extension Session {
    /// Runs one statement.
    func perform(_ statement: Statement, span: SourceSpan, file: SourceFile, origin: Origin) throws(StatementError) {
        switch statement {
        case .load(let path, let name, let options):
            try load(path: path, name: name, options: options, origin: origin)
        case .let(let name, let pipeline):
            try runHere(prepareLet(name, pipeline: pipeline))
        case .pipeline(let pipeline):
            let (frame, chart) = try evaluateCharted(pipeline)
            if let chart {
                noteResult(chart.table, name: nil)
                emitChart(chart)
            } else {
                noteResult(frame, name: nil)
                emit(frame)
            }
        case .save(let source, let path, let options):
            try save(source, path: path, options: options)
        case .frames:
            emit(framesListing(), listing: true)
        case .describe(let name):
            let frame = try lookup(name)
            emit(FrameStatistics.describe(frame, zone: settings.tz), listing: true)
            if outputFormat == .table, let details = catalog.entry(name.name)?.details, !details.isEmpty {
                output.standard(details.map { "\($0.key): \($0.value)\n" }.joined())
            }
        case .drop(let name):
            _ = try lookup(name)
            catalog.remove(name.name)
            note("dropped \(name.name)")
        case .plugins:
            note("no plugins loaded")
        case .profiles:
            emit(profilesListing(), listing: true)
        case .pluginLoad(let path):
            throw .diagnostic(.error("analyzer plugins are not available in this version of ipdr", span: path.span))
        case .help(let topic):
            try help(topic)
        case .set(let key, let value):
            switch settings.set(key.value, to: value.text) {
            case .success: break
            case .failure(let e):
                let span: SourceSpan
                if case .unknownKey = e { span = key.span } else { span = value.span }
                throw .diagnostic(.error(e.description, span: span))
            }
        case .settings:
            emit(settingsListing(), listing: true)
        case .run(let path):
            try runScript(path)
        case .auditTail(let count):
            try auditTail(count?.value)
        case .auditVerify(let path):
            try auditVerify(path)
        case .auditExport(let path, let options):
            try auditExport(path, options: options)
        case .auditSeal(let key):
            try auditSeal(key)
        case .report(let path, let options):
            try report(path, options: options)
        case .status:
            output.standard(statusText())
        case .jobs:
            emit(jobsListing(), listing: true)
        case .wait(let job):
            try waitStatement(job)
        case .cancel(let job):
            try cancelStatement(job)
        case .exit:
            // At the prompt, running jobs are warned about once; a script waits for its jobs.
            if origin == .interactive {
                if mayLeave() { exitRequested = true }
            } else {
                waitForJobs()
                exitRequested = true
            }
        }
    }

    /// The frame named by an identifier, or an error with "did you mean".
    func lookup(_ name: Identifier) throws(StatementError) -> Frame {
        if let f = catalog.frame(name.name) { return f }
        let hint = pendingFrameHint(name.name) ?? Suggest.closest(to: name.name, among: catalog.frameNames).map { "did you mean '\($0)'?" }
            ?? (catalog.frameNames.isEmpty ? "no frames yet: load a file first" : "frames: " + catalog.frameNames.joined(separator: ", "))
        throw .diagnostic(.error("unknown frame '\(name.name)'", span: name.span, hint: hint))
    }

    /// Binds and runs a pipeline against the catalog; a pipeline ending in
    /// `chart` gives the chart's data table.
    func evaluate(_ pipeline: Pipeline) throws(StatementError) -> Frame {
        let (frame, chart) = try evaluateCharted(pipeline)
        return chart?.table ?? frame
    }

    /// `let NAME = PIPELINE`: the pipeline is bound here and evaluated over
    /// the frames as they are now; its result is stored under NAME.
    func prepareLet(_ name: Identifier, pipeline: Pipeline) throws(StatementError) -> PreparedStatement<Frame> {
        let plan = try bind(pipeline)
        let frames = catalog
        let zone = settings.tz
        return PreparedStatement(work: { control throws(StatementError) in
            let (frame, chart) = try Session.runPlan(plan, pipeline: pipeline, frames: frames, zone: zone, flag: control.flag)
            return chart?.table ?? frame
        }, finish: { frame, announce in
            self.noteResult(frame, name: name.name)
            self.catalog.set(name.name, CatalogEntry(frame: frame, source: "let"))
            announce("\(name.name): \(ValueFormatter.grouped(Int64(frame.rowCount))) rows × \(frame.columns.count) columns")
        }, installs: name.name)
    }

    /// Binds a pipeline against the catalog's schemas.
    func bind(_ pipeline: Pipeline) throws(StatementError) -> Plan {
        do {
            return try Binder(schemas: catalog, zone: settings.tz).bind(pipeline)
        } catch {
            var d = error.diagnostic
            // A frame a running job will store: say so rather than "did you mean".
            if case .unknownFrame(let name, _, _) = error, let hint = pendingFrameHint(name) { d.hint = hint }
            throw .diagnostic(d)
        }
    }

    /// Runs a bound plan over `frames` and, when it ends in `chart`, builds
    /// the chart from its result. Needs no session, so a job runs it on its
    /// own thread over the frames taken when it was issued.
    static func runPlan(_ plan: Plan, pipeline: Pipeline, frames: Catalog, zone: Zone, flag: CancellationFlag) throws(StatementError) -> (frame: Frame, chart: ChartData?) {
        let context = EvaluationContext(zone: zone, isCancelled: { flag.isCancelled })
        let frame: Frame
        do {
            frame = try PlanExecutor(context: context).run(plan) { frames.frame($0) }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .diagnostic(.error(error.description, span: pipeline.span))
        }
        guard let chart = plan.chart else { return (frame, nil) }
        do {
            return (frame, try ChartBuilder(zone: zone).build(chart, from: frame))
        } catch {
            let span = pipeline.stages.last?.span ?? pipeline.span
            throw .diagnostic(.error(error.message, span: span, hint: error.hint))
        }
    }

    /// `run PATH`: runs a script file in this session.
    func runScript(_ path: Located<String>) throws(StatementError) {
        guard scriptDepth < 16 else {
            throw .diagnostic(.error("scripts nested more than 16 deep (does a script run itself?)", span: path.span))
        }
        let text: String
        switch ScriptFile.readWithDigest(path.value) {
        case .success(let t):
            text = t.text
            noteEvidence(FileEvidence.describe(path: path.value, role: .read, sha256: t.sha256))
        case .failure(let e): throw .scriptUnreadable(path: path.value, reason: e.reason, span: path.span)
        }
        scriptDepth += 1
        defer { scriptDepth -= 1 }
        let before = jobs.count
        let ok = execute(text, origin: .script(path: path.value), sourceName: path.value)
        // A script's jobs end before the script does.
        wait(for: jobs[before...].filter { $0.status == .running })
        if !ok { throw .alreadyReported }
    }
}
