import Testing
@testable import Frames

@Suite struct IPAddressTests {
    @Test(arguments: ["10.0.0.1", "255.255.255.255", "0.0.0.0", "2001:db8::1", "::1", "::", "fe80::1:2", "2001:db8:0:1:1:1:1:1", "::fffe:0:1"])
    func roundTrip(_ text: String) throws {
        let ip = try #require(IPAddress(text))
        #expect(ip.description == text)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "abc", ":1", "1:"])
    func rejects(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func mappedV4IsV4() throws {
        let a = try #require(IPAddress("::ffff:1.2.3.4"))
        #expect(a == IPAddress("1.2.3.4"))
        #expect(a.version == 4)
        #expect(try #require(IPAddress("2001:db8::")).version == 6)
    }

    @Test func ordering() throws {
        #expect(try #require(IPAddress("10.0.0.2")) < #require(IPAddress("10.0.0.10")))
        #expect(try #require(IPAddress("1.2.3.4")) < #require(IPAddress("2001::")))
    }
}

@Suite struct ZoneAndTimeTests {
    @Test func fixedOffsets() throws {
        #expect(try #require(Zone("+05:30")).fixedOffset == 19800)
        #expect(try #require(Zone("-0800")).fixedOffset == -28800)
        #expect(try #require(Zone("UTC")).fixedOffset == 0)
        #expect(Zone("Mars/Olympus") == nil)
        #expect(Zone("+25:00") == nil)
    }

    @Test func ianaZoneWithDST() throws {
        let ny = try #require(Zone("America/New_York"))
        // 2025-07-01T12:00:00Z is EDT (-4h); 2025-01-01T12:00:00Z is EST (-5h).
        #expect(ny.offset(atUTCSeconds: 1_751_371_200) == -14400)
        #expect(ny.offset(atUTCSeconds: 1_735_732_800) == -18000)
        #expect(try #require(Zone("Asia/Kolkata")).offset(atUTCSeconds: 1_751_371_200) == 19800)
    }

    @Test func civilRoundTrip() {
        for days: Int64 in [-800_000, -1, 0, 1, 11_016, 20_000, 60_000] {
            let (y, m, d) = TimeFormat.civilFromDays(days)
            #expect(TimeFormat.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test func iso() throws {
        let z = try #require(Zone("+05:30"))
        #expect(TimeFormat.iso8601(micros: 0, zone: .utc) == "1970-01-01T00:00:00Z")
        #expect(TimeFormat.iso8601(micros: 1_500_000, zone: z) == "1970-01-01T05:30:01.5+05:30")
        #expect(TimeFormat.duration(micros: 90_061_000_001) == "1d 01:01:01.000001")
    }
}

@Suite struct BitmapTests {
    @Test func basics() {
        var b = Bitmap(count: 70, value: true)
        #expect(b.setCount == 70)
        b[3] = false
        #expect(!b[3] && b[69])
        #expect((~b).setIndices() == [3])
        let c = Bitmap([true, false, true])
        #expect((c & Bitmap(count: 3, value: true)).setIndices() == [0, 2])
    }
}
