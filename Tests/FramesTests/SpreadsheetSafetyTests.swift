import Testing
import TestSupport
@testable import Frames

/// CSV cells that spreadsheets would run as formulas, and identifiers kept as text.
@Suite struct SpreadsheetSafetyTests {
    func csv(_ frame: Frame, neutralize: Bool, text: Set<String> = []) -> (String, Int) {
        var sink = ByteSink.memory()
        let n = CSVWriter.write(frame, delimiter: 44, header: false, zone: .utc,
                                safety: .init(neutralize: neutralize, textColumns: text), to: &sink)
        return (String(decoding: sink.collected, as: UTF8.self), n)
    }

    @Test func formulaCellsGetAQuote() {
        let cells = ["=1+1", "+91", "-5", "@SUM(A1)", "\tx", "\rx", "ok", "", "a=b"]
        let frame = Frame([("s", Column.from(.string, cells.map { .string($0) } + [.null])), ("n", Column.from(.int, (0..<10).map { .int(Int64(-$0)) }))])
        let (text, count) = csv(frame, neutralize: true)
        #expect(count == 6)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) == ["'=1+1,0", "'+91,-1", "'-5,-2", "'@SUM(A1),-3"])
        #expect(text.contains("\"'\rx\",-5"))
        #expect(text.contains("\n\"\",-7\n"))
        #expect(text.contains("\na=b,-8\n"))
        #expect(text.hasSuffix("\n,-9\n"))
    }

    @Test func rawLeavesCellsAlone() {
        let frame = Frame([("s", Column.from(.string, [.string("=cmd|' /C calc'!A0")]))])
        let (text, count) = csv(frame, neutralize: false)
        #expect(count == 0)
        #expect(text == "=cmd|' /C calc'!A0\n")
    }

    @Test func identifiersAsText() {
        let frame = Frame([("msisdn", Column.from(.string, [.string("919812345678"), .string("+919812345678"), .string("=1"), .null]))])
        let (text, count) = csv(frame, neutralize: true, text: ["msisdn"])
        #expect(text == "\"=\"\"919812345678\"\"\"\n\"=\"\"+919812345678\"\"\"\n'=1\n\n")
        #expect(count == 1)
    }
}

/// The escape is undone exactly by `SpreadsheetEscape.unescape`, whatever the cells.
@Suite struct SpreadsheetEscapeTests {
    @Test func unescapeRestoresEveryCell() {
        let pieces = ["'", "=", "+", "-", "@", "\t", "\r", "a", "1", "", "\"", ","]
        var rng = SplitMix(seed: 21)
        var cells: [String] = []
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<(rng.next() % 5) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            cells.append(s)
        }
        let frame = Frame([("s", Column.from(.string, cells.map { .string($0) }))])
        var sink = ByteSink.memory()
        let count = CSVWriter.write(frame, delimiter: 44, header: false, zone: .utc, safety: .init(neutralize: true, textColumns: []), to: &sink)
        var escaped = PlainStrings()
        for c in cells {
            var c = c
            c.withUTF8 { b in
                if SpreadsheetEscape.needsPrefix(b) { escaped.append("'" + String(decoding: b, as: UTF8.self)) } else { escaped.append(bytes: b) }
            }
        }
        #expect(count == (0..<escaped.count).filter { escaped[$0] != cells[$0] }.count)
        let back = SpreadsheetEscape.unescape(escaped)
        #expect((0..<back.count).map { back[$0] } == cells)
        #expect(SpreadsheetEscape.unescape(PlainStrings(["'x", "''", "'", "x'="])) == PlainStrings(["'x", "''", "'", "x'="]))
    }
}
