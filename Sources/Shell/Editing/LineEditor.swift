@preconcurrency import CLibEdit
import Foundation

/// Line editing on libedit's readline interface: emacs keys, reverse search
/// (Ctrl-R), Tab completion through a `CompletionProvider`, and a persistent
/// history file written in batches (at `saveHistory()`), never per line.
///
/// libedit keeps one editor per process, so there should be one `LineEditor`.
public final class LineEditor {
    /// The history file, or nil when history is not kept on disk.
    public let historyPath: String?
    /// How many entries the history keeps (`set history.size = N`).
    public var historyLimit: Int {
        didSet {
            historyLimit = max(1, historyLimit)
            if historyLimit != oldValue { stifle_history(Int32(historyLimit)) }
        }
    }
    /// Entries added since the history file was last written.
    public private(set) var unsavedEntries = 0

    /// An editor reading `historyPath` (created with mode 0600 on first save)
    /// and keeping at most `historyLimit` entries.
    public init(historyPath: String?, historyLimit: Int = 1000, completion: (any CompletionProvider)? = nil) {
        self.historyPath = historyPath
        self.historyLimit = max(1, historyLimit)
        EditorState.provider = completion
        rl_readline_name = UnsafePointer(strdup("ipdr"))
        rl_catch_signals = 1
        rl_initialize()
        _ = rl_parse_and_bind("bind ^I rl_complete")
        _ = rl_parse_and_bind("bind ^R em-inc-search-prev")
        rl_attempted_completion_function = attemptCompletion
        rl_completion_query_items = 200
        using_history()
        stifle_history(Int32(self.historyLimit))
        if let path = historyPath, FileManager.default.fileExists(atPath: path) {
            _ = read_history(path)
        }
    }

    /// The completion provider Tab asks (nil: Tab completes nothing).
    public var completion: (any CompletionProvider)? {
        get { EditorState.provider }
        set { EditorState.provider = newValue }
    }

    /// Reads one line with `prompt`. `context` is the text of the statement's
    /// earlier lines (for completion); `interrupted` tells whether Ctrl-C
    /// arrived since the last read (the shell's SIGINT handler records it).
    public func read(prompt: String, context: String = "", interrupted: () -> Bool) -> LineRead {
        EditorState.context = context
        guard let raw = readline(prompt) else {
            return interrupted() ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        if interrupted() { return .interrupted }
        return .line(String(cString: raw))
    }

    /// Adds a whole statement (possibly several lines) as one history entry.
    public func addHistory(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1), let line = last.pointee.line,
           String(cString: line) == trimmed {
            return
        }
        _ = add_history(trimmed)
        unsavedEntries += 1
    }

    /// Writes the history file (folder created, file mode 0600). Returns false
    /// with the reason when it cannot be written.
    @discardableResult
    public func saveHistory() -> (ok: Bool, problem: String?) {
        guard let path = historyPath else { return (true, nil) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                return (false, "cannot create \(folder): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        guard fd >= 0 else { return (false, "cannot write \(path): \(String(cString: strerror(errno)))") }
        close(fd)
        _ = chmod(path, 0o600)
        if write_history(path) != 0 {
            return (false, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        unsavedEntries = 0
        return (true, nil)
    }

    /// The history file's path: `IPDR_HISTORY` when set, else
    /// `$XDG_STATE_HOME/ipdr/history`, else `~/.local/state/ipdr/history`.
    public static func defaultHistoryPath(environment: [String: String]) -> String? {
        if let p = environment["IPDR_HISTORY"] { return p.isEmpty ? nil : p }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/ipdr/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/ipdr/history"
    }
}

/// State the C completion callback reads; libedit calls it on the thread
/// that called `readline`, so plain globals are enough.
enum EditorState {
    nonisolated(unsafe) static var provider: (any CompletionProvider)?
    nonisolated(unsafe) static var context = ""
}

/// libedit's completion hook: asks the provider and returns a malloc'd,
/// NULL-terminated array (common prefix first, then the candidates).
private func attemptCompletion(_ word: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    guard let provider = EditorState.provider, let lineBuffer = rl_line_buffer else { return nil }
    let line = Array(UnsafeBufferPointer(start: UnsafeRawPointer(lineBuffer).assumingMemoryBound(to: UInt8.self), count: strlen(lineBuffer)))
    let point = min(max(Int(rl_point), 0), line.count)
    let prefix = EditorState.context.isEmpty ? [] : Array(EditorState.context.utf8) + [UInt8(ascii: "\n")]
    let text = prefix + line
    let cursor = prefix.count + point
    let wordLength = word.map { strlen($0) } ?? 0
    let wordStart = max(prefix.count, cursor - wordLength)
    let answer = provider.complete(String(decoding: text, as: UTF8.self), cursor: cursor)
    var candidates = CompletionAdjustment.rebase(answer.candidates, replaceFrom: answer.replaceFrom, wordStart: wordStart, text: text)
    var seen = Set<String>()
    candidates = candidates.filter { seen.insert($0).inserted }
    guard !candidates.isEmpty else { return nil }
    let typed = String(decoding: text[wordStart..<cursor], as: UTF8.self)
    var head = candidates.count == 1 ? candidates[0] : CompletionAdjustment.commonPrefix(candidates)
    if !head.hasPrefix(typed) { head = typed }
    rl_completion_append_character = candidates.count == 1 && !head.hasSuffix("/") && !head.hasSuffix(".") ? 32 : 0
    let entries = candidates.count == 1 ? [head] : [head] + candidates
    // libedit looks at matches[2] even when matches[1] is the terminating NULL
    // (to tell one match from several), so the array carries two NULLs: without
    // the second, a single match sometimes read garbage and lost its space.
    let slots = entries.count + 2
    guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * slots)?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots) else { return nil }
    for (i, e) in entries.enumerated() { array[i] = strdup(e) }
    array[entries.count] = nil
    array[entries.count + 1] = nil
    return array
}
