import Audit
import Foundation
import Testing
@testable import Frames
@testable import Session

/// `load` with profiles through the session: the user's folder, the audit
/// record of the chosen profile, ambiguity and the details `describe` shows.
@Suite struct SessionProfileTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EndToEndTests/golden/data").path

    typealias Scratch = SessionAuditTests.Scratch

    @Test func auditRecordsTheProfileNameAndHash() throws {
        let t = try Scratch()
        let s = Session(output: CapturedOutput())
        s.profilesFolder = t.path("none")
        s.audit = try AuditLog.open(path: t.path("log.jsonl"), environment: SessionAuditTests.environment, lockWait: 0)
        #expect(s.execute("load \"\(Self.data)/dot-ipdr.csv\" as dot", origin: .command))
        s.audit = nil
        let entries = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries
        let end = try #require(entries.first { $0.record.event == .end })
        let profile = try #require(end.record.detail?["profile"])
        #expect(profile["name"]?.stringValue == "dot-ipdr")
        #expect(profile["source"]?.stringValue == "built-in")
        #expect(profile["sha256"]?.stringValue == SHA256Hex.of(Array(BuiltinProfiles.dotIPDR.utf8)))
        let warnings = entries.filter { $0.record.event == .warning }.compactMap { $0.record.detail?["message"]?.stringValue }
        #expect(warnings.count == 3)
        #expect(warnings.allSatisfy { $0.contains("dot-ipdr.csv: ") })
    }

    @Test func userProfileFileIsEvidenceAndCanReplaceABuiltin() throws {
        let t = try Scratch()
        try FileManager.default.createDirectory(atPath: t.path("profiles"), withIntermediateDirectories: true)
        let text = BuiltinProfiles.dotIPDR.replacingOccurrences(of: "\"Roaming Circle\"", with: "\"x\"")
            .replacingOccurrences(of: "\"rat\": [", with: "\"circle\": [\"Roaming Circle\"], \"rat\": [")
        try text.write(toFile: t.path("profiles/dot.json"), atomically: true, encoding: .utf8)
        let s = Session(output: CapturedOutput())
        s.profilesFolder = t.path("profiles")
        s.audit = try AuditLog.open(path: t.path("log.jsonl"), environment: SessionAuditTests.environment, lockWait: 0)
        #expect(s.execute("load \"\(Self.data)/dot-ipdr.csv\" as dot", origin: .command))
        s.audit = nil
        #expect(s.catalog.frame("dot")?.column("circle")?.value(at: 0) == .string("Mumbai"))
        let entries = AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries
        let end = try #require(entries.first { $0.record.event == .end })
        #expect(end.record.detail?["profile"]?["source"]?.stringValue == t.path("profiles/dot.json"))
        #expect(end.record.evidence.contains { $0.path.hasSuffix("profiles/dot.json") && $0.sha256 == SHA256Hex.of(Array(text.utf8)) })
    }

    @Test func ambiguousHeaderAsksTheAnalystAndNamedProfileWorks() throws {
        let out = CapturedOutput()
        let s = Session(output: out)
        s.profilesFolder = Self.data + "/profiles-ambiguous"
        #expect(!s.execute("load \"\(Self.data)/dot-ipdr.csv\" as dot", origin: .command))
        #expect(out.stderr.contains("fits several profiles equally well: dot-ipdr (matched 19/24 columns), jio-copy (matched 19/24 columns)"))
        #expect(out.stderr.contains("with profile=dot-ipdr"))
        #expect(s.execute("load \"\(Self.data)/dot-ipdr.csv\" as dot with profile=jio-copy", origin: .command))
        #expect(out.stdout.contains("profile: jio-copy (matched 19/24 columns)"))
        #expect(s.catalog.entry("dot")?.details.contains { $0.key == "period" && $0.value == "05-Oct-2025 00:00:00 to 06-Oct-2025 23:59:59" } == true)
    }

    @Test func canonicalFilesAndJSONAreReadAsTheyAre() throws {
        let out = CapturedOutput()
        let s = Session(output: out)
        s.profilesFolder = Self.data + "/profiles-ambiguous"
        #expect(s.execute("load \"\(Self.data)/dot-canonical.csv\" as c", origin: .command))
        #expect(!out.stdout.contains("profile:"))
        // No profile; the canonical twin's rounded msisdn is still reported as damage.
        #expect(s.catalog.entry("c")?.details.map(\.key) == ["damage"])
    }
}
