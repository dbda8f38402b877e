import Foundation
import Testing

/// The CGNAT walkthrough (docs/CGNAT.md) on the sample: the one-statement
/// lookup recovers the generator's truth exactly, and every statement the
/// walkthrough shows runs.
@Suite struct CGNATTests {
    static let setup = """
    set tz = "+05:30"
    load datasets/sample/ipdr.csv as ipdr with tz="+05:30"
    load datasets/sample/logins.csv as logins with tz="UTC"
    """

    @Test func lookupRecoversTheGeneratorsTruth() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let join = "logins | join kind=left ipdr on left.client_ip == right.public_ip and left.client_port == right.public_port and left.login_time between right.start_time - 2s and right.end_time + 2s"
        let r = try IPDRProcess.run(["--output", "csv", "-c", Self.setup + "\n" + join], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOf: IPDRProcess.repoRoot.appendingPathComponent("datasets/sample/expected/cgnat-logins.csv"), encoding: .utf8)
        #expect(r.stdout == expected, "join output differs:\n\(LineDiff.render(expected: expected, actual: r.stdout))")
    }

    @Test func countingAJoinMatchesItsRows() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let on = "on left.client_ip == right.public_ip and left.login_time between right.start_time - 2s and right.end_time + 2s"
        var script = Self.setup
        for kind in ["inner", "left", "semi", "anti"] {
            script += "\nlogins | join kind=\(kind) ipdr \(on) | count"
            script += "\nlogins | join kind=\(kind) ipdr \(on) | summarize n = count()"
        }
        let r = try IPDRProcess.run(["--output", "csv", "-c", script], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let numbers = r.stdout.split(separator: "\n").filter { $0.allSatisfy(\.isNumber) }
        #expect(numbers.count == 8)
        for k in stride(from: 0, to: numbers.count - 1, by: 2) {
            #expect(numbers[k] == numbers[k + 1], "count and summarize disagree: \(numbers)")
        }
        #expect(numbers.count == 8 && numbers[2] == "1872", "without the port a left join of the 300 logins gives 1,872 rows (docs/CGNAT.md)")
    }

    @Test func everyWalkthroughStatementRuns() throws {
        let doc = try String(contentsOf: IPDRProcess.repoRoot.appendingPathComponent("docs/CGNAT.md"), encoding: .utf8)
        var statements: [String] = []
        var inBlock = false
        var block: [String] = []
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if inBlock, let first = block.first, Self.isStatement(first) { statements += block }
                inBlock.toggle()
                block = []
                continue
            }
            if inBlock { block.append(String(line)) }
        }
        #expect(statements.count > 10)
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        // The recap names the files generically; run it on the sample.
        let script = statements.joined(separator: "\n")
            .replacingOccurrences(of: "OPERATOR.csv", with: "datasets/sample/ipdr.csv")
            .replacingOccurrences(of: "PLATFORM.csv", with: "datasets/sample/logins.csv")
        let r = try IPDRProcess.run(["--output", "csv", "-c", script], cwd: cwd)
        #expect(r.status == 0, "a statement of docs/CGNAT.md failed:\n\(r.stderr)")
    }

    static func isStatement(_ line: String) -> Bool {
        let first = line.split(separator: " ").first.map(String.init) ?? ""
        if ["set", "load", "let", "save", "frames", "describe", "drop"].contains(first) { return true }
        return line.contains(" | ") && !line.hasPrefix("loaded") && !line.contains("──")
    }
}
