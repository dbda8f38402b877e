import Frames
import Language
import Testing
@testable import Shell

@Suite("Completion of statements, frames and stages")
struct CompletionStatementTests {
    func c(_ text: String, _ engine: CompletionEngine = CompletionFixture.engine()) -> [String] {
        CompletionFixture.candidates(text, engine: engine)
    }

    @Test func statementKeywordsAndFramesAtTheStart() {
        let all = c("")
        #expect(all.contains("load"))
        #expect(all.contains("describe"))
        #expect(all.contains("ipdr"))
        #expect(all.contains("`Odd Frame`"))
        #expect(c("lo") == ["load"])
        #expect(c("ip") == ["ipdr"])
        #expect(c("s") == ["save", "set", "settings", "status"])
        #expect(c("ce") == ["cells"])
    }

    @Test func replaceFromIsWhereTheWordStarts() {
        let r = CompletionFixture.complete("frames; des")
        #expect(r.replaceFrom == 8)
        #expect(r.candidates == ["describe"])
    }

    @Test func statementStartsAfterSemicolonAndNewline() {
        #expect(c("frames; lo") == ["load"])
        #expect(c("describe ipdr\nst") == ["status"])
    }

    @Test func frameNamesAfterDescribeDropSaveLet() {
        #expect(c("describe ") == ["`Odd Frame`", "cells", "ipdr"])
        #expect(c("drop ce") == ["cells"])
        #expect(c("save i") == ["ipdr"])
        #expect(c("let night = i") == ["ipdr"])
        #expect(c("let night = ") == ["`Odd Frame`", "cells", "ipdr"])
        #expect(c("let ni").isEmpty)
        #expect(c("describe ipdr ").isEmpty)
    }

    @Test func backquotedFrameNames() {
        #expect(c("describe `O") == ["`Odd Frame`"])
        #expect(c("describe `i") == ["`ipdr`"])
        #expect(CompletionFixture.complete("describe `O").replaceFrom == 9)
    }

    @Test func stageNamesAfterPipe() {
        #expect(c("ipdr | wh") == ["where"])
        #expect(c("ipdr | s") == ["select", "sort", "summarize"])
        #expect(c("ipdr |").contains("extend"))
        #expect(c("ipdr | where bytes_up > 1 | t") == ["take", "top"])
    }

    @Test func stageNamesOnContinuationLines() {
        #expect(c("ipdr\n| wh") == ["where"])
        #expect(c("ipdr |\n  ex") == ["exclude", "extend"])
        #expect(c("ipdr\n  | where dst_port == 443\n  | so") == ["sort"])
    }

    @Test func analyzerNamesComeFromTheContext() {
        let engine = CompletionFixture.engine(analyzers: ["geo.locate", "geo.asn", "cloud.provider"])
        #expect(c("ipdr | geo.", engine) == ["geo.asn", "geo.locate"])
        #expect(c("ipdr | g", engine) == ["geo.asn", "geo.locate"])
        #expect(CompletionFixture.complete("ipdr | geo.l", engine: engine).replaceFrom == 7)
        #expect(c("ipdr | geo.").isEmpty)
    }

    @Test func settingKeysAfterSet() {
        #expect(c("set ") == ["display.pager", "display.rows", "plugins.path", "script.on_error", "tz"])
        #expect(c("set display.") == ["display.pager", "display.rows"])
        #expect(c("set display.r") == ["display.rows"])
        #expect(CompletionFixture.complete("set display.r").replaceFrom == 4)
        #expect(c("set tz = ").isEmpty)
        #expect(c("set display.pager = ") == ["off", "on"])
        #expect(c("set script.on_error = c") == ["continue"])
        #expect(c("set display.pager = on ").isEmpty)
    }

    @Test func helpTopics() {
        let all = c("help ")
        #expect(all.contains("summarize"))
        #expect(all.contains("hour"))
        #expect(all.contains("dcount"))
        #expect(all.contains("display.rows"))
        #expect(all.contains("functions"))
        #expect(c("help summ") == ["summarize"])
        #expect(c("help display.p") == ["display.pager"])
    }

    @Test func subcommands() {
        #expect(c("plugin ") == ["load"])
        #expect(c("audit v") == ["verify"])
        #expect(c("audit ") == ["export", "seal", "tail", "verify"])
    }

    @Test func keywordFollowedByPipeIsAFrame() {
        let engine = CompletionEngine(context: CompletionContext(frames: ["status": [Field("code", .int)]]))
        #expect(c("status | where c", engine) == ["ceil(", "coalesce(", "code", "concat("])
    }

    @Test func nothingAfterStatementsWithoutArguments() {
        #expect(c("frames ").isEmpty)
        #expect(c("ipdr ").isEmpty)
        #expect(c("ipdr | take 1").isEmpty)
        #expect(c("ipdr | count ").isEmpty)
    }

    @Test func cursorBeyondTheTextIsClamped() {
        #expect(CompletionFixture.engine().complete("lo", cursor: 99).candidates == ["load"])
        #expect(CompletionFixture.engine().complete("lo", cursor: -5).candidates.contains("load"))
    }
}
