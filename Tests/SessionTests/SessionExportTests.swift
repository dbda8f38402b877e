import Audit
import Foundation
import Testing
@testable import Frames
@testable import Session

/// `save` exports: provenance in Arrow metadata and CSV sidecars (matching
/// the audit log), spreadsheet safety and its options.
@Suite struct SessionExportTests {
    static let csv = "msisdn,note,n\n919800000001,=HYPERLINK(\"x\"),-5\n919800000002,+1 call,3\n919800000002,ok,-1\n"

    func session(_ t: SessionAuditTests.Scratch) throws -> Session {
        try SessionAuditTests().session(log: t.path("log.jsonl"))
    }

    func ends(_ t: SessionAuditTests.Scratch) throws -> [AuditEntry] {
        AuditLogReader.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: t.path("log.jsonl"))))).entries.filter { $0.record.event == .end }
    }

    @Test func csvIsNeutralisedAndCarriesASidecar() throws {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = try session(t)
        let out = s.output as? CapturedOutput
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d\nsave d to \"\(t.path("out/d.csv"))\"", origin: .command))
        let text = try String(contentsOfFile: t.path("out/d.csv"), encoding: .utf8)
        #expect(text == "msisdn,note,n\n919800000001,\"'=HYPERLINK(\"\"x\"\")\",-5\n919800000002,'+1 call,3\n919800000002,ok,-1\n")
        #expect(out?.stdout.contains("2 formula-like cells prefixed with ' for spreadsheets (raw=true keeps them)") == true)
        let sidecar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: t.path("out/d.csv.provenance.json")))) as? [String: Any])
        let save = try #require(try ends(t).last)
        #expect(sidecar["fingerprint"] as? String == save.record.result?.fingerprint)
        #expect(sidecar["session"] as? String == s.audit?.session)
        #expect(sidecar["statement"] as? String == "save d to \"\(t.path("out/d.csv"))\"")
        let evidence = try #require(sidecar["evidence"] as? [[String: String]])
        #expect(evidence.first?["sha256"]?.count == 64)
        #expect(evidence.first?["path"]?.hasSuffix("d.csv") == true)
        #expect(save.record.evidence.map(\.role) == [.written, .written])
        #expect(save.record.evidence.last?.path.hasSuffix("d.csv.provenance.json") == true)
        // The sidecar is protected like the file.
        #expect(!s.execute("save d to \"\(t.path("out/d.csv"))\"", origin: .command))
        #expect(s.execute("save d to \"\(t.path("out/d.csv"))\" with overwrite=true", origin: .command))
        s.audit = nil
    }

    @Test func rawAndTextIDs() throws {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = try session(t)
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d\nsave d to \"\(t.path("raw.csv"))\" with raw=true\nsave d | take 1 to \"\(t.path("ids.csv"))\" with text_ids=true", origin: .command))
        #expect(try String(contentsOfFile: t.path("raw.csv"), encoding: .utf8).contains("\n919800000002,+1 call,3\n"))
        #expect(try String(contentsOfFile: t.path("ids.csv"), encoding: .utf8) == "msisdn,note,n\n\"=\"\"919800000001\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-5\n")
        s.audit = nil
    }

    @Test func arrowCarriesProvenanceAndLoadsBackEqual() throws {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = try session(t)
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d\nsave d to \"\(t.path("d.arrow"))\"\nload \"\(t.path("d.arrow"))\" as back", origin: .command))
        #expect(!FileManager.default.fileExists(atPath: t.path("d.arrow.provenance.json")))
        let result = try FrameReader.read(path: t.path("d.arrow"), options: ReadOptions(zone: .utc))
        let metadata = Dictionary(uniqueKeysWithValues: result.metadata)
        let all = try ends(t)
        #expect(metadata["ipdr.fingerprint"] == all[1].record.result?.fingerprint)
        #expect(all[2].record.result?.fingerprint == all[0].record.result?.fingerprint, "load(save(x)) == x")
        #expect(metadata["ipdr.session"] == s.audit?.session)
        #expect((s.output as? CapturedOutput)?.stderr.contains("fingerprint matches the one recorded") == true)
        s.audit = nil
    }

    /// `save NAME` reuses the fingerprint its frame's own statement recorded; a
    /// frame replaced under the same name gets its own, never the old one's.
    @Test func savedFingerprintsFollowTheFrameNowHeld() throws {
        let t = try SessionAuditTests.Scratch()
        try Self.csv.write(toFile: t.path("d.csv"), atomically: true, encoding: .utf8)
        let s = try session(t)
        #expect(s.execute("load \"\(t.path("d.csv"))\" as d\nsave d to \"\(t.path("a.csv"))\"\nlet d = d | where n > 0\nsave d to \"\(t.path("b.csv"))\"\nsave d | select msisdn to \"\(t.path("c.csv"))\"", origin: .command))
        let all = try ends(t)
        let fingerprints = all.map { $0.record.result?.fingerprint }
        let frames = [s.catalog.frame("d")].compactMap { $0 }
        #expect(fingerprints[1] == fingerprints[0])
        #expect(fingerprints[3] == fingerprints[2])
        #expect(fingerprints[2] != fingerprints[0])
        #expect(fingerprints[3] == frames.first.map(FrameFingerprint.of))
        #expect(fingerprints[4] != fingerprints[3])
        #expect(s.catalog.entry("d")?.fingerprint == fingerprints[2])
        s.audit = nil
    }
}
