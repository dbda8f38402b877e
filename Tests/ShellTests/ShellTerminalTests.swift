import Foundation
import Testing

/// The real binary in a real terminal (tmux): prompt, multi-line statements,
/// history, Ctrl-R, Ctrl-C, Ctrl-D, init file, pager.
@Suite(.serialized, .enabled(if: TmuxShell.tmuxPath != nil, "tmux is not installed: terminal tests skipped"))
struct ShellTerminalTests {
    static let smallCSV = "name,bytes_up\nalice,10\nbob,20\ncarol,30\n"

    @Test func bannerPromptMultiLinePipelineAndExit() throws {
        let t = try TmuxShell()
        try t.write("small.csv", Self.smallCSV)
        try t.start()
        let first = try t.waitFor("ipdr>")
        #expect(first.contains("ipdr 0.1"))
        #expect(first.contains("help"))
        try t.type("load \"small.csv\" as s")
        try t.press("Enter")
        try t.waitFor("loaded s: 3 rows")
        try t.type("s |")
        try t.press("Enter")
        try t.waitFor("  ...>")
        try t.type("where bytes_up > 15 |")
        try t.press("Enter")
        try t.waitFor("  ...>", count: 2)
        try t.type("select name")
        try t.press("Enter")
        let screen = try t.waitFor("(2 rows)")
        #expect(screen.contains("bob"))
        #expect(!screen.contains("alice"))
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }

    @Test func historyIsKeptAcrossRestartsWithPrivateModeAndCtrlRSearches() throws {
        let t = try TmuxShell()
        try t.write("small.csv", Self.smallCSV)
        try t.start()
        try t.waitFor("ipdr>")
        try t.type("load \"small.csv\" as s")
        try t.press("Enter")
        try t.waitFor("loaded s")
        try t.type("s |")
        try t.press("Enter")
        try t.type("select bytes_up")
        try t.press("Enter")
        try t.waitFor("(3 rows)")
        try t.type("frames")
        try t.press("Enter")
        try t.waitFor("load small.csv")
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
        t.stop()

        let attributes = try FileManager.default.attributesOfItem(atPath: t.historyPath)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode & 0o777 == 0o600)
        let saved = try String(contentsOfFile: t.historyPath, encoding: .utf8)
        #expect(saved.components(separatedBy: "frames").count == 2, "each statement once")

