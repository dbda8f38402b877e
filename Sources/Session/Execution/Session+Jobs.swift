import Foundation
import Frames
import Language

extension Session {
    /// Runs a statement ending in `&` as a job: its `start` entry is written,
    /// the statement is prepared here (options checked, pipeline bound, the
    /// frames it reads taken as they are now), and its work goes to a thread
    /// of its own. Mistakes found while preparing fail the statement at once,
    /// as in the foreground.
    func runInBackground(_ statement: Statement, parsed: ParsedStatement, file: SourceFile, origin: Origin) -> RunOutcome {
        let id = (jobs.last?.id ?? 0) + 1
        do {
            try auditStart(parsed, origin: origin, job: id)
        } catch {
            output.error("ipdr: \(error.description); the statement was not run\n")
            return .unrecorded
        }
        let begin = DispatchTime.now().uptimeNanoseconds
        do {
            try submit(statement, parsed: parsed, file: file, origin: origin, id: id)
        } catch {
            report(error, file: file, statement: parsed)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1_000_000
            do {
                try auditEnd(failure: error, file: file, statement: parsed, milliseconds: ms)
            } catch {
                output.error("ipdr: \(error.description); the statement ran but its end is not recorded\n")
                return .unrecorded
            }
            return .failed
        }
        note("[\(id)] started: \(Self.oneLine(parsed.text))")
        return .succeeded
    }

    /// Prepares the statement and starts its work on a thread of its own.
    private func submit(_ statement: Statement, parsed: ParsedStatement, file: SourceFile, origin: Origin, id: Int) throws(StatementError) {
        switch statement {
        case .save(let source, let path, let options):
            start(try prepareSave(source, path: path, options: options), parsed: parsed, file: file, origin: origin, id: id)
        case .let(let name, let pipeline):
            start(try prepareLet(name, pipeline: pipeline), parsed: parsed, file: file, origin: origin, id: id)
        case .load(let path, let name, let options):
            start(try prepareLoad(path: path, name: name, options: options, origin: origin), parsed: parsed, file: file, origin: origin, id: id)
        case .report(let path, let options):
            start(try prepareReport(path, options: options), parsed: parsed, file: file, origin: origin, id: id)
        case .pipeline:
            throw .diagnostic(.error("a pipeline prints its result here, so it cannot run in the background",
                                     span: parsed.background ?? parsed.span,
                                     hint: "give the result a name: let NAME = … &, or save it: save … to FILE &"))
        default:
            throw .diagnostic(.error("only load, let, save and report can run in the background",
                                     span: parsed.background ?? parsed.span, hint: "remove the '&'"))
        }
    }

