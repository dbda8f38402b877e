import Foundation
import Testing
@testable import Frames

/// Profile files, header matching, table location and the profile's column work.
@Suite struct ProfileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EndToEndTests/golden/data").path

    static func dot() throws -> Profile {
        try ProfileDecoder.decode(BuiltinProfiles.dotIPDR, file: "built-in:dot-ipdr")
    }

    static func decodeError(_ text: String) -> ProfileError? {
        do {
            _ = try ProfileDecoder.decode(text, file: "p.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func builtinDecodes() throws {
        let p = try Self.dot()
        #expect(p.name == "dot-ipdr")
        #expect(p.zone?.name == "Asia/Kolkata")
        #expect(p.timestamps.map(\.target) == ["start_time", "end_time"])
        #expect(p.timestamps[0].dateLayout == .daySlash)
        #expect(p.columns.contains { $0.target == "public_ip" && $0.headers.contains("Translated IP Address") })
    }

    @Test(arguments: [
        ("{\n  \"name\": \"x\",\n  \"colums\": {}\n}", 3, 3, "unknown key 'colums'"),
        ("{\n  \"name\": \"x\",\n  \"columns\": {\"msisdn\": 5}\n}", 3, 25, "columns.msisdn must be an array, got a number"),
        ("{\n  \"name\": \"x\",\n  \"columns\": {\"msisdn\": [\"A\"],}\n}", 3, 31, "expected a key in quotes"),
        ("{\"name\": \"x\", \"zone\": \"Mars/Olympus\"}", 1, 23, "unknown time zone 'Mars/Olympus'"),
        ("{\"description\": \"no name\"}", 1, 1, "the profile has no \"name\""),
        ("{\"name\": \"bad name\"}", 1, 10, "a profile name is letters"),
        ("{\"name\": \"x\", \"timestamps\": [{\"column\": \"t\", \"date\": \"D\", \"time\": \"T\", \"date_format\": \"mm/dd/yy\"}]}", 1, 87, "unknown date_format 'mm/dd/yy'"),
        ("{\"name\": \"x\", \"timestamps\": [{\"column\": \"t\", \"date\": \"D\"}]}", 1, 30, "a timestamps entry needs \"date_format\""),
        ("{\"name\": \"x\", \"name\": \"y\"}", 1, 15, "key 'name' appears twice"),
        ("{\"name\": \"x\",\n \"footer\": [\"a\n\"]}", 2, 15, "a string is not closed on its line"),
        ("{\"name\": \"x\", \"columns\": {\"msisdn\": \"A\"}, \"timestamps\": [{\"column\": \"msisdn\", \"date\": \"D\", \"time\": \"T\", \"date_format\": \"dd/mm/yyyy\"}]}", 1, 1, "column 'msisdn' is produced twice"),
    ])
    func badProfilesNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
        let e = Self.decodeError(text)
        #expect(e?.file == "p.json")
        #expect(e?.line == line, "\(e?.description ?? "no error")")
        #expect(e?.column == column, "\(e?.description ?? "no error")")
        #expect(e?.reason.hasPrefix(reason) == true, "\(e?.description ?? "no error")")
    }

    @Test func matcherChoosesRejectsCanonicalAndReportsTies() throws {
        let dot = try Self.dot()
        let header = ["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access", "IMSI", "Source IP Address", "Source Port",
                      "Translated IP Address", "Translated Port", "Start Date", "Start Time", "Latitude"]
        #expect(ProfileMatcher.choose(header: header, among: [dot]) == .chosen(ProfileMatch(profile: "dot-ipdr", matched: 8, total: 9)))
        let canonical = ["msisdn", "imsi", "imei", "public_ip", "public_port", "start_time", "apn", "Protocol"]
        #expect(ProfileMatcher.choose(header: canonical, among: [dot]) == .none)
        var twin = dot
        twin.name = "twin"
        guard case .ambiguous(let both) = ProfileMatcher.choose(header: header, among: [twin, dot]) else {
            Issue.record("expected a tie")
            return
        }
        #expect(both.map(\.profile) == ["dot-ipdr", "twin"])
        #expect(ProfileMatcher.choose(header: ["IMSI", "a", "b", "c"], among: [dot]) == .none)
    }

    @Test func locatorSkipsBannerAndReadsQuery() throws {
        let text = try String(contentsOfFile: Self.fixtures + "/dot-ipdr.csv", encoding: .utf8)
        let table = Array(text.utf8).withUnsafeBytes { TableLocator.locate(prefix: $0, profiles: [try! Self.dot()]) }
        #expect(table.headerLine == 4)
        #expect(table.header.count == 24)
        #expect(table.choice == .chosen(ProfileMatch(profile: "dot-ipdr", matched: 19, total: 24)))
        let banner = BannerMetadata.parse(table.banner, markers: try Self.dot().bannerQuery)
        #expect(banner.query == "Dynamic IPDR OF IMEI 3567890123456789 from 05-Oct-2025 00:00:00 to 06-Oct-2025 23:59:59")
        #expect(banner.period == "05-Oct-2025 00:00:00 to 06-Oct-2025 23:59:59")
        #expect(banner.other == ["Reliance Jio Infocomm Ltd", "Pan India"])
    }

    @Test func footerLinesAndBlankLinesAboveThemAreNotData() {
        let text = Array("a,b\n1,2\n,\n\"This is System generated report\",\n\n".utf8)
        let end = text.withUnsafeBufferPointer { CSVReader.footerStart($0.baseAddress!, from: 0, eof: text.count, footers: ["this is system generated"]) }
        #expect(end == 8)
        let plain = Array("a,b\n1,2\n\n".utf8)
        let same = plain.withUnsafeBufferPointer { CSVReader.footerStart($0.baseAddress!, from: 0, eof: plain.count, footers: ["no records found"]) }
        #expect(same == plain.count)
    }

    /// Reads the DoT fixture as `load` does and applies the profile.
    static func loadDoT() throws -> ProfiledFrame {
        let dot = try Self.dot()
        let path = fixtures + "/dot-ipdr.csv"
        var options = ReadOptions(zone: dot.zone ?? .utc)
        options.skipLines = 4
        options.footers = dot.footers
        options.types = ["Landline/MSISDN/MDN/Leased Circuit ID for Internet Access": .string, "IMSI": .string,
                         "Source MAC-ID/Other device ID": .string, "First CELL ID": .string]
        let read = try FrameReader.read(path: path, options: options)
        return ProfileApplier.apply(dot, to: read.frame, zone: dot.zone ?? .utc)
    }

    @Test func dotFixtureBecomesCanonicalColumns() throws {
        let r = try Self.loadDoT()
        let f = r.frame
        #expect(f.rowCount == 5)
        #expect(f.names.prefix(12) == ["msisdn", "imsi", "imei", "private_ip", "private_port", "public_ip", "public_port",
                                       "dst_ip", "dst_port", "protocol", "start_time", "end_time"])
        #expect(f.names.contains("Session Duration (Seconds)"))
        #expect(f.fields.first { $0.name == "public_ip" }?.sourceName == "Translated IP Address")
        #expect(f.column("start_time")?.value(at: 1) == .timestamp(TimestampParser.parse("2025-10-05 18:29:58Z", zone: .utc)!))
        #expect(f.column("end_time")?.value(at: 1) == .timestamp(TimestampParser.parse("2025-10-05 18:30:31Z", zone: .utc)!))
        #expect(f.column("imei")?.value(at: 1) == .string("3567890123456790"))
        #expect(f.column("msisdn")?.value(at: 3) == .string("919812345678"))
        #expect(f.column("msisdn")?.value(at: 1) == .string("9.19834E+11"))
        #expect(f.column("public_ip")?.value(at: 2) == .ip(IPAddress("2409:4060::1")!))
        #expect(f.column("cell_id")?.value(at: 0) == .string("404-10-2330-158187265"))
        #expect(r.damage.count == 3)
        #expect(r.damage.contains { $0.hasPrefix("msisdn (Landline/MSISDN/MDN/Leased Circuit ID for Internet Access): 1 row in scientific notation") })
        #expect(r.damage.contains("imei (Source MAC-ID/Other device ID): leading apostrophe stripped from 1 row"))
    }

    @Test func dotFixtureEqualsCanonicalFile() throws {
        let dot = try Self.loadDoT().frame
        var options = ReadOptions(zone: .utc)
        options.types = ["msisdn": .string, "imsi": .string, "imei": .string, "cell_id": .string]
        let canon = try FrameReader.read(path: Self.fixtures + "/dot-canonical.csv", options: options).frame
        #expect(dot.rowCount == canon.rowCount)
        for name in canon.names {
            let a = try #require(dot.column(name), "\(name)")
            let b = try #require(canon.column(name), "\(name)")
            #expect(a.type == b.type, "\(name)")
            for i in 0..<canon.rowCount { #expect(a.value(at: i) == b.value(at: i), "\(name) row \(i)") }
        }
    }

    @Test func excelSerialDatesOnlyWhenTheProfileSaysSo() throws {
        let frame = Frame([
            ("D", .from(.string, [.string("05/10/2025"), .string("45935"), .string("junk")])),
            ("T", .from(.string, [.string("14:03:11"), .string("12:00:00"), .string("12:00:00")])),
        ])
        var p = Profile(name: "x", timestamps: [.init(target: "start_time", dateHeaders: ["D"], timeHeaders: ["T"], dateLayout: .daySlash, dateFormat: "dd/mm/yyyy")])
        let off = ProfileApplier.apply(p, to: frame, zone: .utc)
        #expect(off.frame.column("start_time")?.value(at: 0) == .timestamp(TimestampParser.parse("2025-10-05 14:03:11Z", zone: .utc)!))
        #expect(off.frame.column("start_time")?.value(at: 1) == .null)
        #expect(off.damage == ["start_time: 2 rows with a date that is not dd/mm/yyyy (e.g. '45935'): left null; numbers may be Excel serial dates, which the profile converts only with \"excel_serial_dates\": true"])
        p.excelSerialDates = true
        let on = ProfileApplier.apply(p, to: frame, zone: .utc)
        #expect(on.frame.column("start_time")?.value(at: 1) == .timestamp(TimestampParser.parse("2025-10-05 12:00:00Z", zone: .utc)!))
        #expect(on.damage.contains("start_time: 1 row converted from Excel serial dates (the profile says so)"))
        #expect(on.damage.contains { $0.hasPrefix("start_time: 1 row with a date that is not dd/mm/yyyy (e.g. 'junk')") })
    }

    @Test func dedupRemovesRepeatsAndSaysHowMany() {
        let frame = Frame([
            ("m", .from(.string, [.string("a"), .string("a"), .string("b")])),
            ("v", .from(.int, [.int(1), .int(1), .int(2)])),
        ])
        let p = Profile(name: "x", columns: [.init(target: "msisdn", headers: ["m"])], dedupColumns: ["msisdn", "v"])
        let r = ProfileApplier.apply(p, to: frame, zone: .utc)
        #expect(r.frame.rowCount == 2)
        #expect(r.duplicatesRemoved == 1)
        #expect(r.damage == ["dedup on msisdn, v: 1 row repeating an earlier row removed"])
    }

    @Test(arguments: [("9.19834E+11", true), ("9E5", true), ("1.5e-3", true), ("919834000000", false), ("E+11", false), ("9.1.2E3", false), ("404-10", false)])
    func scientificNotation(_ text: String, _ expected: Bool) {
        #expect(ValueRepair.isScientific(text) == expected)
    }
}

