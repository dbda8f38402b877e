import Foundation
import Testing
import TestSupport
@testable import Frames

/// RADIUS accounting detail files.
///
/// The layout follows the records FreeRADIUS's rlm_detail writes (the
/// Livingston format; rlm_detail(5): "The file format is similar to that of
/// the old Livingston servers") and the GNU Radius manual's example
/// ("Detailed Request Accounting": `Fri Dec 15 18:00:24 2000`, then indented
/// `Acct-Session-Id = "2193976896017"`, `Acct-Status-Type = Start`,
/// `Framed-IP-Address = 11.10.10.125`, `Timestamp = 976896024`, records
/// separated by a blank line; Stop records add `Acct-Session-Time`,
/// `Acct-Input-Octets`, `Acct-Output-Octets`).
@Suite struct RadiusReaderTests {
    let dir = TempFolder()

    /// The GNU Radius manual's two records (Start and Stop of one session), with tabs as FreeRADIUS writes them.
    static let manual = """
    Fri Dec 15 18:00:24 2000
    \tAcct-Session-Id = "2193976896017"
    \tUser-Name = "e2"
    \tAcct-Status-Type = Start
    \tAcct-Authentic = RADIUS
    \tService-Type = Framed-User
    \tFramed-Protocol = PPP
    \tFramed-IP-Address = 11.10.10.125
    \tCalling-Station-Id = "+15678023561"
    \tNAS-IP-Address = 11.10.10.11
    \tNAS-Port-Id = 8
    \tAcct-Delay-Time = 0
    \tTimestamp = 976896024
    \tRequest-Authenticator = Unverified

    Fri Dec 15 18:32:09 2000
    \tAcct-Session-Id = "2193976896017"
    \tUser-Name = "e2"
    \tAcct-Status-Type = Stop
    \tAcct-Authentic = RADIUS
    \tAcct-Output-Octets = 5382
    \tAcct-Input-Octets = 7761
    \tService-Type = Framed-User
    \tFramed-Protocol = PPP
    \tFramed-IP-Address = 11.10.10.125
    \tAcct-Session-Time = 1905
    \tNAS-IP-Address = 11.10.10.11
    \tNAS-Port-Id = 8
    \tAcct-Delay-Time = 0
    \tTimestamp = 976897929
    \tRequest-Authenticator = Unverified

    """

    func micros(_ text: String) -> Int64? { TimestampParser.parse(text, zone: .utc) }

    @Test func theManualsRecordsAreOneRowEach() throws {
        let p = dir.file("detail", Self.manual)
        #expect(try FrameReader.format(path: p, options: ReadOptions(zone: .utc)) == .radius)
        let r = try load(p)
        let f = r.frame
        #expect(r.format == .radius)
        #expect(f.rowCount == 2)
        #expect(Array(f.fields.map(\.name).prefix(7)) == ["record_time", "event_time", "start_time", "end_time", "bytes_up", "bytes_down", "line"])
        #expect(f.column("line")?.value(at: 1) == .int(16))
        #expect(f.column("Framed-IP-Address")?.type == .ip)
        #expect(f.column("Calling-Station-Id")?.value(at: 0) == .string("+15678023561"))
        #expect(f.column("Acct-Session-Id")?.value(at: 0) == .string("2193976896017"))
        #expect(f.column("NAS-Port-Id")?.type == .int)
        // Timestamp (epoch) wins over the first line.
        #expect(f.column("record_time")?.value(at: 0) == .timestamp(976_896_024_000_000))
        // Start: start = event, no end. Stop: start = event - Acct-Session-Time, end = event.
        #expect(f.column("start_time")?.value(at: 0) == .timestamp(976_896_024_000_000))
        #expect(f.column("end_time")?.value(at: 0) == .null)
        #expect(f.column("start_time")?.value(at: 1) == .timestamp((976_897_929 - 1905) * 1_000_000))
        #expect(f.column("end_time")?.value(at: 1) == .timestamp(976_897_929_000_000))
        #expect(f.column("bytes_up")?.value(at: 1) == .int(7761))
        #expect(f.column("bytes_down")?.value(at: 1) == .int(5382))
        #expect(f.column("bytes_up")?.value(at: 0) == .null)
    }

