import Audit
import Foundation
import Frames
import Language

/// The kernel every mode goes through: parses statements, runs them against
/// the catalog of named frames, and writes results and errors to an output sink.
///
/// The interactive shell, `ipdr run`, `-c`, stdin and tests all call
/// `execute(_:origin:)`, so what is tested is what analysts run.
public final class Session {
    /// Named frames.
    public internal(set) var catalog = Catalog()
    /// Session settings (`set`, `settings`).
    public var settings = Settings()
    /// How results print.
    public var outputFormat: OutputFormat
    /// When true, each statement's run time goes to standard error.
    public var printTiming = false
    /// Whether diagnostics and warnings (standard error) use ANSI colour.
    public var color = false
    /// Whether tables (standard output) use ANSI colour: bold headers, dim nulls.
    public var tableColor = false
    /// The width tables are fitted to (the terminal's), or nil for no limit.
    public var displayWidth: (@Sendable () -> Int)?
    /// Where output goes.
    public let output: any OutputSink
    /// Set by `exit`/`quit`.
    public internal(set) var exitRequested = false
    /// Timings of recent statements, newest last (for `status`).
    public internal(set) var recentTimings: [(command: String, milliseconds: Double, succeeded: Bool)] = []
    /// Checked by long-running work; the shell's Ctrl-C handler sets it to cancel.
    public let cancellation = CancellationFlag()
    /// Called from loader threads with (bytes read, bytes in total) while a file loads.
    public var loadProgress: (@Sendable (_ bytesDone: Int64, _ bytesTotal: Int64) -> Void)?

    /// The audit log every statement is recorded in (nil: not recorded, as in
    /// unit tests; the `ipdr` binary always sets one).
    public var audit: AuditLog?
    /// Called after every statement (nested ones too) with what was recorded
    /// for it; replay compares results through it.
    public var statementObserver: ((StatementOutcome) -> Void)?
    /// The user's profiles folder, read by `profiles` and `load` (default:
    /// `IPDR_PROFILES`, else `~/.config/ipdr/profiles`).
    public var profilesFolder: String = ProfileLibrary.folder()

    var scriptDepth = 0
    /// Profile-file errors already warned about in this session (each is shown once).
    var reportedProfileErrors = Set<String>()
    /// The audit bookkeeping of the statements running now (outermost first).
    var auditFrames: [AuditFrame] = []
    /// SHA-256 of each file loaded in this session, by resolved path.
    var loadedDigests: [String: String] = [:]
    /// Background jobs, oldest first (finished ones stay listed).
    var jobs: [Job] = []
    /// Wakes `wait` when a job's work ends.
    let jobSignal = JobSignal()
    /// True once `exit` warned about running jobs.
    var exitWarned = false
    /// Called on a job's thread with its number before its work begins and
    /// each time it reports progress (a read or write reports first when it
    /// starts); tests block in it to hold a job at a known point.
    public var jobGate: (@Sendable (Int) -> Void)?

    /// A session writing to `output`.
    public init(output: any OutputSink = StandardStreams(), format: OutputFormat = .table) {
        self.output = output
        self.outputFormat = format
    }

    /// Parses and runs every statement of `text`. Syntax errors anywhere stop
    /// the whole text before anything runs (all of them are reported); a
    /// failing statement stops the rest unless `script.on_error = continue`.
    /// Returns true when every statement succeeded.
    @discardableResult
    public func execute(_ text: String, origin: Origin, sourceName: String? = nil) -> Bool {
        let name = sourceName ?? Self.defaultSourceName(origin)
        let file = SourceFile(name: name, text: text)
        let script = Parser.parse(file)
        if script.hasErrors {
            recordUnrun(script.statements[...], origin: origin, status: .rejected, file: file)
            for d in script.diagnostics {
                output.error(DiagnosticRenderer.render(d, in: file, color: color))
            }
            return false
        }
        var ok = true
        for (i, statement) in script.statements.enumerated() {
            guard let ast = statement.statement else { continue }
            if exitRequested || (!ok && settings.scriptOnError == .stop) {
                recordUnrun(script.statements[i...], origin: origin, status: .skipped, file: file)
                break
            }
            switch run(ast, parsed: statement, file: file, origin: origin) {
            case .succeeded: break
            case .failed: ok = false
            case .unrecorded: return false
            }
        }
        return ok
    }

