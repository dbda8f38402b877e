import Testing
import TestSupport
@testable import Frames

@Suite struct ReaderParallelTests {
    let dir = TempFolder()

    /// A deterministic IPDR-like file; `stray` puts a lone quote inside an unquoted field.
    func makeFile(rows: Int, seed: UInt64, stray: Bool = false) -> String {
        var rng = SplitMix(seed: seed)
        var text = "msisdn,start_time,bytes_up,dst_ip,apn,note,mixed\n"
        for i in 0..<rows {
            let msisdn = "+9198\(10_000_000 + Int(rng.next() % 89_999_999))"
            let ts = "2025-10-0\(1 + i % 9) 1\(i % 10):0\(i % 6):1\(i % 10).\(i % 1000)"
            let bytes = rng.next() % 7 == 0 ? "" : String(rng.next() % 1_000_000)
            let ip = "10.\(rng.next() % 256).\(rng.next() % 256).\(rng.next() % 256)"
            let apn = ["internet", "ims", "\"wap, gprs\""][Int(rng.next() % 3)]
            var note: String
            switch rng.next() % 5 {
            case 0: note = "\"line one\nline two\""
            case 1: note = "\"he said \"\"hi\"\"\r\nbye\""
            case 2: note = ""
            default: note = "plain\(i)"
            }
            if stray && i == rows / 3 { note = "ab\"c" }
            // Numbers everywhere except one value near the end: the column widens to string.
            let mixed = i == rows - 5 ? "n/a" : String(i)
            text += "\(msisdn),\(ts),\(bytes),\(ip),\(apn),\(note),\(mixed)\n"
        }
        return dir.file("p\(seed)\(stray).csv", text)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func parallelEqualsSingleThread(_ seed: UInt64) throws {
        let p = makeFile(rows: 6000, seed: seed)
        let one = try load(p) { $0.threads = 1 }
        let two = try load(p) { $0.threads = 2 }
        let four = try load(p) { $0.threads = 4 }
        #expect(two.notes.contains { $0.hasPrefix("parsed in") })
        #expect(!one.notes.contains { $0.hasPrefix("parsed in") })
        #expect(one.frame.rowCount == 6000)
        #expect(sameContent(one.frame, two.frame))
        #expect(sameContent(one.frame, four.frame))
        #expect(one.frame.fields.map(\.type) == [.string, .timestamp, .int, .ip, .string, .string, .string])
        #expect(two.frame.column("mixed")?.value(at: 5995) == .string("n/a"))
        #expect(two.frame.column("mixed")?.value(at: 17) == .string("17"))
    }

    @Test func quotedNewlinesAtEveryChunkBoundary() throws {
        // Each record is one long quoted field full of newlines, so splits land inside quotes.
        var text = "id,body\n"
        for i in 0..<3000 { text += "\(i),\"\(String(repeating: "x\n", count: 20))\"\"\n,\"\n" }
        let p = dir.file("qb.csv", text)
        let one = try load(p) { $0.threads = 1 }
        let two = try load(p) { $0.threads = 2 }
        #expect(one.frame.rowCount == 3000)
        #expect(sameContent(one.frame, two.frame))
        #expect(two.frame.column("body")?.value(at: 2999) == .string(String(repeating: "x\n", count: 20) + "\"\n,"))
    }

    @Test func strayQuoteFallsBackToCorrectResult() throws {
        let p = makeFile(rows: 6000, seed: 9, stray: true)
        let one = try load(p) { $0.threads = 1 }
        let two = try load(p) { $0.threads = 2 }
        #expect(one.frame.rowCount == 6000)
        #expect(sameContent(one.frame, two.frame))
        #expect(one.frame.column("note")?.value(at: 2000) == .string("ab\"c"))
    }

    @Test func skipPolicyInParallelKeepsOrderAndLines() throws {
        var text = "a,b\n"
        var expectedLines: [Value] = []
        for i in 0..<30_000 {
            if i % 7000 == 3 { text += "bad\n"; expectedLines.append(.int(Int64(i + 2))) } else { text += "\(i),\(i)\n" }
        }
        let p = dir.file("sp.csv", text)
        let r1 = try load(p) { $0.threads = 1; $0.onError = .skip }
        let r2 = try load(p) { $0.threads = 2; $0.onError = .skip }
        #expect(r2.notes.contains { $0.hasPrefix("parsed in") })
        #expect(r2.rejectedCount == expectedLines.count)
        let lines = try #require(r2.rejects?.column("line"))
        #expect((0..<lines.count).map { lines.value(at: $0) } == expectedLines)
        #expect(sameContent(r1.frame, r2.frame))
        #expect(r2.frame.rowCount == 30_000 - expectedLines.count)
    }

    @Test(arguments: [1, 2])
    func progressAdvancesToTotal(_ threads: Int) throws {
        let p = makeFile(rows: 20_000, seed: 5)
        let calls = ProgressCounter()
        let atEnd = ProgressCounter()
        let r = try load(p) { o in
            o.threads = threads
            o.progress = { done, total in
                _ = calls.add(1)
                if done == total { _ = atEnd.add(1) }
            }
        }
        #expect(r.frame.rowCount == 20_000)
        #expect(calls.add(0) > 2)
        #expect(atEnd.add(0) >= 1)
    }
}