    @Test func theFirstLineIsReadInTheLoadsZoneWithoutTimestamp() throws {
        let p = dir.file("detail", "Sun Oct  5 14:03:11 2025\n\tAcct-Status-Type = Start\n\tFramed-IP-Address = 100.64.1.10\n")
        let ist = try #require(Zone("+05:30"))
        let f = try load(p) { $0.zone = ist }.frame
        #expect(f.column("record_time")?.value(at: 0) == micros("2025-10-05T08:33:11Z").map(Value.timestamp))
    }

    @Test func eventTimestampAndDelayGiveTheEventTime() throws {
        let text = """
        Sun Oct  5 14:03:11 2025
        \tAcct-Status-Type = Stop
        \tAcct-Session-Time = 60
        \tEvent-Timestamp = "Oct  5 2025 14:03:01 IST"
        \tTimestamp = 1759653191

        Sun Oct  5 14:04:11 2025
        \tAcct-Status-Type = Stop
        \tAcct-Session-Time = 60
        \tAcct-Delay-Time = 5
        \tTimestamp = 1759653251

        Sun Oct  5 14:05:11 2025
        \tAcct-Status-Type = Interim-Update
        \tAcct-Session-Time = 10
        \tEvent-Timestamp = 1759653300

        """
        let ist = try #require(Zone("+05:30"))
        let f = try load(dir.file("detail", text)) { $0.zone = ist }.frame
        let event = try #require(f.column("event_time"))
        #expect(event.value(at: 0) == micros("2025-10-05T08:33:01Z").map(Value.timestamp))
        #expect(event.value(at: 1) == .timestamp((1_759_653_251 - 5) * 1_000_000))
        #expect(event.value(at: 2) == .timestamp(1_759_653_300_000_000))
        #expect(f.column("start_time")?.value(at: 2) == .timestamp((1_759_653_300 - 10) * 1_000_000))
        #expect(f.column("end_time")?.value(at: 2) == .timestamp(1_759_653_300_000_000))
        #expect(f.column("record_time")?.value(at: 0) == .timestamp(1_759_653_191_000_000))
    }

    @Test func gigawordsCountFourGibibytes() throws {
        let text = "Sun Oct  5 14:03:11 2025\n\tAcct-Status-Type = Stop\n\tAcct-Input-Octets = 10\n\tAcct-Input-Gigawords = 2\n\tAcct-Output-Gigawords = 1\n"
        let f = try load(dir.file("detail", text)).frame
        #expect(f.column("bytes_up")?.value(at: 0) == .int(2 * 4_294_967_296 + 10))
        #expect(f.column("bytes_down")?.value(at: 0) == .int(4_294_967_296))
    }

    @Test func repeatedAttributesKeepEveryValue() throws {
        let text = "Sun Oct  5 14:03:11 2025\n\tCisco-AVPair = \"a=1\"\n\tAcct-Status-Type = Start\n\tCisco-AVPair = \"b=\\\"2\\\"\"\n"
        let r = try load(dir.file("detail", text))
        #expect(r.frame.column("Cisco-AVPair")?.value(at: 0) == .string("a=1; b=\"2\""))
        #expect(r.notes.contains { $0.hasPrefix("Cisco-AVPair repeated within 1 record(s)") })
    }

