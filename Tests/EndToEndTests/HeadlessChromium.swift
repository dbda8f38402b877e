import Foundation

/// Runs Debian's `chromium` headless on a local file with the network shut
/// off (a dead proxy, every host name unresolvable), its log on standard
/// error, a fresh profile folder, and a time limit.
struct HeadlessChromium {
    struct Run {
        var stdout: String
        var stderr: String
        var status: Int32
        var timedOut: Bool
    }

    /// The browser: `IPDR_CHROMIUM` if set, else `chromium` or `chromium-browser` on `PATH`.
    static func locate() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let path = env["IPDR_CHROMIUM"], !path.isEmpty { return path }
        for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    static let flags = [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
        "--no-default-browser-check", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr", "--v=0",
    ]

    let executable: String

    /// Opens `page` with `arguments` added to `flags`; kills the browser after `timeout` seconds.
    func run(_ arguments: [String], page: URL, timeout: Double = 120) throws -> Run {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        let r = try ChildProcess.run(URL(fileURLWithPath: executable),
                                     Self.flags + ["--user-data-dir=\(profile.path)"] + arguments + [page.absoluteString],
                                     environment: environment, timeout: timeout)
        return Run(stdout: String(decoding: r.stdout, as: UTF8.self), stderr: String(decoding: r.stderr, as: UTF8.self),
                   status: r.status, timedOut: r.timedOut)
    }

    /// Lines of a browser log that tell of a problem with the page: console
    /// messages (script errors, Content-Security-Policy violations, blocked
    /// loads) and failed requests.
    static func pageProblems(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains(":CONSOLE") || $0.contains("net::ERR_") || $0.contains("Content Security Policy") || $0.contains("Refused to")
        }
    }
}
