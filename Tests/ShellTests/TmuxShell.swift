import Foundation

/// The real `ipdr` binary running in a real terminal: a private tmux server
/// (its own socket), driven with `send-keys` and read with `capture-pane`.
final class TmuxShell {
    enum Failure: Error, CustomStringConvertible {
        case timeout(String, screen: String)
        case tmux(String)
        var description: String {
            switch self {
            case .timeout(let what, let screen): return "timed out waiting for \(what); screen:\n\(screen)"
            case .tmux(let m): return "tmux: \(m)"
            }
        }
    }

    /// The tmux executable, or nil when it is not installed.
    static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/tmux"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    /// The repository root, found from this source file's path.
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary: next to the test bundle, else `.build/debug/ipdr`.
    static let binary: String = {
        var candidates: [String] = []
        if let exe = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("ipdr").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(repoRoot.appendingPathComponent(".build/debug/ipdr").path)
        return candidates.first { p in
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: p, isDirectory: &d) && !d.boolValue && FileManager.default.isExecutableFile(atPath: p)
        } ?? candidates[candidates.count - 1]
    }()

    let directory: URL
    let home: URL
    let historyPath: String
    private var statusPath: String { directory.appendingPathComponent("exit-status").path }
    private let socket = "ipdr-test-\(UUID().uuidString.prefix(8))"
    private let target = "ipdr"

    /// A scratch folder (with a `home` inside) for one test.
    init() throws {
        let fm = FileManager.default
        directory = fm.temporaryDirectory.appendingPathComponent("ipdr-shell-\(UUID().uuidString)")
        home = directory.appendingPathComponent("home")
        try fm.createDirectory(at: home, withIntermediateDirectories: true)
        historyPath = directory.appendingPathComponent("state/history").path
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes a file in the scratch folder.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Starts ipdr in a `width`×`height` terminal with a clean environment
    /// (scratch HOME, history file and init file; no colour; UTC).
    func start(width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws {
        var environment = [
            "HOME": home.path,
            "IPDR_HISTORY": historyPath,
            "IPDR_INIT": directory.appendingPathComponent("init.ipdr").path,
            "NO_COLOR": "1",
            "TZ": "UTC",
            "TERM": "screen",
            "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        for (k, v) in env { environment[k] = v }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        // The exit status goes to a file (tmux does not always record it).
        // The wrapping shell ignores SIGINT so Ctrl-C reaches only ipdr,
        // which installs its own handler.
        unlink(statusPath)
        let command = "trap '' INT; env -i \(assignments) \(Self.quote(Self.binary)); echo $? > \(Self.quote(statusPath))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", "-c", directory.path, command])
        try tmux(["set-option", "-t", target, "remain-on-exit", "on"])
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// Presses keys by tmux name (`Enter`, `C-c`, `Up`, `Tab`).
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// The visible screen.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// The visible screen with its colour escapes (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-e", "-p", "-t", target])
    }

    /// Polls the screen until `condition` holds (or `timeout` seconds pass).
    @discardableResult
    func waitUntil(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try screen()
            if condition(last) { return last }
            if Date() > deadline { throw Failure.timeout(what, screen: last) }
            usleep(40_000)
        }
    }

    /// Polls until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Polls until `text` shows `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int, timeout: Double = 10) throws -> String {
        try waitUntil("\(count)× '\(text)'", timeout: timeout) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// Presses Ctrl-D once an empty prompt is on the screen: a key typed while a
    /// statement still prints can be flushed when the line editor takes the
    /// terminal back, and the shell would then never see it.
    func pressCtrlDAtPrompt(timeout: Double = 10) throws {
        _ = try waitUntil("an empty prompt", timeout: timeout) { Self.lastLine($0).trimmingCharacters(in: .whitespaces) == "ipdr>" }
        try press("C-d")
    }

    /// The last line of the screen that is not blank.
    static func lastLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// Waits for the process to end and returns its exit status.
    func exitStatus(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? String(contentsOfFile: statusPath, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            if Date() > deadline { throw Failure.timeout("exit", screen: (try? screen()) ?? "") }
            usleep(40_000)
        }
    }

    /// Stops this terminal's tmux server (the next `start` begins afresh).
    func stop() {
        _ = try? tmux(["kill-server"])
    }

    /// Runs tmux with `args` and returns what it printed. Spawned directly
    /// with its output in a file: the server it may start lives on after it
    /// and must not inherit a pipe or descriptor this process waits on.
    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        guard let path = Self.tmuxPath else { throw Failure.tmux("not installed") }
        let outPath = directory.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8)).out").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path, "-L", socket] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        // The test runner's threads block signals; the server (and the shell
        // it starts) must get the default mask and dispositions back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw Failure.tmux("cannot start: \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        if !(exited && code == 0), args.first != "kill-server" {
            throw Failure.tmux("\(args.joined(separator: " ")): \(text)")
        }
        return text
    }

    private static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