    static func defaultSourceName(_ origin: Origin) -> String {
        switch origin {
        case .interactive: return "<input>"
        case .command: return "<command>"
        case .stdin: return "<stdin>"
        case .script(let path): return path
        case .replay(let log, let seq): return "\(log)#\(seq)"
        }
    }

    /// How running one statement went.
    enum RunOutcome {
        case succeeded
        case failed
        /// Its `start` entry could not be written, so it did not run.
        case unrecorded
    }

    /// Runs one parsed statement between its audit entries, reporting its
    /// error and timing. The time printed by `--timing` (and kept for `status`)
    /// runs from writing the `start` entry to writing the `end` entry, so it
    /// includes what the audit log costs (the flush, the result's fingerprint);
    /// the `end` entry's `elapsed_ms` is the statement's own time.
    func run(_ statement: Statement, parsed: ParsedStatement, file: SourceFile, origin: Origin) -> RunOutcome {
        if parsed.background != nil { return runInBackground(statement, parsed: parsed, file: file, origin: origin) }
        cancellation.reset()
        let begin = DispatchTime.now().uptimeNanoseconds
        do {
            try auditStart(parsed, origin: origin)
        } catch {
            output.error("ipdr: \(error.description); the statement was not run\n")
            return .unrecorded
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var failure: StatementError?
        do {
            try perform(statement, span: parsed.span, file: file, origin: origin)
        } catch {
            failure = error
            report(error, file: file, statement: parsed)
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        var outcome: RunOutcome = failure == nil ? .succeeded : .failed
        do {
            try auditEnd(failure: failure, file: file, statement: parsed, milliseconds: ms)
        } catch {
            output.error("ipdr: \(error.description); the statement ran but its end is not recorded\n")
            outcome = .unrecorded
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1_000_000
        recentTimings.append((parsed.text, total, failure == nil))
        if recentTimings.count > 50 { recentTimings.removeFirst(recentTimings.count - 50) }
        if printTiming {
            let oneLine = parsed.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            output.error("timing: \(String(format: "%.3f", total)) ms: \(oneLine)\n")
        }
        return outcome
    }

    func report(_ error: StatementError, file: SourceFile, statement: ParsedStatement) {
        switch error {
        case .diagnostic(let d):
            output.error(DiagnosticRenderer.render(d, in: file, color: color))
        case .load(let e):
            output.error("\(e.description)\n")
        case .write(let e):
            output.error("\(e.description)\n")
        case .scriptUnreadable(let path, let reason, let span):
            output.error(DiagnosticRenderer.render(.error("cannot read script '\(path)': \(reason)", span: span), in: file, color: color))
        case .alreadyReported:
            break
        case .cancelled:
            let loc = file.location(of: statement.span.start)
            output.error("\(file.name):\(loc.line):\(loc.column): error: cancelled; frames are unchanged\n")
        case .audit(let message), .jobsFailed(let message):
            output.error("error: \(message)\n")
        }
    }

    /// Writes a result frame in the session's output format. Pipeline results
    /// are cut at `display.rows` in table output; listings (`frames`,
    /// `describe`, `settings`) are always shown whole.
    func emit(_ frame: Frame, listing: Bool = false) {
        switch outputFormat {
        case .table:
            let rows = listing ? Int.max : settings.displayRows
            let r = TableRenderer(formatter: ValueFormatter(zone: settings.tz, groupDigits: true), maxRows: rows,
                                  maxWidth: displayWidth?(), color: tableColor)
            output.standard(r.render(frame))
        case .csv, .json:
            let p = RecordPrinter(style: outputFormat == .csv ? .csv : .json, zone: settings.tz)
            p.write(frame, to: output)
        }
    }

    /// Writes an informational line (table output only; machine output stays clean).
    func note(_ text: String) {
        if outputFormat == .table { output.standard(text + "\n") }
    }

    /// Writes a warning to standard error.
    func warn(_ text: String) {
        output.error((color ? "\u{1B}[1;33mwarning:\u{1B}[0m " : "warning: ") + text + "\n")
    }
}
