import Foundation
import Testing

/// Background jobs at the prompt: the prompt stays usable while a job runs,
/// `exit` warns about it, and its notice comes before the next prompt.
/// `IPDR_JOB_HOLD` holds every job until the named file exists.
@Suite(.serialized, .enabled(if: TmuxShell.tmuxPath != nil, "tmux is not installed: terminal tests skipped"))
struct ShellJobTests {
    @Test func backgroundSaveLeavesThePromptUsableAndReportsWhenDone() throws {
        let t = try TmuxShell()
        try t.write("small.csv", ShellTerminalTests.smallCSV)
        try t.start(width: 140, env: ["IPDR_JOB_HOLD": "release"])
        try t.waitFor("ipdr>")
        try t.type("load \"small.csv\" as s")
        try t.press("Enter")
        try t.waitFor("loaded s: 3 rows")
        try t.type("save s to out.csv &")
        try t.press("Enter")
        try t.waitFor("[1] started: save s to out.csv")
        try t.type("jobs")
        try t.press("Enter")
        let listing = try t.waitFor("(1 row)")
        #expect(listing.contains("running"))
        // The prompt is usable meanwhile.
        try t.type("s | count")
        try t.press("Enter")
        try t.waitFor("(1 row)", count: 2)
        try t.type("exit")
        try t.press("Enter")
        try t.waitFor("exit again to cancel it and leave")
        // Ctrl-C during wait stops the waiting, not the job.
        try t.type("wait")
        try t.press("Enter")
        try t.press("C-c")
        try t.waitFor("stopped waiting; still running: 1")
        try t.type("jobs")
        try t.press("Enter")
        let still = try t.waitFor("(1 row)", count: 3)
        #expect(still.components(separatedBy: "1  running").count - 1 == 2, "\(still)")
        try t.write("release", "")
        // The notice comes before the first prompt drawn after the job ended.
        var screen = ""
        for _ in 0..<20 {
            try t.press("Enter")
            if let s = try? t.waitUntil("the done notice", timeout: 0.5, { $0.contains("[1] done:") }) {
                screen = s
                break
            }
        }
        #expect(screen.contains("[1] done: saved 3 rows to out.csv ("))
        try t.type("exit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }
}