        try t.start()
        try t.waitFor("ipdr>")
        try t.press("Up")
        try t.waitUntil("'exit' recalled") { TmuxShell.lastLine($0) == "ipdr> exit" }
        try t.press("Up")
        try t.waitUntil("'frames' recalled") { TmuxShell.lastLine($0) == "ipdr> frames" }
        try t.press("Up")
        // The multi-line statement comes back whole: one history entry.
        try t.waitUntil("multi-line entry recalled") { $0.contains("ipdr> s |\nselect bytes_up") }
        try t.press("Up")
        try t.waitUntil("load recalled") { TmuxShell.lastLine($0) == "ipdr> load \"small.csv\" as s" }
        try t.press("Enter")
        try t.waitFor("loaded s")
        try t.press("C-r")
        try t.type("bytes")
        try t.waitFor("select bytes_up")
        try t.press("Enter")
        let screen = try t.waitFor("(3 rows)")
        #expect(screen.contains("bytes_up"))
        try t.press("C-d")
        #expect(try t.exitStatus() == 0)
    }

    @Test func ctrlCClearsTheTypedLineAndCtrlDLeaves() throws {
        let t = try TmuxShell()
        try t.start()
        try t.waitFor("ipdr>")
        try t.type("bogus_statement here")
        try t.waitFor("bogus_statement here")
        try t.press("C-c")
        try t.waitFor("ipdr>", count: 2)
        try t.type("set display.rows = 7")
        try t.press("Enter")
        try t.type("settings")
        try t.press("Enter")
        let screen = try t.waitFor("display.pager")
        #expect(!screen.contains("bogus_statement here\n<input>"), "the interrupted line must not run")
        #expect(screen.components(separatedBy: "bogus_statement").count == 2)
        #expect(screen.contains("7"))
        try t.press("C-d")
        #expect(try t.exitStatus() == 0)
    }

    @Test func initFileRunsAndItsErrorsDoNotStopTheShell() throws {
        let t = try TmuxShell()
        try t.write("small.csv", Self.smallCSV)
        try t.write("init.ipdr", "set script.on_error = continue\nload \"small.csv\" as from_init\nload \"missing.csv\" as nothing\n")
        try t.start()
        let first = try t.waitFor("ipdr>")
        #expect(first.contains("missing.csv"))
        try t.type("frames")
        try t.press("Enter")
        let screen = try t.waitFor("from_init")
        #expect(!screen.contains("nothing "))
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }

    @Test func ctrlCDuringALongLoadCancelsItAndKeepsTheFrames() throws {
        let t = try TmuxShell()
        try t.write("small.csv", Self.smallCSV)
        try Self.writeBigCSV(at: t.directory.appendingPathComponent("big.csv"), rows: 2_000_000)
        try t.start()
        try t.waitFor("ipdr>")
        try t.type("load \"small.csv\" as s")
        try t.press("Enter")
        try t.waitFor("loaded s")
        try t.type("load \"big.csv\" as big")
        try t.press("Enter")
        // The progress line shows bytes read; Ctrl-C while it is there.
        try t.waitFor("loading ", timeout: 20)
        try t.press("C-c")
        try t.waitFor("cancelled; frames are unchanged", timeout: 20)
        try t.waitUntil("prompt after cancel") { TmuxShell.lastLine($0) == "ipdr>" }
        try t.type("frames")
        try t.press("Enter")
        let screen = try t.waitFor("(1 row)")
        #expect(screen.contains("load small.csv"))
        #expect(!screen.contains("big.csv ") && !screen.contains("load big.csv"))
        #expect(!screen.contains("loading "), "the progress line is cleared")
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }

    @Test func tallResultsGoThroughThePagerWhenItIsOn() throws {
        let t = try TmuxShell()
        var csv = "n\n"
        for i in 1...60 { csv += "\(i)\n" }
        try t.write("tall.csv", csv)
        let paged = t.directory.appendingPathComponent("paged.txt").path
        try t.start(height: 30, env: ["PAGER": "cat > '\(paged)'"])
        try t.waitFor("ipdr>")
        try t.type("load \"tall.csv\" as tall; set display.rows = 100; tall | take 5")
        try t.press("Enter")
        try t.waitFor("(5 rows)")
        #expect(!FileManager.default.fileExists(atPath: paged), "paging is off by default")
        try t.type("set display.pager = on")
        try t.press("Enter")
        try t.type("tall | take 3")
        try t.press("Enter")
        try t.waitFor("(3 rows)")
        #expect(!FileManager.default.fileExists(atPath: paged), "short results are not paged")
        try t.type("tall")
        try t.press("Enter")
        try t.waitFor("ipdr>", count: 5)
        let text = try String(contentsOfFile: paged, encoding: .utf8)
        #expect(text.contains("(60 rows)"))
        #expect(!(try t.screen()).contains("(60 rows)"))
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }

    @Test func tabCompletesPathsStagesAndColumnsOfTheFlowingFrame() throws {
        let t = try TmuxShell()
        try t.write("small.csv", Self.smallCSV)
        try t.start()
        try t.waitFor("ipdr>")
        try t.type("load \"sma")
        try t.press("Tab")
        try t.waitFor("load \"small.csv\"")
        try t.type("as s")
        try t.press("Enter")
        try t.waitFor("loaded s")
        try t.type("s | wh")
        try t.press("Tab")
        try t.waitUntil("stage completed") { TmuxShell.lastLine($0) == "ipdr> s | where" }
        try t.type("by")
        try t.press("Tab")
        try t.waitUntil("column completed") { TmuxShell.lastLine($0) == "ipdr> s | where bytes_up" }
        // A column made by an earlier stage of the same pipeline.
        try t.type("> 15 | extend doubled = bytes_up * 2 | select dou")
        try t.press("Tab")
        try t.waitFor("select doubled")
        try t.press("Enter")
        let screen = try t.waitFor("(2 rows)")
        #expect(screen.contains("60"))
        // Several candidates: the second Tab lists them.
        try t.type("s | s")
        try t.press("Tab")
        try t.press("Tab")
        let listed = try t.waitFor("summarize")
        #expect(listed.contains("select") && listed.contains("sort"))
        try t.press("C-c")
        try t.press("C-d")
        #expect(try t.exitStatus() == 0)
    }

    /// A CSV of `rows` rows written in blocks (quick even in debug builds).
    static func writeBigCSV(at url: URL, rows: Int) throws {
        var block = ""
        let blockRows = 10_000
        for i in 0..<blockRows {
            block += "\(i),user\(i % 977),10.\(i % 256).\((i >> 8) % 256).\(i % 200),\(i * 37 % 100_000)\n"
        }
        let data = Data(block.utf8)
        try Data("id,name,ip,bytes\n".utf8).write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        for _ in 0..<(rows / blockRows) { try handle.write(contentsOf: data) }
    }
}
