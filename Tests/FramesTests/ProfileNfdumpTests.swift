import Foundation
import Testing
import TestSupport
@testable import Frames

/// nfdump CSV exports: the Summary block, the flows total check, the nfdump
/// profile, and damaged exports.
///
/// The header is nfdump 1.6's `-o csv` line, 48 fields:
/// `ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,…,mpls10,cl,sl,al,ra,eng,exid,tr`,
/// as quoted from `nfdump -o csv` output in public parsers of it (a C++ flow
/// parser's `parse_csv_line` comment "nfdump -r <filename> -q -o csv", a Scala
/// Kafka consumer's default `csvSchema`, a Spark converter's `CSV_HEADER`), and
/// nfdump's field descriptions (`ibyt` Input Bytes, `obyt` Output Bytes, `td`
/// Duration). After the flows nfdump prints `Summary`, the header
/// `flows,bytes,packets,avg_bps,avg_pps,avg_bpp` and one line of totals
/// (readers of the format stop at the line whose first field is `Summary`).
@Suite struct ProfileNfdumpTests {
    let dir = TempFolder()

    static func nfdump() throws -> Profile {
        try ProfileDecoder.decode(BuiltinProfiles.nfdump, file: "built-in:nfdump")
    }

    @Test func exportIsSniffedAndTheSummaryIsNotData() throws {
        let r = try load(ProfileTests.fixtures + "/nfdump.csv")
        #expect(r.format == .nfdump)
        #expect(r.frame.rowCount == 6)
        #expect(r.frame.names.count == 48)
        #expect(r.warnings.isEmpty)
        #expect(r.notes.first == "nfdump CSV export (Summary block at line 9 is not data)")
        #expect(r.frame.column("ts")?.value(at: 2) == .timestamp(TimestampParser.parse("2025-10-05 14:10:00.123Z", zone: .utc)!))
        let csv = try load(ProfileTests.fixtures + "/nfdump.csv") { $0.format = .csv }
        #expect(csv.format == .nfdump)
    }

    @Test func totalsThatDisagreeOrAMissingSummaryAreWarnings() throws {
        let truncated = try load(ProfileTests.fixtures + "/nfdump-truncated.csv")
        #expect(truncated.frame.rowCount == 4)
        #expect(truncated.warnings == ["the Summary block counts 6 flows but 4 rows were read: the export may be truncated or edited (or aggregated with -a/-A, whose rows merge flows)"])
        let cut = try load(ProfileTests.fixtures + "/nfdump-cut.csv")
        #expect(cut.frame.rowCount == 3)
        #expect(cut.warnings.first?.hasPrefix("no Summary block at the end") == true)
        let empty = try load(ProfileTests.fixtures + "/nfdump-empty.csv")
        #expect(empty.frame.rowCount == 0)
        #expect(empty.warnings.isEmpty)
        let header = "ts,te,td,sa,da,sp,dp,pr\n2025-10-05 14:03:11,2025-10-05 14:03:12,1.000,1.1.1.1,2.2.2.2,1,2,TCP\n"
        let noTotal = dir.file("nototal.csv", header + "Summary\nflows,bytes\n")
        #expect(try load(noTotal).warnings == ["the Summary block at line 3 has no flows total: the rows read (1) cannot be checked"])
    }

    @Test func summaryIsFoundOnlyAmongTheLastLines() {
        func summary(_ text: String) -> NfdumpReader.Summary? {
            Array(text.utf8).withUnsafeBufferPointer { NfdumpReader.summary($0) }
        }
        #expect(summary("a,b\n1,2\nSummary\nflows,bytes\n7,9\n") == .init(offset: 8, line: 3, flows: 7))
        #expect(summary("a,b\r\n1,2\r\n\r\nSummary\r\nflows,bytes\r\n7,9\r\n\r\n")?.flows == 7)
        #expect(summary("a,b\nSummary,1\n1,2\n") == nil)
        #expect(summary("") == nil)
        #expect(summary("Summary") == .init(offset: 0, line: 1, flows: nil))
    }