    @Test(arguments: [
        ("Sun Oct  5 14:03:11 2025\n\tAcct-Status-Type Start\n", 2, 2, "expected `Attribute-Name = value`"),
        ("Sun Oct 32 14:03:11 2025\n\tAcct-Status-Type = Start\n", 1, 1, "expected a record's timestamp line"),
        ("Sun Oct  5 14:03:11 2025\n\tAcct-Status-Type = Start\n\n\tUser-Name = \"x\"\n", 4, 2, "an attribute line outside a record"),
        ("Sun Oct  5 14:03:11 2025\n\tUser-Name = \"open\n", 2, 14, "is not closed"),
        ("Sun Oct  5 14:03:11 2025\n\tAcct-Session-Time = 12s\n", 2, 22, "Acct-Session-Time must be a whole number"),
        ("Sun Oct  5 14:03:11 2025\n\tAcct-Input-Gigawords = 99999999999999999\n", 2, 25, "must be a whole number from 0 to 4294967295"),
    ])
    func malformedRecordsArePlaced(_ text: String, _ line: Int, _ column: Int, _ reason: String) throws {
        let p = dir.file("detail", text)
        let error = try #require(loadError(p) { $0.format = .radius })
        #expect(error.position == SourcePosition(file: p, line: line, column: column))
        #expect(error.reason.contains(reason))
        #expect(error.hint.contains("on_error=skip"))
    }

    @Test func skipRejectsWholeRecordsAndKeepsTheRest() throws {
        let text = """
        Sun Oct  5 14:03:11 2025
        \tAcct-Status-Type = Start
        \tFramed-IP-Address = 100.64.1.10

        Sun Oct  5 14:04:11 2025
        \tAcct-Status-Type = Start
        \tbroken line
        \tFramed-IP-Address = 100.64.1.11

        Sun Oct  5 14:05:11 2025
        \tAcct-Status-Type = Start
        \tFramed-IP-Address = 100.64.1.12

        """
        let r = try load(dir.file("detail", text)) { $0.onError = .skip }
        #expect(r.frame.rowCount == 2)
        #expect(r.frame.column("Framed-IP-Address")?.value(at: 1) == .ip(try #require(IPAddress("100.64.1.12"))))
        #expect(r.rejectedCount == 1)
        #expect(r.rejects?.column("line")?.value(at: 0) == .int(7))
        #expect(r.rejects?.column("text")?.value(at: 0) == .string("Sun Oct  5 14:04:11 2025"))
    }

    @Test func otherFilesAreNotTakenForDetailFiles() throws {
        let csv = dir.file("a.csv", "Sun Oct  5 14:03:11 2025,x\n1,2\n")
        #expect(try FrameReader.format(path: csv, options: ReadOptions(zone: .utc)) == .csv)
        let text = dir.file("notes.txt", "Sun Oct  5 14:03:11 2025\nno indent = here\n")
        #expect(try FrameReader.format(path: text, options: ReadOptions(zone: .utc)) == .csv)
    }

    @Test func theRadiusProfileNamesTheSubscriber() throws {
        let p = dir.file("detail", "Sun Oct  5 14:03:11 2025\n\tCalling-Station-Id = \"919876543210\"\n\tFramed-IP-Address = 100.64.1.10\n\t3GPP-IMSI = \"404450123456789\"\n")
        let f = try load(p).frame
        let profile = try ProfileDecoder.decode(BuiltinProfiles.radiusAcct, file: "built-in")
        let header = f.fields.map(\.name)
        #expect(ProfileMatcher.choose(header: header, among: [profile]) == .chosen(ProfileMatch(profile: "radius-acct", matched: 3, total: header.count)))
        let out = ProfileApplier.apply(profile, to: f, zone: .utc).frame
        #expect(out.column("msisdn")?.value(at: 0) == .string("919876543210"))
        #expect(out.column("private_ip")?.type == .ip)
        #expect(out.column("imsi")?.value(at: 0) == .string("404450123456789"))
    }

    /// Damaged detail files never crash: each gives a frame or a positioned error.
    @Test(arguments: Array(UInt64(1)...4))
    func damagedDetailFilesAreHandled(_ seed: UInt64) throws {
        ReaderFuzzTests.loadDamaged(Self.manual, format: .radius, seed: seed &* 104_729, in: dir, name: "d\(seed)") { error in
            if case .malformedRecord(let at, _) = error { #expect(at.line >= 1) }
        }
    }
}
