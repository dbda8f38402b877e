import Testing
@testable import Frames

/// `end_times`: an end time as a start timestamp plus a duration, whatever
/// unit the duration column is in; nulls, negative and unreadable durations.
@Suite struct ProfileEndTimeTests {
    static let start: Int64 = 1_759_653_191_000_000 // 2025-10-05 08:33:11 UTC

    static func profile() -> Profile {
        Profile(name: "x", columns: [.init(target: "start_time", headers: ["begin"])],
                endTimes: [.init(target: "end_time", start: ["start_time"], duration: ["secs"])])
    }

    static func frame(_ durations: Column) -> Frame {
        let n = durations.count
        var starts = Column(.timestamp([Int64](repeating: start, count: n)))
        if n > 1 {
            var v = Bitmap(count: n, value: true)
            v[n - 1] = false
            starts = Column(.timestamp([Int64](repeating: start, count: n)), validity: v)
        }
        return Frame(fields: [Field("begin", .timestamp), Field("secs", durations.type)], columns: [starts, durations], rowCount: n)
    }

    @Test func durationIntFloatAndTextColumnsAllGiveTheEnd() throws {
        let columns: [Column] = [
            .from(.duration, [.duration(149_000_123), .null, .duration(0), .duration(5)]),
            .from(.float, [.float(149.000123), .null, .float(0), .float(5)]),
            .from(.string, [.string("149.000123"), .null, .string("00:00:00"), .string("5")]),
        ]
        for c in columns {
            let r = ProfileApplier.apply(Self.profile(), to: Self.frame(c), zone: .utc)
            #expect(r.frame.names == ["start_time", "end_time", "secs"], "\(c.type)")
            let end = try #require(r.frame.column("end_time"))
            #expect(end.value(at: 0) == .timestamp(Self.start + 149_000_123), "\(c.type)")
            #expect(end.value(at: 1) == .null, "null duration → null end (\(c.type))")
            #expect(end.value(at: 2) == .timestamp(Self.start), "\(c.type)")
            #expect(end.value(at: 3) == .null, "null start → null end (\(c.type))")
            #expect(r.damage.isEmpty, "\(r.damage)")
            #expect(r.frame.fields[1].sourceName == "begin + secs")
        }
        let ints = ProfileApplier.apply(Self.profile(), to: Self.frame(.from(.int, [.int(149), .int(10)])), zone: .utc)
        #expect(ints.frame.column("end_time")?.value(at: 0) == .timestamp(Self.start + 149_000_000))
    }

    @Test func negativeAndUnreadableDurationsAreDamageNotGuesses() {
        let c = Column.from(.string, [.string("-3"), .string("soon"), .string("10"), .string("-00:00:02"), .string("x")])
        let r = ProfileApplier.apply(Self.profile(), to: Self.frame(c), zone: .utc)
        let end = r.frame.column("end_time")
        #expect(end?.value(at: 0) == .null)
        #expect(end?.value(at: 1) == .null)
        #expect(end?.value(at: 2) == .timestamp(Self.start + 10_000_000))
        #expect(end?.value(at: 3) == .null)
        #expect(r.damage == [
            "end_time = start_time + secs: 2 rows with a negative duration (e.g. '-3'): left null",
            "end_time = start_time + secs: 1 row with a duration that is not seconds or hh:mm:ss (e.g. 'soon'): left null",
        ])
        let floats = ProfileApplier.apply(Self.profile(), to: Self.frame(.from(.float, [.float(-0.5), .float(.infinity), .float(1)])), zone: .utc)
        #expect(floats.damage.count == 2)
    }

    @Test func aStartThatIsNotATimestampOrAnExistingEndAddsNothing() {
        let text = Frame([("begin", .from(.string, [.string("yesterday")])), ("secs", .from(.int, [.int(1)]))])
        let r = ProfileApplier.apply(Self.profile(), to: text, zone: .utc)
        #expect(r.frame.column("end_time") == nil)
        #expect(r.damage.contains("end_time = start_time + secs: not computed: the start column is string, not a timestamp"))
        let has = Frame([("begin", .from(.timestamp, [.timestamp(Self.start)])), ("end_time", .from(.timestamp, [.timestamp(0)])),
                         ("secs", .from(.int, [.int(1)]))])
        let kept = ProfileApplier.apply(Self.profile(), to: has, zone: .utc)
        #expect(kept.frame.column("end_time")?.value(at: 0) == .timestamp(0))
        #expect(kept.damage.isEmpty)
        let none = Frame([("begin", .from(.timestamp, [.timestamp(Self.start)]))])
        #expect(ProfileApplier.apply(Self.profile(), to: none, zone: .utc).frame.names == ["start_time"])
    }

    @Test(arguments: [
        ("{\"name\": \"x\",\n \"end_times\": {\"column\": \"end_time\"}}", 2, 15, "end_times must be an array, got an object"),
        ("{\"name\": \"x\",\n \"end_times\": [{\"column\": \"end_time\", \"start\": \"ts\"}]}", 2, 16, "an end_times entry needs \"duration\""),
        ("{\"name\": \"x\",\n \"end_times\": [{\"column\": \"end_time\", \"start\": \"ts\", \"duration\": \"d\", \"unit\": \"s\"}]}", 2, 71, "unknown key 'unit' in an end_times entry"),
        ("{\"name\": \"x\",\n \"end_times\": [{\"column\": \"end time\", \"start\": \"ts\", \"duration\": \"d\"}]}", 2, 27, "column name 'end time' must be letters"),
        ("{\"name\": \"x\",\n \"end_times\": [{\"column\": \"e\", \"start\": 5, \"duration\": \"d\"}]}", 2, 41, "start must be an array, got a number"),
        ("{\"name\": \"x\", \"columns\": {\"end_time\": \"E\"},\n \"end_times\": [{\"column\": \"end_time\", \"start\": \"ts\", \"duration\": \"d\"}]}", 1, 1, "column 'end_time' is produced twice"),
    ])
    func badEndTimesNameLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ reason: String) {
        let e = ProfileTests.decodeError(text)
        #expect(e?.line == line, "\(e?.description ?? "no error")")
        #expect(e?.column == column, "\(e?.description ?? "no error")")
        #expect(e?.reason.hasPrefix(reason) == true, "\(e?.description ?? "no error")")
    }

    @Test func zeekConnLogGetsEndTimes() throws {
        let zeek = try ProfileDecoder.decode(BuiltinProfiles.zeekConn, file: "built-in:zeek-conn")
        let read = try FrameReader.read(path: ProfileTests.fixtures + "/conn.log", options: ReadOptions(zone: .utc))
        let r = ProfileApplier.apply(zeek, to: read.frame, zone: .utc)
        #expect(r.frame.names.prefix(2) == ["start_time", "end_time"])
        let end = try #require(r.frame.column("end_time"))
        #expect(end.value(at: 0) == .timestamp(1_759_653_191_123_456 + 149_000_123))
        #expect(end.value(at: 1) == .null) // duration `-`
        #expect(end.value(at: 2) == .timestamp(1_759_738_500_000_001 + 21_000))
        #expect(r.damage.isEmpty)
    }
}