    @Test func profileMapsFlowColumnsAndKeepsTheSourceAsSource() throws {
        let p = try Self.nfdump()
        let read = try load(ProfileTests.fixtures + "/nfdump.csv")
        let r = ProfileApplier.apply(p, to: read.frame, zone: .utc)
        let f = r.frame
        #expect(r.damage.isEmpty, "\(r.damage)")
        #expect(f.names.prefix(8) == ["start_time", "end_time", "duration", "src_ip", "dst_ip", "src_port", "dst_port", "protocol"])
        #expect(f.column("duration")?.value(at: 4) == .duration(3_600_500_000))
        #expect(f.column("bytes_up")?.value(at: 1) == .int(88211))
        #expect(f.column("bytes_down")?.value(at: 4) == .int(73_400_320))
        #expect(f.column("private_ip") == nil && f.column("public_ip") == nil)
        // NSEL/NEL exports carry the translated source: the public side.
        let nel = dir.file("nel.csv", "ts,te,td,sa,da,sp,dp,pr,ibyt,obyt,xsa,xsp\n"
            + "2025-10-05 14:03:11,2025-10-05 14:03:12,1.000,100.72.14.5,142.250.183.46,40512,443,TCP,10,20,106.193.77.102,38507\n")
        let nat = ProfileApplier.apply(p, to: try load(nel).frame, zone: .utc).frame
        #expect(nat.column("public_ip")?.value(at: 0) == .ip(IPAddress("106.193.77.102")!))
        #expect(nat.column("public_port")?.value(at: 0) == .int(38507))
        #expect(nat.column("src_ip")?.value(at: 0) == .ip(IPAddress("100.72.14.5")!))
    }

    @Test func autoChoosesNfdumpOnlyForItsHeader() throws {
        let profiles = try BuiltinProfiles.texts.map { try ProfileDecoder.decode($0.text, file: $0.name) }
        let header = "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr"
            .split(separator: ",").map(String.init)
        #expect(header.count == 48)
        #expect(ProfileMatcher.choose(header: header, among: profiles) == .chosen(ProfileMatch(profile: "nfdump", matched: 10, total: 48)))
        let conn = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration", "orig_bytes", "resp_bytes"]
        #expect(ProfileMatcher.choose(header: conn, among: profiles) == .chosen(ProfileMatch(profile: "zeek-conn", matched: 8, total: 11)))
    }

    /// Damaged exports (cut anywhere, bytes changed) load or fail with a typed
    /// error; they never crash, and a loaded one never counts Summary lines as rows.
    @Test func damagedExportsLoadOrFailWithAPosition() throws {
        let seed = try String(contentsOfFile: ProfileTests.fixtures + "/nfdump.csv", encoding: .utf8)
        var rng = SplitMix(seed: 0x6E66_6475_6D70)
        for i in 0..<300 {
            var b = Array(seed.utf8)
            if i % 2 == 0 {
                b = Array(b.prefix(Int(rng.next() % UInt64(b.count + 1))))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 3)) where !b.isEmpty {
                    b[Int(rng.next() % UInt64(b.count))] = [44, 10, 34, 0x41, 0xFF, 48][Int(rng.next() % 6)]
                }
            }
            let path = dir.file("fuzz\(i).csv", bytes: b)
            for policy in [ErrorPolicy.fail, .skip] {
                do {
                    let r = try load(path) { $0.onError = policy }
                    #expect(r.frame.rowCount <= 6)
                    if let ts = r.frame.column("ts"), case .string = ts.values {
                        for row in 0..<r.frame.rowCount { #expect(ts.value(at: row) != .string("Summary")) }
                    }
                } catch {
                    #expect(!error.description.isEmpty)
                    if case .wrongFieldCount(let p, _, _) = error { #expect(p.line >= 1 && p.column >= 1) }
                }
            }
        }
    }
}
