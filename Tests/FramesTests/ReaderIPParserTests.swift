import Testing
@testable import Frames

@Suite struct ReaderIPParserTests {
    func both(_ s: String) -> (IPAddress?, IPAddress?) {
        let bytes = Array(s.utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { p.deallocate() }
        p.initialize(from: bytes, count: bytes.count)
        return (IPParser.parse(p, bytes.count), IPAddress.parse(UnsafeBufferPointer(start: p, count: bytes.count)))
    }

    @Test func agreesWithTheCoreParserOnEdgeCases() {
        let cases = [
            "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3",
            "1.2.3.4.", "1.2.3.a", "1234.1.1.1", "", " 1.2.3.4", "::", "::1", "1::", "1::2", "::ffff:1.2.3.4",
            "2409:4070:c91:2ad8:a310:9f96:a86e:9e6f", "2409:4070:C91:2AD8:A310:9F96:A86E:9E6F", "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7", "1:::2", "1::2::3", "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4", "1::1.2.3", "12345::", "g::1", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7", ":", ":::", "1.2.3.4:80", "fe80::1%eth0", "::ffff:256.1.1.1",
            "0:0:0:0:0:0:0:0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", String(repeating: "1", count: 46),
        ]
        for c in cases {
            let (fast, core) = both(c)
            #expect(fast == core, "\(c)")
        }
        #expect(both("2001:db8::1").0 == IPAddress("2001:db8::1"))
        #expect(both("10.0.0.1").0 == IPAddress(v4: 0x0A00_0001))
    }

    @Test func agreesWithTheCoreParserOnRandomText() {
        var seeded = SplitMix(seed: 7)
        let alphabet = Array("0123456789abcdefABCDEF:.:.g".utf8)
        for _ in 0..<20_000 {
            let n = Int(seeded.next() % 20)
            let s = String(decoding: (0..<n).map { _ in alphabet[Int(seeded.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            let (fast, core) = both(s)
            #expect(fast == core, "\(s)")
        }
        // Printed addresses parse back to themselves.
        for _ in 0..<2_000 {
            let a = IPAddress(high: seeded.next() & 0xFFFF_0000_FFFF_0000, low: seeded.next() & 0x0000_FFFF_0000_FFFF)
            #expect(both(a.description).0 == a, "\(a)")
        }
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
