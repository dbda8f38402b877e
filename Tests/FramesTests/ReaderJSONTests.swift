import Testing
@testable import Frames

@Suite struct ReaderJSONTests {
    let dir = TempFolder()

    @Test func arrayOfObjectsWithUnionOfKeys() throws {
        let text = """
        [
          {"msisdn": "919812345678", "bytes": 10, "t": "2025-10-05T14:03:11Z", "ip": "10.0.0.1"},
          {"bytes": 2.5, "extra": {"a": [1, 2]}, "msisdn": "09812345678", "ip": "::1", "t": null},
          {"msisdn": "+91", "ok": true, "extra": [], "note": "tab\\there \\u00fc \\ud83d\\ude00 \\"q\\""}
        ]
        """
        let r = try load(dir.file("a.json", text))
        #expect(r.format == .json)
        #expect(r.frame.names == ["msisdn", "bytes", "t", "ip", "extra", "ok", "note"])
        #expect(r.frame.fields.map(\.type) == [.string, .float, .timestamp, .ip, .string, .bool, .string])
        #expect(rows(r.frame) == [
            [.string("919812345678"), .float(10), .timestamp(1_759_672_991_000_000), .ip(IPAddress("10.0.0.1")!), .null, .null, .null],
            [.string("09812345678"), .float(2.5), .null, .ip(IPAddress("::1")!), .string("{\"a\": [1, 2]}"), .null, .null],
            [.string("+91"), .null, .null, .null, .string("[]"), .bool(true), .string("tab\there ü 😀 \"q\"")],
        ])
    }

    @Test func ndjsonByContentAndInference() throws {
        let text = "{\"a\":1,\"b\":\"x\",\"c\":\"05/10/2025 14:03:11\"}\n\n{\"a\":-3,\"b\":\"\",\"c\":\"06/10/2025 00:00:00\"}\r\n{\"a\":7}"
        let r = try load(dir.file("n.json", text))
        #expect(r.format == .ndjson)
        #expect(r.frame.fields.map(\.type) == [.int, .string, .timestamp])
        #expect(rows(r.frame)[1] == [.int(-3), .string(""), .timestamp(1_759_708_800_000_000)])
        #expect(rows(r.frame)[2] == [.int(7), .null, .null])
    }

    @Test func mixedValuesBecomeStrings() throws {
        let r = try load(dir.file("m.ndjson", "{\"v\":1}\n{\"v\":\"one\"}\n{\"v\":true}\n{\"v\":{\"k\":1}}\n"))
        #expect(rows(r.frame) == [[.string("1")], [.string("one")], [.string("true")], [.string("{\"k\":1}")]])
    }

    @Test func hugeIntegersStayExact() throws {
        let r = try load(dir.file("h.ndjson", "{\"v\":1}\n{\"v\":89910273100000012345}\n"))
        #expect(rows(r.frame) == [[.string("1")], [.string("89910273100000012345")]])
    }

    @Test func stringsOfDigitsStayStrings() throws {
        let r = try load(dir.file("s.ndjson", "{\"v\":\"123\"}\n{\"v\":\"456\"}\n"))
        #expect(r.frame.fields.map(\.type) == [.string])
    }

    @Test func declaredTypes() throws {
        let r = try load(dir.file("d.ndjson", "{\"v\":\"123\",\"d\":\"01:00:00\"}\n{\"v\":4,\"d\":\"5m\"}\n")) {
            $0.types = ["v": .int, "d": .duration]
        }
        #expect(rows(r.frame) == [[.int(123), .duration(3_600_000_000)], [.int(4), .duration(300_000_000)]])
    }

    @Test func syntaxErrors() {
        let p1 = dir.file("e1.json", "[{\"a\":1},\n {\"a\":2,}]")
        #expect(loadError(p1)?.description == "\(p1):2:9: error: expected '\"', found '}'; use on_error=skip to keep going")
        let p2 = dir.file("e2.ndjson", "{\"a\":1}\n{\"a\" 2}\n")
        #expect(loadError(p2)?.description == "\(p2):2:6: error: expected ':' after a key, found '2'; use on_error=skip to keep going")
        let p3 = dir.file("e3.json", "[{\"a\":1}] x")
        #expect(loadError(p3)?.description == "\(p3):1:11: error: unexpected 'x' after the array; use on_error=skip to keep going")
        let p4 = dir.file("e4.ndjson", "{\"a\":\"open\n")
        #expect(loadError(p4)?.description == "\(p4):1:11: error: unterminated string; use on_error=skip to keep going")
        let p5 = dir.file("e5.json", "[1, 2]")
        #expect(loadError(p5)?.description == "\(p5):1:2: error: expected an object, found '1'; use on_error=skip to keep going")
        let p6 = dir.file("e6.ndjson", "{\"a\":01}\n")
        #expect(loadError(p6)?.description == "\(p6):1:7: error: expected ',' or '}' in an object, found '1'; use on_error=skip to keep going")
    }

    @Test func emptyArrayHasNoRows() {
        let p = dir.file("empty.json", "[ ]")
        #expect(loadError(p)?.description == "\(p): error: the file holds no objects")
        let blank = dir.file("blank.ndjson", "\n  \n")
        #expect(loadError(blank)?.description == "\(blank): error: the file is empty")
    }

    @Test func declaredMismatchFailsWithPosition() {
        let p = dir.file("tm.ndjson", "{\"a\":1}\n{\"b\":0, \"a\":\"x\"}\n")
        #expect(loadError(p) { $0.types = ["a": .int] }?.description
            == "\(p):2:13: error: value \"x\" in column `a` is not a valid int; fix types= or use on_error=skip to keep going")
    }

    @Test func skipRejectsBadLines() throws {
        let p = dir.file("sk.ndjson", bytes: Array("{\"a\":1}\n{\"a\":\n{\"a\":\"x\"}\n{\"a\":\"".utf8) + [0xFF] + Array("\"}\n{\"a\":4}\n".utf8))
        let r = try load(p) { $0.onError = .skip; $0.types = ["a": .int] }
        #expect(rows(r.frame) == [[.int(1)], [.int(4)]])
        #expect(r.rejectedCount == 3)
        let rejects = try #require(r.rejects)
        #expect(rows(rejects).map { $0[0] } == [.int(2), .int(3), .int(4)])
        #expect(rows(rejects)[0][3] == .string("{\"a\":"))
        #expect(rows(rejects)[1][2] == .string("value \"x\" in column `a` is not a valid int"))
        #expect(rows(rejects)[2][2] == .string("invalid UTF-8 byte 0xFF"))
    }
}

