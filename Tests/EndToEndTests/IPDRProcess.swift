import Foundation

/// Runs the real `ipdr` binary built next to the test bundle.
struct IPDRProcess {
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The repository root, found from this source file's path.
    static let repoRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// The built binary: next to the test bundle, else `.build/debug/ipdr`.
    static let binary: URL = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let exe = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("ipdr"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(repoRoot.appendingPathComponent(".build/debug/ipdr"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) && !isDirectory($0) } ?? candidates[candidates.count - 1]
    }()

    private static func isDirectory(_ u: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &d) && d.boolValue
    }

    /// Runs ipdr with arguments, optional stdin text, in a working directory.
    static func run(_ args: [String], stdin: String? = nil, cwd: URL, env: [String: String] = [:]) throws -> Output {
        let r = try ChildProcess.run(binary, args, cwd: cwd, environment: ChildProcess.environment(env), stdin: stdin ?? "")
        return Output(stdout: String(decoding: r.stdout, as: UTF8.self), stderr: String(decoding: r.stderr, as: UTF8.self), status: r.status)
    }

    /// A fresh temporary folder with `datasets` linked from the repository and a
    /// copy of the golden folder: paths a run records (evidence, provenance in
    /// saved files) then lie inside a folder whose name has the same length
    /// wherever the repository is checked out.
    static func scratchDirectory() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("ipdr-e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: dir.appendingPathComponent("datasets"), withDestinationURL: repoRoot.appendingPathComponent("datasets"))
        try fm.copyItem(at: repoRoot.appendingPathComponent("Tests/EndToEndTests/golden"), to: dir.appendingPathComponent("golden"))
        return dir
    }
}
