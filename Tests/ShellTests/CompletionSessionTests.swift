import Foundation
import Session
import Testing
@testable import Shell

@Suite("Completion context from a live session")
struct CompletionSessionTests {
    @Test func snapshotsFramesSchemasAndZone() throws {
        let folder = NSTemporaryDirectory() + "ipdr-completion-session-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/calls.csv"
        try Data("msisdn,bytes_up,Start Date\n9198,10,x\n9199,20,y\n".utf8).write(to: URL(fileURLWithPath: file))
        let output = CapturedOutput()
        let session = Session(output: output)
        #expect(session.execute("load \"\(file)\" as calls\nset tz = \"+05:30\"", origin: .command), "\(output.stderr)")
        let context = CompletionContext(session: session)
        #expect(context.frames.keys.sorted() == ["calls"])
        #expect(context.frames["calls"]?.map(\.name) == ["msisdn", "bytes_up", "Start Date"])
        #expect(context.zone == session.settings.tz)
        #expect(context.settingKeys.contains("display.rows"))
        #expect(context.analyzerNames.isEmpty)
        let engine = CompletionEngine(context: context)
        #expect(engine.complete("calls | where by", cursor: 16).candidates == ["bytes_up"])
        #expect(engine.complete("describe ", cursor: 9).candidates == ["calls"])
        #expect(engine.complete("calls | where `S", cursor: 16).candidates == ["`Start Date`"])
    }
}