@Suite struct ReaderNDJSONParallelTests {
    let dir = TempFolder()

    func makeFile(bad: Set<Int> = []) -> String {
        var text = ""
        for i in 0..<8000 {
            if bad.contains(i) { text += "{\"id\": \(i), oops}\n"; continue }
            var line = "{\"id\":\(i),\"ip\":\"10.0.\(i % 256).\(i % 200 + 1)\",\"t\":\"2025-10-05T14:03:\(10 + i % 50)Z\""
            if i % 3 == 0 { line += ",\"note\":\"n\\\"\(i)\"" }
            if i == 7000 { line += ",\"late\":{\"k\":[1,2]}" }
            text += line + "}\n"
        }
        return dir.file("big\(bad.count).ndjson", text)
    }

    @Test func parallelEqualsSingleThread() throws {
        let p = makeFile()
        let one = try load(p) { $0.threads = 1 }
        let two = try load(p) { $0.threads = 2 }
        #expect(one.frame.names == ["id", "ip", "t", "note", "late"])
        #expect(one.frame.fields.map(\.type) == [.int, .ip, .timestamp, .string, .string])
        #expect(firstDifference(one.frame, two.frame) == nil)
        #expect(two.frame.column("late")?.value(at: 7000) == .string("{\"k\":[1,2]}"))
        #expect(two.frame.column("note")?.value(at: 6) == .string("n\"6"))
    }

    @Test func earliestErrorAndSkipInParallel() throws {
        let p = makeFile(bad: [1200, 6100])
        let expected = "\(p):1201:14: error: expected '\"', found 'o'; use on_error=skip to keep going"
        #expect(loadError(p) { $0.threads = 2 }?.description == expected)
        #expect(loadError(p) { $0.threads = 1 }?.description == expected)
        let skipped = try load(p) { $0.threads = 2; $0.onError = .skip }
        #expect(skipped.frame.rowCount == 7998)
        #expect(skipped.rejects.map { rows($0).map { $0[0] } } == [.int(1201), .int(6101)])
    }
}
