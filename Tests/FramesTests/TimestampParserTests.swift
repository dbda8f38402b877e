import Testing
@testable import Frames

@Suite struct TimestampParserTests {
    /// 2025-10-05T14:03:11Z in microseconds.
    static let base: Int64 = 1_759_672_991_000_000
    static let ist = Zone("+05:30")!

    @Test(arguments: [
        ("2025-10-05T14:03:11Z", base),
        ("2025-10-05T14:03:11z", base),
        ("2025-10-05T19:33:11+05:30", base),
        ("2025-10-05T19:33:11+0530", base),
        ("2025-10-05T19:33:11+05", base + 1_800_000_000),
        ("2025-10-05 19:33:11 +05:30", base),
        ("2025-10-05T06:03:11-08:00", base),
        ("2025-10-05 14:03:11 UTC", base),
        ("2025-10-05T14:03:11.5Z", base + 500_000),
        ("2025-10-05T14:03:11.123456Z", base + 123_456),
        ("2025-10-05T14:03:11.1234567Z", base + 123_456),
        ("2025-10-05T14:03:11,25Z", base + 250_000),
        ("  2025-10-05T14:03:11Z ", base),
        ("2025-10-05T14:03Z", base - 11_000_000),
    ])
    func withOffset(_ text: String, _ expected: Int64) {
        #expect(TimestampParser.parse(text, zone: Self.ist) == expected)
    }

    @Test(arguments: [
        ("2025-10-05 19:33:11", base),
        ("2025-10-05T19:33:11", base),
        ("05/10/2025 19:33:11", base),
        ("5/10/2025 19:33:11", base),
        ("05-10-2025 19:33:11", base),
        ("05-Oct-2025 19:33:11", base),
        ("05-OCT-2025 19:33:11", base),
        ("05-oct-2025 19:33:11.000001", base + 1),
        ("05/10/2025 19:33:11.75", base + 750_000),
        ("5/10/2025 9:03:11", base - 37_800_000_000),
        ("2025-10-05", 1_759_602_600_000_000), // midnight local (+05:30) is 18:30 UTC the day before
    ])
    func naiveInZone(_ text: String, _ expected: Int64) {
        #expect(TimestampParser.parse(text, zone: Self.ist) == expected)
    }

    @Test func dateOnlyForms() {
        let midnight: Int64 = 1_759_622_400_000_000 // 2025-10-05T00:00:00Z
        #expect(TimestampParser.parse("2025-10-05", zone: .utc) == midnight)
        #expect(TimestampParser.parse("05/10/2025", zone: .utc) == midnight)
        #expect(TimestampParser.parse("05-10-2025", zone: .utc) == midnight)
        #expect(TimestampParser.parse("05-Oct-2025", zone: .utc) == midnight)
    }

    @Test func dayFirstIsConsistent() {
        // 01/02/2025 is the first of February.
        #expect(TimestampParser.parse("01/02/2025", zone: .utc) == 1_738_368_000_000_000)
        #expect(TimestampParser.parse("13/02/2025", zone: .utc) == 1_739_404_800_000_000)
        #expect(TimestampParser.parse("02/13/2025", zone: .utc) == nil)
    }

    @Test func ianaZone() throws {
        let ny = try #require(Zone("America/New_York"))
        // Summer: EDT (-4h); winter: EST (-5h).
        #expect(TimestampParser.parse("2025-07-01 08:00:00", zone: ny) == 1_751_371_200_000_000)
        #expect(TimestampParser.parse("2025-01-01 07:00:00", zone: ny) == 1_735_732_800_000_000)
        let kolkata = try #require(Zone("Asia/Kolkata"))
        #expect(TimestampParser.parse("2025-10-05 19:33:11", zone: kolkata) == Self.base)
        // An explicit offset wins over the zone.
        #expect(TimestampParser.parse("2025-10-05T14:03:11Z", zone: kolkata) == Self.base)
    }

    @Test(arguments: [
        "", "2025", "2025-13-01", "2025-00-10", "2025-02-29", "2025-04-31", "2025-10-05T24:00:00",
        "2025-10-05T12:60:00", "2025-10-05T12:00:60", "2025-10-05T12:00:00.", "2025-10-05T12:00:00+25:00",
        "2025-10-05X12:00:00", "32/01/2025", "05-Foo-2025 10:00:00", "hello world", "2025-10-05T12:00:00 junk",
        "05/10/25 10:00:00", "1.2.3.4", "12345678",
    ])
    func rejects(_ text: String) {
        #expect(TimestampParser.parse(text, zone: .utc) == nil)
    }

    @Test func leapDay() {
        #expect(TimestampParser.parse("2024-02-29", zone: .utc) == 1_709_164_800_000_000)
        #expect(TimestampParser.parse("2000-02-29", zone: .utc) != nil)
        #expect(TimestampParser.parse("1900-02-29", zone: .utc) == nil)
    }

    @Test func layoutIsEnforcedWhenGiven() {
        var s = "05/10/2025 19:33:11"
        let r = s.withUTF8 { TimestampParser.parse(bytes: $0, zone: .utc, layout: .iso) }
        #expect(r == nil)
        let d = s.withUTF8 { TimestampParser.detectLayout(bytes: $0) }
        #expect(d == .daySlash)
    }

    @Test func roundTripsFormatter() throws {
        let z = try #require(Zone("Asia/Kolkata"))
        for micros: Int64 in [0, 1, 999_999, Self.base, Self.base + 123_456, -86_400_000_001, 4_000_000_000_000_000] {
            let text = TimeFormat.iso8601(micros: micros, zone: z)
            #expect(TimestampParser.parse(text, zone: .utc) == micros, "\(text)")
        }
    }
}

@Suite struct TimestampDurationTests {
    @Test(arguments: [
        ("00:00:01", Int64(1_000_000)), ("02:03:04", 7_384_000_000), ("02:03:04.5", 7_384_500_000),
        ("36:00:00", 129_600_000_000), ("1d 02:03:04", 93_784_000_000), ("-00:00:01", -1_000_000),
        ("90s", 90_000_000), ("5m", 300_000_000), ("2h", 7_200_000_000), ("1d", 86_400_000_000),
        ("1w", 604_800_000_000), ("500ms", 500_000), ("250us", 250), ("1.5s", 1_500_000), ("1h30m", 5_400_000_000),
        ("1h 30m", 5_400_000_000), ("1d 00:00:00.000001", 86_400_000_001),
    ])
    func parses(_ text: String, _ expected: Int64) {
        #expect(DurationParser.parse(text) == expected)
    }

    @Test(arguments: ["", "-", "5", "5x", "00:60:00", "00:00:60", "1:2:3", "h", "1d 5", "00:00:01.", "1.s"])
    func rejects(_ text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test func roundTripsFormatter() {
        for micros: Int64 in [0, 1, 59_999_999, 86_399_999_999, 86_400_000_000, 93_784_000_001, -93_784_000_001] {
            #expect(DurationParser.parse(TimeFormat.duration(micros: micros)) == micros)
        }
    }
}
