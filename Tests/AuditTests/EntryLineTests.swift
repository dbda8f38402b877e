import Foundation
import Testing
@testable import Audit

@Suite struct EntryLineTests {
    func entry() -> AuditEntry {
        AuditEntry(seq: 7, time: "2025-10-05T08:53:17.123Z", session: "abc", user: "u", host: "h",
                   record: AuditRecord(event: .end, command: "ipdr | count", ref: 6, status: .ok, elapsedMs: 12.5,
                                       evidence: [Evidence(path: "/d/x.csv", size: 10, mtime: "t", sha256: SHA256Hex.zero, role: .read)]),
                   prev: SHA256Hex.zero)
    }

    @Test func keysInCanonicalOrderAndHashOverTheStoredBytes() throws {
        let (line, hash) = EntryLine.encode(entry())
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasSuffix("\"}\n"))
        let v = try AuditJSONParser.parse(Array(line.dropLast())).get()
        guard case .object(let fields) = v else { Issue.record("not an object"); return }
        #expect(fields.map(\.key) == AuditEntry.keys)
        #expect(v["elapsed_ms"] == .number("12.500"))
        // The documented rule: the line without its `,"hash":"…"` member and newline.
        let withoutHash = text.replacingOccurrences(of: ",\"hash\":\"\(hash)\"", with: "").dropLast()
        #expect(SHA256Hex.of(Array(withoutHash.utf8)) == hash)
        var decoded = try EntryLine.decode(Array(line.dropLast())).get()
        #expect(decoded.hash == hash)
        decoded.hash = ""
        #expect(decoded == entry())
    }

    @Test func decodeNamesTheProblem() {
        var line = Array(EntryLine.encode(entry()).line.dropLast())
        line[20] ^= 1
        guard case .failure(.hashMismatch) = EntryLine.decode(line) else { Issue.record("mismatch expected"); return }
        #expect(EntryLine.decode(Array("{\"a\":1}".utf8)) == .failure(.noHash))
    }
}

extension Result where Success == AuditEntry, Failure == LineProblem {
    static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.failure(let x), .failure(let y)): return x == y
        case (.success(let x), .success(let y)): return x == y
        default: return false
        }
    }
}
