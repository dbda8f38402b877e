import Foundation
import Testing
import TestSupport
@testable import Frames

/// CGNAT port-block syslogs.
///
/// Message shapes, from public material:
/// - `JSERVICES_NAT_PORT_BLOCK_ALLOC` / `_RELEASE` (Juniper MX services PICs):
///   Juniper's secured-port-block-allocation pages name the message; log
///   parsers for MX CGNAT read it as `{sset}[…]: JSERVICES_NAT_PORT_BLOCK_ALLOC:
///   PRIVATE -> PUBLIC:LOW-HIGH …` (regex `(\d…) -> (\d…):(\d{1,5})-(\d{1,5})`).
///   `_ACTIVE` (the interim message) follows the same shape; its text is not
///   in the material found and is read as an interim.
/// - `RT_SRC_NAT_PBA_ALLOC` / `_RELEASE` / `_INTERIM` (Juniper SRX, MX-SPC3,
///   `RT_NAT`): structured form `[internal-ip="10.0.10.10" block-used="1"
///   block-max-per-host="4" block-port-low="48640" block-port-high="48895"
///   reflexive-ip="1.2.84.172" nat-pool-name="guest" …]` (Juniper community
///   CGNAT deployment guide, appendix "Sample Session and PBA Logs"); text form
///   `Subscriber 100.64.60.74 used/maximum [10/15] blocks, allocates port block
///   [24064-24191] from 203.0.113.100 in source pool P lsys_id: 0` and
///   `releases port block` (MX NAT log parsers).
/// - RFC 5424 headers: Juniper's next-gen services syslog sample
///   `<14>1 2018-06-26T17:23:06.269-07:00 booklet RT_FLOW - RT_FLOW_SESSION_CREATE_USF [junos@2636…]`.
/// A10, F5 and Cisco port-block messages are not read: their exact text was
/// not found in vendor material.
@Suite struct NatLogReaderTests {
    let dir = TempFolder()

    static let mx = """
    <134>1 2025-10-05T13:58:00+05:30 mx1 sshd 31 - - Accepted publickey for noc
    Oct  5 14:03:11 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x68e22d47
    Oct  5 14:05:20 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.11 -> 49.36.1.2:1536-2047 0x68e22dc8
    Oct  5 14:20:00 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_RELEASE: 100.64.1.99 -> 49.36.1.2:4096-4607 0x68e23138
    Oct  5 14:30:00 mx1 mgd[4242]: UI_COMMIT: User 'noc' requested 'commit' operation
    Oct  5 15:05:20 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ACTIVE: 100.64.1.11 -> 49.36.1.2:1536-2047 0x68e23bd8
    Oct  5 15:10:02 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_RELEASE: 100.64.1.10 -> 49.36.1.2:1024-1535 0x68e23cf2
    Oct  5 15:20:05 mx1 {sset1}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x68e23f4d

    """

    func at(_ text: String) -> Value { TimestampParser.parse(text, zone: .utc).map(Value.timestamp) ?? .null }

    @Test func allocationsPairWithTheirReleases() throws {
        let p = dir.file("cgnat.log", Self.mx)
        #expect(try FrameReader.format(path: p, options: ReadOptions(zone: .utc)) == .natlog)
        let ist = try #require(Zone("+05:30"))
        let r = try load(p) { $0.zone = ist }
        let f = r.frame
        #expect(f.fields.map(\.name) == ["private_ip", "public_ip", "port_start", "port_end", "alloc_start", "alloc_end", "vendor", "host", "alloc_line", "release_line"])
        #expect(f.fields.map(\.type) == [.ip, .ip, .int, .int, .timestamp, .timestamp, .string, .string, .int, .int])
        #expect(f.rowCount == 4)
        // 100.64.1.10 held 1024-1535 from 14:03:11 to 15:10:02 IST, then again from 15:20:05 (still open).
        #expect(f.column("alloc_start")?.value(at: 0) == at("2025-10-05T08:33:11Z"))
        #expect(f.column("alloc_end")?.value(at: 0) == at("2025-10-05T09:40:02Z"))
        #expect(f.column("release_line")?.value(at: 0) == .int(7))
        #expect(f.column("alloc_end")?.value(at: 3) == .null)
        // The interim message confirms an open block: no new row.
        #expect(f.column("alloc_line")?.value(at: 1) == .int(3))
        // A release without its allocation: alloc_start null.
        #expect(f.column("private_ip")?.value(at: 2) == .ip(try #require(IPAddress("100.64.1.99"))))
        #expect(f.column("alloc_start")?.value(at: 2) == .null)
        #expect(f.column("host")?.value(at: 0) == .string("mx1"))
        #expect(r.notes.contains("2 line(s) that are not port-block events passed over"))
        #expect(r.notes.contains { $0.hasPrefix("1 release(s) without an allocation") })
        #expect(r.notes.contains { $0.hasPrefix("2 allocation(s) still open") })
    }