    private func start<Output: Sendable>(_ prepared: PreparedStatement<Output>, parsed: ParsedStatement, file: SourceFile,
                                         origin: Origin, id: Int) {
        var gate: (@Sendable () -> Void)?
        if let hook = jobGate { gate = { hook(id) } }
        let control = JobControl(flag: CancellationFlag(), gate: gate)
        let box = JobResultBox<Output>()
        let revision = prepared.installs.map { catalog.reserve($0) }
        let installs = prepared.installs
        let finish = prepared.finish
        let frame = auditFrames.popLast() ?? AuditFrame()
        func complete() throws(StatementError) -> String {
            guard let result = box.take() else { throw .audit("job \(id) ended without a result") }
            let output: Output
            switch result {
            case .success(let o): output = o
            case .failure(let e): throw e
            }
            if let installs, let revision, catalog.revision(of: installs) != revision {
                throw .diagnostic(.error("\(installs) was set or dropped by a statement issued after job \(id); the job's result was discarded",
                                         span: parsed.span, hint: "the later statement's frame stands; run this one again if you need its result"))
            }
            var message = ""
            try finish(output) { message = $0 }
            return message
        }
        jobs.append(Job(id: id, parsed: parsed, file: file, origin: origin, control: control, audit: frame, installs: installs,
                        complete: complete))
        let work = prepared.work
        let signal = jobSignal
        let thread = Thread {
            control.begin()
            let result: Result<Output, StatementError>
            do throws(StatementError) {
                result = .success(try work(control))
            } catch {
                result = .failure(error)
            }
            box.set(result)
            control.finish()
            signal.notify()
        }
        thread.name = "ipdr job \(id)"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Jobs whose work ended are installed, audited and reported, oldest
    /// first. The shell calls this before each prompt; `jobs` and `wait` too.
    public func reportFinishedJobs() {
        for job in jobs where job.status == .running && job.control.finished != nil {
            end(job)
        }
    }

    /// Installs a finished job's result, writes its `end` entry and prints its one-line notice.
    private func end(_ job: Job) {
        auditFrames.append(job.audit)
        var failure: StatementError?
        var message = ""
        do {
            message = try job.complete?() ?? ""
        } catch {
            failure = error
        }
        // The work's closures hold the session: let them go with the job's end.
        job.complete = nil
        job.ended = DispatchTime.now().uptimeNanoseconds
        let seconds = job.seconds
        switch failure {
        case nil: job.status = .done
        case .cancelled?: job.status = .cancelled
        default: job.status = .failed
        }
        do {
            try auditEnd(failure: failure, file: job.file, statement: job.parsed, milliseconds: seconds * 1000)
        } catch {
            output.error("ipdr: \(error.description); job \(job.id) ended but its end is not recorded\n")
        }
        // Times are shown at the prompt only, so that scripts print the same every run.
        let time = job.origin == .interactive ? String(format: " (%.1f s)", seconds) : ""
        switch failure {
        case nil:
            note("[\(job.id)] done: \(message)\(time)")
        case .cancelled?:
            output.error("[\(job.id)] cancelled: \(job.command); no file or frame was changed\n")
        case let error?:
            output.error("[\(job.id)] failed: \(error.plainMessage(file: job.file))\n")
        }
    }

    /// True when some job failed or was cancelled (a script then exits with status 1).
    public var hasFailedJobs: Bool { jobs.contains { $0.status == .failed || $0.status == .cancelled } }

    /// The jobs still running.
    var runningJobs: [Job] { jobs.filter { $0.status == .running } }

    /// Waits for `targets` (oldest first), reporting each as it ends. Returns
    /// false when Ctrl-C stopped the wait (the jobs go on).
    @discardableResult
    func wait(for targets: [Job]) -> Bool {
        for job in targets.sorted(by: { $0.id < $1.id }) where job.status == .running {
            var seen = jobSignal.finishedCount
            while job.control.finished == nil {
                if cancellation.isCancelled { return false }
                seen = jobSignal.wait(after: seen, seconds: 0.1)
            }
            end(job)
        }
        return true
    }

    /// Waits for every running job, reporting each (scripts and `-c` end with this).
    public func waitForJobs() {
        cancellation.reset()
        wait(for: runningJobs)
    }

    /// True when the shell may leave now. With jobs running, the first call
    /// warns and says no; the next cancels them, waits until they have
    /// cleaned up and says yes.
    public func mayLeave() -> Bool {
        reportFinishedJobs()
        let running = runningJobs
        guard !running.isEmpty else { return true }
        if !exitWarned {
            exitWarned = true
            let list = running.map { "[\($0.id)] \($0.command)" }.joined(separator: ", ")
            warn("\(running.count == 1 ? "a job is" : "\(running.count) jobs are") still running: \(list); wait for \(running.count == 1 ? "it" : "them"), or exit again to cancel \(running.count == 1 ? "it" : "them") and leave")
            return false
        }
        for job in running { job.control.flag.cancel() }
        cancellation.reset()
        // Ctrl-C here stays in the shell rather than leaving half-cancelled jobs behind.
        return wait(for: running)
    }

    /// The hint for an unknown frame that a running job will store.
    func pendingFrameHint(_ name: String) -> String? {
        guard let job = runningJobs.last(where: { $0.installs == name }) else { return nil }
        return "\(name) is being made by job \(job.id) (\(job.command)): wait \(job.id) first"
    }

    /// `jobs`.
    func jobsListing() -> Frame {
        reportFinishedJobs()
        var ids: [Value] = [], status: [Value] = [], progress: [Value] = [], elapsed: [Value] = [], statements: [Value] = []
        for job in jobs {
            ids.append(.int(Int64(job.id)))
            status.append(.string(job.status.rawValue))
            progress.append(.string(Self.progressText(job.control.progress, finished: job.status == .done)))
            elapsed.append(.string(String(format: "%.1f s", job.seconds)))
            statements.append(.string(job.command))
        }
        return Frame([
            ("job", .from(.int, ids)), ("status", .from(.string, status)), ("progress", .from(.string, progress)),
            ("elapsed", .from(.string, elapsed)), ("statement", .from(.string, statements)),
        ])
    }

    /// `12.0 MB of 50.0 MB (24%)` for a read, `12.0 MB written` for a write, `-` for none.
    static func progressText(_ p: (done: Int64, total: Int64)?, finished: Bool) -> String {
        guard let p else { return finished ? "100%" : "-" }
        if p.total > 0 {
            let percent = Int(min(100, Double(p.done) * 100 / Double(p.total)))
            return "\(ByteCount.text(p.done)) of \(ByteCount.text(p.total)) (\(percent)%)"
        }
        return "\(ByteCount.text(p.done)) written"
    }

    /// `wait [N]`.
    func waitStatement(_ number: Located<Int64>?) throws(StatementError) {
        var targets = runningJobs
        if let number { targets = [try job(number)] }
        if !wait(for: targets) {
            let left = runningJobs.map { String($0.id) }.joined(separator: ", ")
            note("stopped waiting; still running: \(left) (cancel N stops one)")
            return
        }
        // Like a Unix shell's `wait`, it fails when a job it waited for did, so that a script stops there.
        let failed = targets.filter { $0.status == .failed || $0.status == .cancelled }
        if !failed.isEmpty {
            let list = failed.map { "\($0.id) \($0.status.rawValue)" }.joined(separator: ", ")
            throw .jobsFailed("job\(failed.count == 1 ? "" : "s") \(list)")
        }
    }

    /// `cancel [N]`: asks job N (or every running job) to stop; its notice
    /// comes when it has stopped and removed what it had written.
    func cancelStatement(_ number: Located<Int64>?) throws(StatementError) {
        reportFinishedJobs()
        guard let number else {
            let running = runningJobs
            for job in running {
                job.control.flag.cancel()
                note("[\(job.id)] cancelling: \(job.command)")
            }
            if running.isEmpty { note("no job is running") }
            return
        }
        let job = try job(number)
        guard job.status == .running else {
            throw .diagnostic(.error("job \(job.id) has already ended (\(job.status.rawValue))", span: number.span))
        }
        job.control.flag.cancel()
        note("[\(job.id)] cancelling: \(job.command)")
    }

    private func job(_ number: Located<Int64>) throws(StatementError) -> Job {
        if let job = jobs.first(where: { Int64($0.id) == number.value }) { return job }
        let hint = jobs.isEmpty ? "no job was started: end a load, let, save or report with '&'" : "jobs: " + jobs.map { String($0.id) }.joined(separator: ", ")
        throw .diagnostic(.error("no job \(number.value)", span: number.span, hint: hint))
    }
}
