import Testing
@testable import Frames

/// Zeek JSON logs (`LogAscii::use_json=T`) through the zeek-conn profile give
/// the same canonical frame as the TSV log of the same connections; the
/// profile's `units` say that `ts` and `duration` numbers are seconds.
@Suite struct ProfileZeekJSONTests {
    static func profiled(_ name: String) throws -> ProfiledFrame {
        let zeek = try ProfileDecoder.decode(BuiltinProfiles.zeekConn, file: "built-in:zeek-conn")
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/" + name, options: ReadOptions(zone: .utc))
        return ProfileApplier.apply(zeek, to: read.frame, zone: .utc)
    }

    /// The six connections of zeek-conn6.log (TSV), zeek-conn6-epoch.log (JSON,
    /// `ts` as epoch seconds) and zeek-conn6-iso.log (JSON, `ts` as ISO 8601):
    /// unset fields (`-` in TSV) are absent keys in JSON, and both are null.
    @Test(arguments: ["zeek-conn6-epoch.log", "zeek-conn6-iso.log"])
    func jsonLogEqualsTSVLogAfterTheProfile(_ json: String) throws {
        let tsv = try Self.profiled("zeek-conn6.log")
        let other = try Self.profiled(json)
        #expect(tsv.damage.isEmpty && other.damage.isEmpty, "\(tsv.damage) \(other.damage)")
        let a = tsv.frame, b = other.frame
        #expect(a.rowCount == 6 && b.rowCount == 6)
        #expect(a.names == b.names)
        for (fa, fb) in zip(a.fields, b.fields) {
            #expect(fa.type == fb.type, "\(fa.name): \(fa.type) vs \(fb.type)")
            #expect(fa.sourceName == fb.sourceName, "\(fa.name)")
        }
        for name in a.names {
            let ca = try #require(a.column(name)), cb = try #require(b.column(name))
            for i in 0..<a.rowCount { #expect(ca.value(at: i) == cb.value(at: i), "\(name) row \(i)") }
        }
        #expect(b.column("start_time")?.value(at: 0) == .timestamp(1_759_653_191_123_456))
        #expect(b.column("end_time")?.value(at: 0) == .timestamp(1_759_653_191_123_456 + 149_000_123))
        #expect(b.column("start_time")?.value(at: 5) == .timestamp(1_759_740_000_999_999))
        #expect(b.column("duration")?.value(at: 3) == .duration(3_600_500_000))
        #expect(b.column("end_time")?.value(at: 1) == .null)
        #expect(b.column("private_ip")?.value(at: 2) == .ip(IPAddress("2409:4060::1")!))
        #expect(b.column("bytes_down")?.value(at: 3) == .int(73_400_320))
    }

    @Test func jsonKeysChooseTheZeekProfile() throws {
        let profiles = try BuiltinProfiles.texts.map { try ProfileDecoder.decode($0.text, file: $0.name) }
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/zeek-conn6-epoch.log", options: ReadOptions(zone: .utc))
        #expect(read.format == .ndjson)
        let header = read.frame.fields.map { $0.sourceName ?? $0.name }
        #expect(ProfileMatcher.choose(header: header, among: profiles) == .chosen(ProfileMatch(profile: "zeek-conn", matched: 8, total: 17)))
    }

    @Test func unitsConvertNumbersAndTextAndCountWhatTheyCannotRead() {
        let frame = Frame([
            ("t", .from(.string, [.string("1759653191.5"), .string("2025-10-05T08:33:11Z"), .string("soon"), .null, .string("")])),
            ("ms", .from(.int, [.int(1500), .int(0), .null, .int(-2), .int(7)])),
        ])
        var p = Profile(name: "x")
        p.units = [("t", .epochSeconds), ("ms", .milliseconds)]
        let r = ProfileApplier.apply(p, to: frame, zone: .utc)
        let t = r.frame.column("t"), ms = r.frame.column("ms")
        #expect(t?.value(at: 0) == .timestamp(1_759_653_191_500_000))
        #expect(t?.value(at: 1) == .timestamp(1_759_653_191_000_000))
        #expect(t?.value(at: 2) == .null)
        #expect(t?.value(at: 4) == .null)
        #expect(ms?.value(at: 0) == .duration(1_500_000))
        #expect(ms?.value(at: 3) == .duration(-2_000))
        #expect(r.damage == ["`t`: 1 row not epoch seconds (e.g. 'soon'): left null"])
    }

    @Test(arguments: [
        ("{\"name\": \"x\",\n \"units\": {\"ts\": \"epoch_secs\"}}", 2, 18, "unknown unit 'epoch_secs' (units: epoch_seconds, epoch_milliseconds, seconds, milliseconds)"),
        ("{\"name\": \"x\",\n \"units\": [\"ts\"]}", 2, 11, "units must be an object, got an array"),
        ("{\"name\": \"x\",\n \"units\": {\"ts\": 1}}", 2, 18, "units.ts must be a string, got a number"),
    ])
    func badUnitsNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
        let e = ProfileTests.decodeError(text)
        #expect(e?.line == line, "\(e?.description ?? "no error")")
        #expect(e?.column == column, "\(e?.description ?? "no error")")
        #expect(e?.reason == reason, "\(e?.description ?? "no error")")
    }
}
