import Foundation
import Testing
@testable import Frames

@Suite struct ReaderErrorTests {
    let dir = TempFolder()

    func message(_ path: String, _ configure: (inout ReadOptions) -> Void = { _ in }) -> String? {
        loadError(path, configure)?.description
    }

    @Test func unterminatedQuote() {
        let p = dir.file("uq.csv", "a,b\n1,2\n3,\"oops\n4,5\n")
        #expect(message(p) == "\(p):3:3: error: unterminated quoted field; use on_error=skip to keep going")
    }

    @Test func textAfterClosingQuote() {
        let p = dir.file("ta.csv", "a,b\n\"x\"y,2\n")
        #expect(message(p) == "\(p):2:4: error: unexpected text after a closing quote; use on_error=skip to keep going")
    }

    @Test func wrongFieldCount() {
        let p = dir.file("fc.csv", "a,b,c\n1,2,3\n4,5\n")
        #expect(message(p) == "\(p):3:1: error: expected 3 fields, found 2; use on_error=skip to keep going")
    }

    @Test func wrongFieldCountAfterQuotedNewlineCountsPhysicalLines() {
        let p = dir.file("fc2.csv", "a,b\n\"x\ny\",2\n1,2,3\n")
        #expect(message(p) == "\(p):4:1: error: expected 2 fields, found 3; use on_error=skip to keep going")
    }

    @Test func invalidUTF8() {
        let p = dir.file("u8.csv", bytes: Array("a,b\n1,x".utf8) + [0xFF] + Array("y\n".utf8))
        #expect(message(p) == "\(p):2:4: error: invalid UTF-8 byte 0xFF; use on_error=skip to keep going")
    }

    @Test func invalidUTF8InHeader() {
        let p = dir.file("u8h.csv", bytes: Array("a,".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8))
        #expect(message(p) == "\(p):1:4: error: invalid UTF-8 byte 0x28; use on_error=skip to keep going")
    }