/// Zeek TSV logs: directives, `-` and `(empty)`, types from `#types`, and the zeek-conn profile.
@Suite struct ZeekLogTests {
    @Test func connLogTypesNullsAndEmptyFields() throws {
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/conn.log", options: ReadOptions(zone: .utc))
        let f = read.frame
        #expect(f.rowCount == 3)
        #expect(f.names.count == 21)
        #expect(read.notes.first == "Zeek log (#path conn)")
        #expect(f.column("ts")?.value(at: 0) == .timestamp(1_759_653_191_123_456))
        #expect(f.column("duration")?.value(at: 0) == .duration(149_000_123))
        #expect(f.column("duration")?.value(at: 1) == .null)
        #expect(f.column("orig_bytes")?.value(at: 1) == .null)
        #expect(f.column("id.orig_h")?.value(at: 2) == .ip(IPAddress("2409:4060::1")!))
        #expect(f.column("id.orig_p")?.type == .int)
        #expect(f.column("local_orig")?.value(at: 0) == .bool(true))
        #expect(f.column("local_orig")?.value(at: 1) == .null)
        #expect(f.column("tunnel_parents")?.value(at: 0) == .string(""))
        #expect(f.column("tunnel_parents")?.value(at: 2) == .null)
    }

    @Test func zeekConnProfileIsChosenAndMapsCanonicalColumns() throws {
        let profiles = try BuiltinProfiles.texts.map { try ProfileDecoder.decode($0.text, file: $0.name) }
        let text = try String(contentsOfFile: ProfileTests.fixtures + "/conn.log", encoding: .utf8)
        let table = Array(text.utf8).withUnsafeBytes { TableLocator.locate(prefix: $0, profiles: profiles) }
        #expect(table.choice == .chosen(ProfileMatch(profile: "zeek-conn", matched: 8, total: 21)))
        #expect(table.banner.isEmpty)
        let zeek = try #require(profiles.first { $0.name == "zeek-conn" })
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/conn.log", options: ReadOptions(zone: .utc))
        let r = ProfileApplier.apply(zeek, to: read.frame, zone: .utc)
        #expect(r.frame.names.prefix(8) == ["start_time", "end_time", "uid", "private_ip", "private_port", "dst_ip", "dst_port", "protocol"])
        #expect(r.frame.column("bytes_down")?.value(at: 0) == .int(88211))
        #expect(r.damage.isEmpty)
    }
}
