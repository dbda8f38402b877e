import Foundation
import Testing

/// Modes, options and exit codes of the command line.
@Suite struct CommandLineTests {
    func run(_ args: [String], stdin: String? = nil) throws -> IPDRProcess.Output {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        return try IPDRProcess.run(args, stdin: stdin, cwd: cwd)
    }

    @Test func commandMode() throws {
        let r = try run(["-c", "load golden/data/small.csv as s; s | count"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("count\n─────\n    6\n(1 row)\n"))
    }

    @Test func optionsAfterTheModeWord() throws {
        let r = try run(["-c", "load golden/data/small.csv as s\ns | count", "--output", "json"])
        #expect(r.stdout == "{\"count\":6}\n")
    }

    @Test func scriptFileAsBareArgument() throws {
        let r = try run(["golden/stdin-mode.ipdr", "--output", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("count\n6\n"))
    }

    @Test func dataFilesOnTheCommandLineAreLoaded() throws {
        let r = try run(["golden/data/small.csv", "--output", "csv"], stdin: "small | count\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "count\n6\n")
    }

    @Test func stdinStatements() throws {
        let r = try run([], stdin: "load golden/data/small.csv as s\ns | where dst_port == 53 | count\n")
        #expect(r.stdout.contains("    2\n"))
    }

    @Test(arguments: [["--output", "xml"], ["--bogus"], ["run"], ["-c"], ["run", "a.ipdr", "-c", "frames"], ["--tz"]])
    func badUsageExitsWithTwo(_ args: [String]) throws {
        let r = try run(args)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ipdr: "))
        #expect(r.stderr.contains("usage:"))
    }

    @Test func missingScriptIsUsageError() throws {
        let r = try run(["run", "nope.ipdr"])
        #expect(r.status == 2)
        #expect(r.stderr == "ipdr: cannot read script 'nope.ipdr': no such file\n")
    }

    @Test func failingStatementExitsWithOne() throws {
        let r = try run(["-c", "frames\nnope | count\nframes"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("<command>:2:1: error: unknown frame 'nope'"))
        #expect(r.stdout.components(separatedBy: "(0 rows)").count == 2, "the statement after the failure must not run")
    }

    @Test func badZoneOptionIsUsageError() throws {
        let r = try run(["--tz", "Mars/Base", "-c", "frames"])
        #expect(r.status == 2)
    }

    @Test func timingLines() throws {
        let r = try run(["--timing", "-c", "load golden/data/small.csv as s\ns | count"])
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.range(of: #"^timing: [0-9]+\.[0-9]{3} ms: "#, options: .regularExpression) != nil })
        #expect(lines.last?.hasSuffix("ms: s | count") == true)
    }

    @Test func helpAndVersion() throws {
        #expect(try run(["--help"]).stdout.contains("usage: ipdr"))
        #expect(try run(["--version"]).stdout.hasPrefix("ipdr "))
        let h = try run(["-c", "help"])
        for word in ["where", "summarize", "hour", "dcount", "ip_in", "display.rows", "on_error"] {
            #expect(h.stdout.contains(word), "help lacks \(word)")
        }
    }
}