    @Test func srxStructuredAndTextFormsAreRead() throws {
        let text = """
        <14>1 2025-10-05T14:00:30+05:30 srx2 RT_NAT - RT_SRC_NAT_PBA_ALLOC [junos@2636.1.1.1.2.135 internal-ip="100.64.2.20" block-used="1" block-max-per-host="8" block-port-low="2048" block-port-high="2303" reflexive-ip="49.36.9.9" nat-pool-name="P" logical-system-id="0" epoch-time-64="68e22ca6"]
        2025-10-05T14:01:00+05:30 srx2 RT_NAT: RT_SRC_NAT_PBA_ALLOC: Subscriber 100.64.2.21 used/maximum [1/8] blocks, allocates port block [2304-2559] from 49.36.9.9 in source pool P lsys_id: 0
        2025-10-05T14:40:00+05:30 srx2 RT_NAT: RT_SRC_NAT_PBA_RELEASE: Subscriber 100.64.2.21 used/maximum [0/8] blocks, releases port block [2304-2559] from 49.36.9.9 in source pool P lsys_id: 0
        <14>1 2025-10-05T15:30:30+05:30 srx2 RT_NAT - RT_SRC_NAT_PBA_RELEASE [junos@2636.1.1.1.2.135 internal-ip="100.64.2.20" block-used="0" block-port-low="2048" block-port-high="2303" reflexive-ip="49.36.9.9"]

        """
        let f = try load(dir.file("srx.log", text)).frame
        #expect(f.rowCount == 2)
        #expect(f.column("vendor")?.value(at: 0) == .string("juniper-srx"))
        #expect(f.column("port_start")?.value(at: 1) == .int(2304))
        #expect(f.column("alloc_end")?.value(at: 0) == at("2025-10-05T10:00:30Z"))
        #expect(f.column("alloc_end")?.value(at: 1) == at("2025-10-05T09:10:00Z"))
    }

    @Test func bsdYearsComeFromDatedLinesAndRollOver() throws {
        let text = """
        <134>1 2024-12-31T23:00:00Z mx1 sshd - - - hello
        Dec 31 23:59:00 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x1
        Jan  1 00:01:00 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_RELEASE: 100.64.1.10 -> 49.36.1.2:1024-1535 0x2

        """
        let r = try load(dir.file("y.log", text))
        #expect(r.frame.column("alloc_start")?.value(at: 0) == at("2024-12-31T23:59:00Z"))
        #expect(r.frame.column("alloc_end")?.value(at: 0) == at("2025-01-01T00:01:00Z"))
        #expect(!r.notes.contains { $0.contains("assumed") })
    }

    @Test func aMissingYearIsAssumedAndSaid() throws {
        let p = dir.file("noyear.log", "Oct  5 14:03:11 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x1\n")
        let r = try load(p)
        let year = NatLogReader.modificationYear(p, zone: .utc)
        #expect(r.notes.contains("year \(year) assumed for 1 line(s) with BSD timestamps (no dated line in the file; taken from its modification time)"))
    }

    @Test(arguments: [
        ("Oct  5 14:03:11 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2 0x1\n", 33, "without `PRIVATE -> PUBLIC:LOW-HIGH`"),
        ("Oct  5 14:03:11 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.300 -> 49.36.1.2:1-2 0x1\n", 33, "is not an IP address"),
        ("Oct  5 14:03:11 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.3 -> 49.36.1.2:9-2 0x1\n", 33, "is not a range of ports"),
        ("Oct  5 14:03:11 srx RT_NAT: RT_SRC_NAT_PBA_RELEASE: Subscriber 100.64.1.3 releases port block from 1.2.3.4\n", 29, "without `Subscriber PRIVATE"),
        ("mx1 JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535\n", 1, "without a syslog timestamp"),
        ("Feb 30 14:03:11 mx1 {s}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x1\n", 1, "not a valid date"),
    ])
    func badEventLinesArePlaced(_ text: String, _ column: Int, _ reason: String) throws {
        let p = dir.file("bad.log", "<134>1 2025-10-05T14:00:00Z mx1 mgd - - - hello\n" + text)
        let error = try #require(loadError(p) { $0.format = .natlog })
        #expect(error.position == SourcePosition(file: p, line: 2, column: column))
        #expect(error.reason.contains(reason))
        let skipped = try load(p) { $0.format = .natlog; $0.onError = .skip }
        #expect(skipped.rejectedCount == 1)
        #expect(skipped.rejects?.column("line")?.value(at: 0) == .int(2))
    }

    /// Damaged NAT logs never crash: each gives a frame or a positioned error.
    @Test(arguments: Array(UInt64(1)...4))
    func damagedLogsAreHandled(_ seed: UInt64) throws {
        ReaderFuzzTests.loadDamaged(Self.mx, format: .natlog, seed: seed &* 15_485_863, in: dir, name: "n\(seed)")
    }
}

extension NatLogReaderTests {
    @Test func aBlockFirstSeenInAnInterimHasNoStart() throws {
        let text = """
        2025-10-05T14:00:00Z srx2 RT_NAT: RT_SRC_NAT_PBA_INTERIM: Subscriber 100.64.2.21 used/maximum [1/8] blocks, port block [2304-2559] from 49.36.9.9 in source pool P
        2025-10-05T14:40:00Z srx2 RT_NAT: RT_SRC_NAT_PBA_RELEASE: Subscriber 100.64.2.21 used/maximum [0/8] blocks, releases port block [2304-2559] from 49.36.9.9 in source pool P

        """
        let r = try load(dir.file("interim.log", text))
        #expect(r.frame.rowCount == 1)
        #expect(r.frame.column("alloc_start")?.value(at: 0) == .null)
        #expect(r.frame.column("alloc_end")?.value(at: 0) == at("2025-10-05T14:40:00Z"))
        #expect(r.notes.contains { $0.hasPrefix("1 block(s) first seen in an interim message") })
    }

    @Test func aCSVQuotingPortBlockMessagesStaysCSV() throws {
        let p = dir.file("parsed.csv", "time,message\n2025-10-05 14:03:11,\"JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535\"\n")
        #expect(try FrameReader.format(path: p, options: ReadOptions(zone: .utc)) == .csv)
    }
}
