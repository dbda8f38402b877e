import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite struct ReaderIPParserTests {
    /// Our parse and the C library's `inet_pton` (AF_INET for text without `:`,
    /// AF_INET6 otherwise), as an independent oracle.
    func both(_ s: String) -> (IPAddress?, IPAddress?) {
        let bytes = Array(s.utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { p.deallocate() }
        p.initialize(from: bytes, count: bytes.count)
        return (IPParser.parse(p, bytes.count), Self.libc(s))
    }

    static func libc(_ s: String) -> IPAddress? {
        if s.contains("\0") { return nil }
        if s.contains(":") {
            var a = in6_addr()
            guard inet_pton(AF_INET6, s, &a) == 1 else { return nil }
            let b = withUnsafeBytes(of: &a) { Array($0) }
            var hi: UInt64 = 0, lo: UInt64 = 0
            for k in 0..<8 { hi = hi << 8 | UInt64(b[k]) }
            for k in 8..<16 { lo = lo << 8 | UInt64(b[k]) }
            return IPAddress(high: hi, low: lo)
        }
        var a = in_addr()
        guard inet_pton(AF_INET, s, &a) == 1 else { return nil }
        return IPAddress(v4: UInt32(bigEndian: a.s_addr))
    }

    @Test func agreesWithInetPtonOnEdgeCases() {
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

    @Test func agreesWithInetPtonOnRandomText() {
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
}
