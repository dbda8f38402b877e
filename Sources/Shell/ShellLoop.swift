import Foundation
import Language
import Session

/// The interactive shell: banner, init file, a libedit prompt with history
/// and completion, multi-line statements, Ctrl-C to cancel, progress on
/// standard error and a pager for tall results.
///
/// Used only when standard input and output are both terminals.
public final class ShellLoop {
    /// The session statements run in (its output is `output`).
    public let session: Session
    /// The sink the session writes to.
    public let output: ShellOutput
    /// The line editor (history, completion).
    public let editor: LineEditor
    private let interrupts: InterruptMonitor
    private let progress: ProgressLine?
    private let environment: [String: String]
    private var lastHistorySave = DispatchTime.now()

    /// How often, at most, the history file is rewritten while the shell runs.
    static let historySaveInterval: UInt64 = 30_000_000_000

    /// A shell on this process's terminal, printing results in `format`.
    public init(format: OutputFormat = .table, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        let output = ShellOutput(pager: Pager(environment: environment))
        self.output = output
        session = Session(output: output, format: format)
        editor = LineEditor(historyPath: LineEditor.defaultHistoryPath(environment: environment), historyLimit: Settings().historySize)
        interrupts = InterruptMonitor()
        editor.completion = SessionCompletion(session: session)
        session.displayWidth = { TerminalCapabilities.width() }
        session.tableColor = TerminalCapabilities.current().color
        if isatty(2) == 1 {
            let line = ProgressLine()
            progress = line
            output.progress = line
            session.loadProgress = { done, total in line.update(bytesDone: done, bytesTotal: total) }
        } else {
            progress = nil
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The completion provider Tab asks.
    public var completion: (any CompletionProvider)? {
        get { editor.completion }
        set { editor.completion = newValue }
    }

    /// The one-line greeting.
    public static var banner: String {
        "ipdr \(IPDRVersion.string) — type help for statements, stages and functions; exit or Ctrl-D to leave\n"
    }

    /// Prints the banner.
    public func printBanner() {
        ShellOutput.write(Self.banner, to: 1)
    }

    /// Runs the init file, loads `startupFiles`, then reads and runs
    /// statements until `exit` or Ctrl-D. Returns false when a start-up file
    /// failed to load; errors typed at the prompt do not change the result.
    public func run(startupFiles: [String] = []) -> Bool {
        runInitFile()
        editor.historyLimit = session.settings.historySize
        var ok = true
        for file in startupFiles where !session.exitRequested {
            ok = execute(Session.loadStatement(forPath: file), origin: .command, sourceName: file) && ok
        }
        var pending: [String] = []
        var pendingText: String { pending.joined(separator: "\n") }
        while !session.exitRequested {
            // Background jobs that ended are reported before the prompt, as a Unix shell does.
            if pending.isEmpty { session.reportFinishedJobs() }
            interrupts.clear()
            let read = editor.read(prompt: pending.isEmpty ? "ipdr> " : "  ...> ",
                                   context: pending.joined(separator: "\n"),
                                   interrupted: { interrupts.interrupted })
            switch read {
            case .endOfInput:
                ShellOutput.write("\n", to: 1)
                // Ctrl-D with jobs running warns first, as `exit` does.
                guard leave() else { continue }
                saveHistory()
                return ok
            case .interrupted:
                ShellOutput.write("\n", to: 1)
                pending = []
            case .line(let line):
                if let previous = pending.last, Parser.continuationJoiner(after: pendingText) == " " {
                    pending[pending.count - 1] = previous + " " + line
                } else {
                    pending.append(line)
                }
                let text = pendingText
                if Parser.needsContinuation(text) { continue }
                pending = []
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                editor.addHistory(text)
                execute(text, origin: .interactive)
                editor.historyLimit = session.settings.historySize
                saveHistoryIfDue()
            }
        }
        saveHistory()
        return ok
    }

    /// Runs `text` with progress, Ctrl-C cancellation and paging in place.
    @discardableResult
    public func execute(_ text: String, origin: Origin, sourceName: String? = nil) -> Bool {
        output.beginStatement(paging: session.settings.displayPager)
        progress?.begin()
        interrupts.clear()
        let flag = session.cancellation
        let ok = interrupts.whileRunning(onInterrupt: { flag.cancel() }) {
            session.execute(text, origin: origin, sourceName: sourceName)
        }
        progress?.end()
        output.endStatement()
        interrupts.clear()
        return ok
    }

    /// Asks the session whether the shell may leave (it cancels running jobs
    /// the second time), with Ctrl-C interrupting the wait.
    private func leave() -> Bool {
        let flag = session.cancellation
        return interrupts.whileRunning(onInterrupt: { flag.cancel() }) { session.mayLeave() }
    }

    /// The init file's path: `IPDR_INIT` when set (empty: none), else
    /// `$XDG_CONFIG_HOME/ipdr/init.ipdr`, else `~/.config/ipdr/init.ipdr`.
    public static func initFilePath(environment: [String: String]) -> String? {
        if let p = environment["IPDR_INIT"] { return p.isEmpty ? nil : p }
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/ipdr/init.ipdr"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/ipdr/init.ipdr"
    }

    /// Runs the init file when it exists; its errors are reported and the shell starts anyway.
    private func runInitFile() {
        guard let path = Self.initFilePath(environment: environment), FileManager.default.fileExists(atPath: path) else { return }
        switch ScriptFile.read(path) {
        case .success(let text):
            execute(text, origin: .script(path: path), sourceName: path)
        case .failure(let e):
            output.error("ipdr: cannot read init file '\(path)': \(e.reason)\n")
        }
    }

    private func saveHistoryIfDue() {
        guard editor.unsavedEntries > 0,
              DispatchTime.now().uptimeNanoseconds - lastHistorySave.uptimeNanoseconds >= Self.historySaveInterval else { return }
        saveHistory()
    }

    private var historyProblemReported = false

    private func saveHistory() {
        lastHistorySave = DispatchTime.now()
        guard editor.unsavedEntries > 0 else { return }
        let result = editor.saveHistory()
        if let problem = result.problem, !historyProblemReported {
            historyProblemReported = true
            output.error("warning: history not saved: \(problem)\n")
        }
    }
}
