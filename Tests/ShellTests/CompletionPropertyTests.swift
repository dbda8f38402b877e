import Foundation
import Testing
import TestSupport
@testable import Shell

@Suite("Completion properties on random prefixes")
struct CompletionPropertyTests {
    static let statements = [
        "load data/ipdr.csv as ipdr with tz=\"+05:30\", header=true",
        "let night = ipdr | where hour(start_time) < 5 and bytes_up > 1MB",
        "ipdr | extend mb = bytes_up / 1MB | where mb > 5 | sort mb desc | take 10",
        "ipdr\n  | summarize n = count(), up = sum(bytes_up) by msisdn\n  | top 5 by n desc",
        "ipdr | select msisdn, `Start Date`, port = dst_port | distinct msisdn",
        "ipdr | join kind=left cells on left.msisdn == right.msisdn and left.start_time between right.lat and right.lat",
        "ipdr | where msisdn is not null and imei in (\"1\", \"2\") | rename phone = msisdn | exclude imei",
        "save ipdr | where dst_port == 443 to \"out/x.csv\" with overwrite=true",
        "set display.rows = 50; help summarize; describe ipdr; drop cells",
        "run case.ipdr # a comment with `backquotes` and \"quotes\"",
        "plugin load geo; audit tail 5; ipdr | geo.locate ip=dst_ip | count",
        "ipdr | where msisdn contains~ \"whatsapp\" or dst_ip == \"157.240.1.1\" | sort by bytes_up asc",
        "`Odd Frame` | where x > 1 | summarize s = sum(x)",
        "ipdr | where msisdn == \"नमस्ते é\" | where imei startswith 'x",
    ]

    /// Checks the contract of one answer.
    func check(_ engine: CompletionEngine, _ text: String, cursor: Int) {
        let result = engine.complete(text, cursor: cursor)
        let bytes = Array(text.utf8)
        // A cursor inside a multi-byte character counts from that character's start.
        var end = min(max(0, cursor), bytes.count)
        while end > 0, end < bytes.count, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        #expect(result.replaceFrom >= 0 && result.replaceFrom <= end, "replaceFrom \(result.replaceFrom) for \(text.debugDescription) at \(cursor)")
        guard result.replaceFrom <= end else { return }
        let partial = String(decoding: bytes[result.replaceFrom..<end], as: UTF8.self)
        #expect(result.candidates == Array(Set(result.candidates)).sorted(), "unsorted for \(text.debugDescription)")
        for candidate in result.candidates {
            #expect(candidate.hasPrefix(partial), "\(candidate) does not start with \(partial.debugDescription) in \(text.debugDescription)")
        }
    }

    @Test func everyPrefixOfValidStatements() {
        let engine = CompletionFixture.engine(directory: NSTemporaryDirectory(), analyzers: ["geo.locate"])
        for text in Self.statements {
            let bytes = Array(text.utf8)
            for cursor in 0...bytes.count {
                // Cut the text at the cursor (a prefix) and also complete inside the full text.
                let prefix = String(decoding: bytes[0..<cursor], as: UTF8.self)
                check(engine, prefix, cursor: prefix.utf8.count)
                check(engine, text, cursor: cursor)
            }
        }
    }

    @Test func randomMutationsNeverBreakTheContract() {
        var rng = SplitMix(seed: 0xC0FFEE)
        let engine = CompletionFixture.engine(directory: NSTemporaryDirectory())
        let inserts = ["|", " ", "\n", "`", "\"", "'", "(", ")", ",", ".", "=", "by ", "where ", "é", ";", "#", "\\", "left.", "with "]
        for _ in 0..<1500 {
            var text = Self.statements[Int(rng.next() % UInt64(Self.statements.count))]
            for _ in 0..<Int(rng.next() % 4) {
                let scalars = Array(text.unicodeScalars)
                let at = Int(rng.next() % UInt64(scalars.count + 1))
                let piece = inserts[Int(rng.next() % UInt64(inserts.count))]
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars[0..<at])
                out.append(contentsOf: piece.unicodeScalars)
                out.append(contentsOf: scalars[at...])
                text = String(out)
            }
            let cursor = Int(rng.next() % UInt64(text.utf8.count + 3)) - 1
            check(engine, text, cursor: cursor)
        }
    }
}
