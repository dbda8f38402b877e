import Foundation

/// Shows text through the user's pager (`$PAGER`, default `less -S`).
public struct Pager: Sendable {
    /// The shell command line of the pager.
    public var command: String

    /// The pager from `PAGER` in `environment` (`less -S` when unset or empty).
    public init(environment: [String: String]) {
        let p = environment["PAGER"]?.trimmingCharacters(in: .whitespaces) ?? ""
        command = p.isEmpty ? "less -S" : p
    }

    /// A pager running `command`.
    public init(command: String) {
        self.command = command
    }

    /// Pipes `text` into the pager and waits for it to quit. Returns false
    /// when the pager could not start (the caller then prints the text itself).
    public func show(_ text: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return false
        }
        let fd = input.fileHandleForWriting.fileDescriptor
        let bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break } // the pager quit early (EPIPE): stop quietly
                offset += n
            }
        }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
