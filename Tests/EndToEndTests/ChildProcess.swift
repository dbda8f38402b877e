import Foundation

/// Runs a program to its end with its standard output and error collected on
/// threads of their own (so a full pipe never blocks it), optional standard
/// input, and an optional time limit after which it is killed.
enum ChildProcess {
    struct Result {
        var stdout: Data
        var stderr: Data
        var status: Int32
        var timedOut: Bool
    }

    static func run(_ executable: URL, _ arguments: [String], cwd: URL? = nil, environment: [String: String]? = nil,
                    stdin: String? = nil, timeout: Double? = nil) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = cwd }
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdin == nil ? FileHandle.nullDevice : inp
        try p.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin {
            inp.fileHandleForWriting.write(Data(stdin.utf8))
            try? inp.fileHandleForWriting.close()
        }
        var timedOut = false
        if let timeout {
            let finished = DispatchSemaphore(value: 0)
            DispatchQueue.global().async { p.waitUntilExit(); finished.signal() }
            if finished.wait(timeout: .now() + timeout) == .timedOut {
                timedOut = true
                kill(p.processIdentifier, SIGKILL)
                finished.wait()
            }
        } else {
            p.waitUntilExit()
        }
        group.wait()
        return Result(stdout: outData, stderr: errData, status: p.terminationStatus, timedOut: timedOut)
    }

    /// This process's environment with colour off, UTC, and `changes` applied.
    static func environment(_ changes: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        for (k, v) in changes { environment[k] = v }
        return environment
    }
}
