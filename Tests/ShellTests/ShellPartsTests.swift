import Foundation
import Testing
@testable import Shell

@Suite("Shell parts: completion re-basing, progress text, paging, paths")
struct ShellPartsTests {
    @Test func rebasingKeepsCandidatesWhenStartsAgree() {
        let text = Array("s | wh".utf8)
        #expect(CompletionAdjustment.rebase(["where"], replaceFrom: 4, wordStart: 4, text: text) == ["where"])
    }

    @Test func rebasingDropsWhatLibeditDoesNotReplace() {
        // The engine replaces from the opening quote; libedit's word starts after it.
        let text = Array("load \"da".utf8)
        let out = CompletionAdjustment.rebase(["\"data/", "\"datasets/", "other"], replaceFrom: 5, wordStart: 6, text: text)
        #expect(out == ["data/", "datasets/"])
    }

    @Test func rebasingAddsWhatLibeditAlsoReplaces() {
        // libedit's word starts at "geo"; the engine completes after the dot.
        let text = Array("s | geo.lo".utf8)
        let out = CompletionAdjustment.rebase(["locate"], replaceFrom: 8, wordStart: 4, text: text)
        #expect(out == ["geo.locate"])
    }

    @Test func rebasingClampsOffsetsOutsideTheText() {
        let text = Array("ab".utf8)
        #expect(CompletionAdjustment.rebase(["abc"], replaceFrom: -3, wordStart: 99, text: text) == ["c"])
    }

    @Test func commonPrefixOfCandidates() {
        #expect(CompletionAdjustment.commonPrefix(["select", "sort", "summarize"]) == "s")
        #expect(CompletionAdjustment.commonPrefix(["bytes_up", "bytes_down"]) == "bytes_")
        #expect(CompletionAdjustment.commonPrefix(["only"]) == "only")
        #expect(CompletionAdjustment.commonPrefix([]) == "")
        #expect(CompletionAdjustment.commonPrefix(["é1", "é2"]) == "é")
    }

    @Test func progressTextForLoads() throws {
        let text = try #require(ProgressLine.describe(elapsed: 2, bytesDone: 50_000_000, bytesTotal: 200_000_000))
        #expect(text.contains("50.0 MB / 200.0 MB"))
        #expect(text.contains("(25%)"))
        #expect(text.contains("25.0 MB/s"))
        #expect(text.contains("ETA 6s"))
    }

    @Test func progressTextForOtherStatementsOnlyAfterASecond() {
        #expect(ProgressLine.describe(elapsed: 0.5, bytesDone: 0, bytesTotal: 0) == nil)
        #expect(ProgressLine.describe(elapsed: 65, bytesDone: 0, bytesTotal: 0)?.hasPrefix("running 1:05") == true)
    }

    @Test func byteAndDurationUnits() {
        #expect(ProgressLine.bytes(512) == "512 B")
        #expect(ProgressLine.bytes(1_500) == "1.5 KB")
        #expect(ProgressLine.bytes(2_000_000_000) == "2.0 GB")
        #expect(ProgressLine.bytes(-5) == "0 B")
        #expect(ProgressLine.duration(7.9) == "7s")
        #expect(ProgressLine.duration(3723) == "1:02:03")
    }

    @Test func progressLineDrawsAfterDelayAndClearsAtTheEnd() throws {
        let log = Log()
        let line = ProgressLine(width: { 60 }, write: { log.append($0) })
        line.begin()
        line.update(bytesDone: 10, bytesTotal: 100)
        let deadline = Date().addingTimeInterval(3)
        while !log.text.contains("loading"), Date() < deadline { usleep(20_000) }
        #expect(log.text.contains("\rloading 10 B / 100 B"))
        line.end()
        #expect(log.text.hasSuffix("\r\u{1B}[K"))
        let after = log.text
        usleep(400_000)
        #expect(log.text == after, "nothing is drawn after end()")
    }

    @Test func shortResultsPrintAndTallOnesGoToThePager() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-pager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let paged = dir.appendingPathComponent("paged").path
        let out = Log(), err = Log()
        let sink = ShellOutput(pager: Pager(command: "cat > '\(paged)'"), screenHeight: { 5 },
                               writeOut: { out.append($0) }, writeErr: { err.append($0) })
        sink.beginStatement(paging: true)
        sink.standard("a\nb\n")
        #expect(out.text.isEmpty, "held until the statement ends")
        sink.endStatement()
        #expect(out.text == "a\nb\n")
        #expect(!FileManager.default.fileExists(atPath: paged))

        let tall = (1...10).map { "row \($0)\n" }.joined()
        sink.beginStatement(paging: true)
        sink.standard(tall)
        sink.endStatement()
        #expect(try String(contentsOfFile: paged, encoding: .utf8) == tall)
        #expect(out.text == "a\nb\n")

        sink.beginStatement(paging: false)
        sink.standard(tall)
        #expect(out.text.hasSuffix(tall), "paging off writes at once")
        sink.endStatement()
    }

    @Test func errorsFlushHeldResultsFirst() {
        let log = Log()
        let sink = ShellOutput(pager: Pager(command: "false"), screenHeight: { 50 },
                               writeOut: { log.append("out:" + $0) }, writeErr: { log.append("err:" + $0) })
        sink.beginStatement(paging: true)
        sink.standard("result\n")
        sink.error("problem\n")
        sink.endStatement()
        #expect(log.text == "out:result\nerr:problem\n")
    }

    @Test func pagerDefaultsToLess() {
        #expect(Pager(environment: [:]).command == "less -S")
        #expect(Pager(environment: ["PAGER": "  "]).command == "less -S")
        #expect(Pager(environment: ["PAGER": "more"]).command == "more")
    }

    @Test func historyAndInitPaths() {
        #expect(LineEditor.defaultHistoryPath(environment: ["HOME": "/h"]) == "/h/.local/state/ipdr/history")
        #expect(LineEditor.defaultHistoryPath(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s"]) == "/s/ipdr/history")
        #expect(LineEditor.defaultHistoryPath(environment: ["HOME": "/h", "IPDR_HISTORY": "/x/hist"]) == "/x/hist")
        #expect(LineEditor.defaultHistoryPath(environment: ["IPDR_HISTORY": ""]) == nil)
        #expect(LineEditor.defaultHistoryPath(environment: [:]) == nil)
        #expect(ShellLoop.initFilePath(environment: ["HOME": "/h"]) == "/h/.config/ipdr/init.ipdr")
        #expect(ShellLoop.initFilePath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c"]) == "/c/ipdr/init.ipdr")
        #expect(ShellLoop.initFilePath(environment: ["IPDR_INIT": "/i.ipdr"]) == "/i.ipdr")
        #expect(ShellLoop.initFilePath(environment: ["HOME": "/h", "IPDR_INIT": ""]) == nil)
    }
}

/// Text collected from several threads.
final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
}
