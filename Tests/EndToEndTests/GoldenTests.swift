import Foundation
import Testing

/// Golden tests: every `golden/NAME.ipdr` runs through the real binary and its
/// stdout, stderr and exit status are compared with `NAME.stdout`,
/// `NAME.stderr` (absent = empty) and `NAME.exit` (absent = 0).
///
/// The first lines of a script may say `# args: --output csv` (extra command-line
/// arguments), `# env: IPDR_PROFILES=golden/data/profiles-user` (an environment
/// variable; the profiles folder is otherwise one that does not exist) or
/// `# stdin` (feed the script on stdin instead of `run`).
/// Re-record expected files with `IPDR_RECORD=1 swift test --filter Golden`.
@Suite struct GoldenTests {
    static let goldenDir = IPDRProcess.repoRoot.appendingPathComponent("Tests/EndToEndTests/golden")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenDir.path)) ?? []
        return names.filter { $0.hasSuffix(".ipdr") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test(arguments: GoldenTests.cases)
    func golden(_ name: String) throws {
        let script = Self.goldenDir.appendingPathComponent("\(name).ipdr")
        let text = try String(contentsOf: script, encoding: .utf8)
        var args: [String] = []
        var viaStdin = false
        var env = ["IPDR_PROFILES": "no-profiles-folder"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(5) {
            if line.hasPrefix("# args:") {
                args += line.dropFirst(7).split(separator: " ").map(String.init)
            }
            if line.hasPrefix("# env:") {
                let pair = line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { env[pair[0]] = pair[1] }
            }
            if line.hasPrefix("# stdin") { viaStdin = true }
        }
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let result: IPDRProcess.Output
        if viaStdin {
            result = try IPDRProcess.run(args, stdin: text, cwd: cwd, env: env)
        } else {
            result = try IPDRProcess.run(args + ["run", "golden/\(name).ipdr"], cwd: cwd, env: env)
        }
        let expectations: [(String, String)] = [
            ("stdout", result.stdout),
            ("stderr", result.stderr),
            ("exit", result.status == 0 ? "" : "\(result.status)\n"),
        ]
        for (ext, actual) in expectations {
            let file = Self.goldenDir.appendingPathComponent("\(name).\(ext)")
            if ProcessInfo.processInfo.environment["IPDR_RECORD"] != nil {
                if actual.isEmpty {
                    try? FileManager.default.removeItem(at: file)
                } else {
                    try actual.write(to: file, atomically: true, encoding: .utf8)
                }
                continue
            }
            let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            #expect(actual == expected, "\(name).\(ext) differs:\n\(LineDiff.render(expected: expected, actual: actual))")
        }
    }
}

/// A small line diff for failure messages.
enum LineDiff {
    static func render(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? String(e[i]) : nil
            let y = i < a.count ? String(a[i]) : nil
            if x == y { continue }
            if let x { out.append("- \(i + 1): \(x)") }
            if let y { out.append("+ \(i + 1): \(y)") }
            if out.count > 40 { out.append("…"); break }
        }
        return out.joined(separator: "\n")
    }
}
