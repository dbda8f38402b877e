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
            let frame = try evaluate(pipeline)
            noteResult(frame, name: name.name)
            catalog.set(name.name, CatalogEntry(frame: frame, source: "let"))
            note("\(name.name): \(ValueFormatter.grouped(Int64(frame.rowCount))) rows × \(frame.columns.count) columns")
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
        case .exit:
            exitRequested = true
        }
    }

    /// The frame named by an identifier, or an error with "did you mean".
    func lookup(_ name: Identifier) throws(StatementError) -> Frame {
        if let f = catalog.frame(name.name) { return f }
        let hint = Suggest.closest(to: name.name, among: catalog.frameNames).map { "did you mean '\($0)'?" }
            ?? (catalog.frameNames.isEmpty ? "no frames yet: load a file first" : "frames: " + catalog.frameNames.joined(separator: ", "))
        throw .diagnostic(.error("unknown frame '\(name.name)'", span: name.span, hint: hint))
    }

    /// Binds and runs a pipeline against the catalog; a pipeline ending in
    /// `chart` gives the chart's data table.
    func evaluate(_ pipeline: Pipeline) throws(StatementError) -> Frame {
        let (frame, chart) = try evaluateCharted(pipeline)
        return chart?.table ?? frame
    }

    /// Runs a bound plan against the catalog.
    func run(_ plan: Plan, pipeline: Pipeline) throws(StatementError) -> Frame {
        let flag = cancellation
        let context = EvaluationContext(zone: settings.tz, isCancelled: { flag.isCancelled })
        let catalog = self.catalog
        do {
            return try PlanExecutor(context: context).run(plan) { catalog.frame($0) }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .diagnostic(.error(error.description, span: pipeline.span))
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
        if !execute(text, origin: .script(path: path.value), sourceName: path.value) {
            throw .alreadyReported
        }
    }
}
