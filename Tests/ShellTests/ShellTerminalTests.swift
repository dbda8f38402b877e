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
        // An open parenthesis and an open quote also continue the statement.
        try t.type("s | where bytes_up in (10,")
        try t.press("Enter")
        try t.waitFor("  ...>", count: 3)
        try t.type("30) | where name != \"bo")
        try t.press("Enter")
        try t.waitFor("  ...>", count: 4)
        try t.type("b\" | count")
        try t.press("Enter")
        let counted = try t.waitUntil("count of 2") { $0.contains("count") && $0.contains("(1 row)") }
        #expect(counted.contains("    2"))
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
        try t.pressCtrlDAtPrompt()
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
        try t.pressCtrlDAtPrompt()
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
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    static let wideCSV = "msisdn,dst_ip,bytes_up,bytes_down,apn,cell_id,rat\n"
        + "919812345678,2a03:2880:f12f:83:face:b00c:0:25de,1970402614,5000000,airtelgprs.com,0404101234,4G\n"
        + "919800000001,157.240.1.35,5,,jionet,0404105678,5G\n"

    @Test(arguments: [60, 200])
    func tablesFitTheTerminalWidth(_ width: Int) throws {
        let t = try TmuxShell()
        try t.write("wide.csv", Self.wideCSV)
        try t.start(width: width)
        try t.waitFor("ipdr>")
        try t.type("load \"wide.csv\" as w; w")
        try t.press("Enter")
        let screen = try t.waitFor("(2 rows")
        let table = screen.split(separator: "\n").drop { !$0.hasPrefix("msisdn") }
        #expect(!table.isEmpty)
        for line in table { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        if width == 200 {
            #expect(screen.contains("2a03:2880:f12f:83:face:b00c:0:25de"))
            #expect(screen.contains("(2 rows)"))
        } else {
            #expect(screen.contains("more column"), "dropped columns are announced")
            #expect(screen.contains("1,970,402,614"), "numbers are never cut")
        }
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    @Test func colourUnlessNoColor() throws {
        for noColor in ["", "1"] {
            let t = try TmuxShell()
            try t.write("wide.csv", Self.wideCSV)
            try t.start(width: 200, env: ["NO_COLOR": noColor])
            try t.waitFor("ipdr>")
            try t.type("load \"wide.csv\" as w; w | where bytes_down is null | select msisdn, bytes_down; nosuch")
            try t.press("Enter")
            try t.waitFor("unknown frame")
            let raw = try t.screenWithEscapes()
            if noColor.isEmpty {
                #expect(raw.contains("\u{1B}[1m"), "bold headers")
                #expect(raw.contains("\u{1B}["), "coloured output")
            } else {
                #expect(!raw.contains("\u{1B}[1m"), "NO_COLOR turns colour off")
            }
            try t.pressCtrlDAtPrompt()
            #expect(try t.exitStatus() == 0)
        }
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