    @Test func declaredTypeMismatch() {
        let p = dir.file("tm.csv", "a,b\n1,2\n3,x\n")
        #expect(message(p) { $0.types = ["b": .int] }
            == "\(p):3:3: error: value \"x\" in column `b` is not a valid int; fix types= or use on_error=skip to keep going")
    }

    @Test func typesNamingAMissingColumn() {
        let p = dir.file("tn.csv", "a,b\n1,2\n")
        #expect(message(p) { $0.types = ["zz": .int] }
            == "\(p): error: types names column `zz`, which the file does not have (columns: a, b)")
    }

    @Test func lineTooLong() {
        let p = dir.file("ll.csv", "a,b\n1,2\n12345678901,2\n")
        #expect(message(p) { $0.maxLineBytes = 10 }
            == "\(p):3:1: error: line longer than 10 bytes; raise the line limit or use on_error=skip to keep going")
    }

    @Test func emptyFile() {
        let p = dir.file("e.csv", "")
        #expect(message(p) == "\(p): error: the file is empty")
        let blank = dir.file("blank.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("\n \r\n\n".utf8))
        #expect(message(blank) == "\(blank): error: the file is empty")
    }

    @Test func headerOnly() {
        let p = dir.file("ho.csv", "msisdn,imei,start_time\n")
        #expect(message(p) == "\(p): error: the file has a header but no data rows; use header=false if the first line is data")
    }

    @Test func binaryFile() {
        let p = dir.file("bin.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08])
        #expect(message(p) == "\(p): error: the file is binary (NUL bytes in its first block), not text; check that this is the right file")
    }

    @Test func directory() {
        #expect(message(dir.path) == "\(dir.path): error: is a directory, not a file")
    }

    @Test func missingFile() {
        let p = dir.path + "/nope.csv"
        #expect(message(p) == "\(p): error: no such file; check the path")
    }

    @Test func permissionDenied() throws {
        #expect(MappedFile.openError(EACCES, "x.csv") == .permissionDenied(path: "x.csv"))
        #expect(LoadError.permissionDenied(path: "x.csv").description == "x.csv: error: permission denied; check the file's permissions")
        // A real unreadable file (only meaningful when not running as root).
        guard getuid() != 0 else { return }
        let p = dir.file("secret.csv", "a\n1\n")
        chmod(p, 0)
        #expect(message(p) == "\(p): error: permission denied; check the file's permissions")
    }

    @Test func cancelled() {
        let p = dir.file("c.csv", "a\n1\n")
        #expect(message(p) { $0.isCancelled = { true } } == "\(p): error: load cancelled")
    }

    @Test(arguments: [1, 2])
    func cancelledWhileParsing(_ threads: Int) {
        var text = "a,b\n"
        for i in 0..<40_000 { text += "\(i),\(i)\n" }
        let p = dir.file("cw\(threads).csv", text)
        let polls = ProgressCounter()
        // The first poll (before parsing) says go on; later polls, from the workers, cancel.
        #expect(message(p) { $0.threads = threads; $0.isCancelled = { polls.add(1) > 1 } } == "\(p): error: load cancelled")
        let json = dir.file("cw\(threads).ndjson", String(repeating: "{\"a\":1}\n", count: 20_000))
        let jsonPolls = ProgressCounter()
        #expect(message(json) { $0.threads = threads; $0.isCancelled = { jsonPolls.add(1) > 1 } } == "\(json): error: load cancelled")
        let array = dir.file("cw\(threads).json", "[" + Array(repeating: "{\"a\":1}", count: 100).joined(separator: ",") + "]")
        let arrayPolls = ProgressCounter()
        #expect(message(array) { $0.threads = threads; $0.isCancelled = { arrayPolls.add(1) > 1 } } == "\(array): error: load cancelled")
    }

    @Test func firstErrorInFileOrderWhenParallel() {
        var text = "a,b,c\n"
        for i in 0..<20_000 {
            if i == 4000 { text += "bad\n" } else if i == 15_000 { text += "1,2,3,4\n" } else { text += "\(i),x,\"q\"\"\n\"\n" }
        }
        let p = dir.file("par.csv", text)
        // Line of row i: 2 + 2*i (each good row spans two lines).
        let expected = "\(p):\(2 + 2 * 4000):1: error: expected 3 fields, found 1; use on_error=skip to keep going"
        #expect(message(p) { $0.threads = 2 } == expected)
        #expect(message(p) { $0.threads = 1 } == expected)
    }

    @Test func skipCollectsRejects() throws {
        let text = "a,b\n1,2\n3\n4,5\nx,\"unterminated\n6,7\n"
        let p = dir.file("sk.csv", text)
        let r = try load(p) { $0.onError = .skip; $0.types = ["a": .int] }
        #expect(rows(r.frame) == [[.int(1), .int(2)], [.int(4), .int(5)], [.int(6), .int(7)]])
        #expect(r.rejectedCount == 2)
        let rejects = try #require(r.rejects)
        #expect(rejects.names == ["line", "column", "reason", "text"])
        #expect(rejects.fields.map(\.type) == [.int, .int, .string, .string])
        #expect(rows(rejects) == [
            [.int(3), .int(1), .string("expected 2 fields, found 1"), .string("3")],
            [.int(5), .int(3), .string("unterminated quoted field"), .string("x,\"unterminated")],
        ])
    }

    @Test func skipRejectsDeclaredMisfitsAndBadBytes() throws {
        let p = dir.file("sk2.csv", bytes: Array("a,b\n1,2\nq,3\n5,\u{1}".utf8) + [0xFE] + Array("\n7,8\n".utf8))
        let r = try load(p) { $0.onError = .skip; $0.types = ["a": .int] }
        #expect(rows(r.frame) == [[.int(1), .int(2)], [.int(7), .int(8)]])
        #expect(r.rejectedCount == 2)
        let rejects = try #require(r.rejects)
        #expect(rejects.column("line").map { c in (0..<2).map { c.value(at: $0) } } == [.int(3), .int(4)])
        #expect(rejects.column("reason")?.value(at: 0) == .string("value \"q\" in column `a` is not a valid int"))
        #expect(rejects.column("reason")?.value(at: 1) == .string("invalid UTF-8 byte 0xFE"))
    }
}
