import Testing
@testable import Audit

@Suite struct AuditJSONTests {
    @Test func sha256OfKnownText() {
        #expect(SHA256Hex.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func writerKeepsKeyOrderAndEscapes() throws {
        let v = AuditValue.object([
            AuditField("z", .int(1)), AuditField("a", .string("q\"\\\n\t\u{01}é")), AuditField("n", .null),
            AuditField("l", .array([.bool(true), .number("2.500")])),
        ])
        let text = String(decoding: AuditJSONWriter.bytes(v), as: UTF8.self)
        #expect(text == #"{"z":1,"a":"q\"\\\n\t\u0001é","n":null,"l":[true,2.500]}"#)
        #expect(try AuditJSONParser.parse(AuditJSONWriter.bytes(v)).get() == v)
    }

    @Test(arguments: [
        #"{"a":1,}"#, #"{"a":1}x"#, #"{"a":1,"a":2}"#, #"{"a":01}"#, "{\"a\":\"\u{01}\"}", #"{"a":"\ud800"}"#, #"[1 2]"#, "",
    ])
    func parserRejects(_ text: String) {
        #expect(throws: AuditJSONError.self) { try AuditJSONParser.parse(Array(text.utf8)).get() }
    }

    @Test func parserReadsEscapesAndSurrogates() throws {
        let v = try AuditJSONParser.parse(Array(#"{"s":"\u00e9\ud83d\ude00\/"}"#.utf8)).get()
        #expect(v["s"]?.stringValue == "é😀/")
    }

    @Test func clockFormatsUTCWithMilliseconds() {
        #expect(AuditClock.text(millisecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(AuditClock.text(millisecondsSinceEpoch: 1_759_654_397_123) == "2025-10-05T08:53:17.123Z")
        #expect(AuditClock.text(millisecondsSinceEpoch: 951_782_400_007) == "2000-02-29T00:00:00.007Z")
    }
}
