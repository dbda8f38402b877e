import Testing
@testable import Frames

@Suite struct ReaderByteDictionaryTests {
    /// Strings of every length 0...40 that differ only in one byte, or only in length, or by a zero byte.
    func tricky() -> [[UInt8]] {
        var out: [[UInt8]] = []
        for n in 0...40 {
            let base = (0..<n).map { UInt8(48 + $0 % 10) }
            out.append(base)
            if n > 0 {
                for at in Set([0, n / 2, n - 1]) {
                    var v = base
                    v[at] = 120
                    out.append(v)
                    v[at] = 0
                    out.append(v)
                }
            }
            out.append(base + [0])
        }
        return out
    }

    func insert(_ d: inout ByteDictionary, _ bytes: [UInt8]) -> Int32 {
        // An exactly sized buffer, so any read past the string would read foreign memory.
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { buf.deallocate() }
        buf.initialize(from: bytes, count: bytes.count)
        return d.insert(buf, bytes.count)
    }

    @Test func distinctStringsGetDistinctIndicesInOrder() {
        let values = Array(Set(tricky())).sorted { $0.lexicographicallyPrecedes($1) }
        var d = ByteDictionary()
        for (i, v) in values.enumerated() {
            #expect(insert(&d, v) == Int32(i), "\(v)")
        }
        #expect(d.count == values.count)
        for (i, v) in values.enumerated().reversed() {
            #expect(insert(&d, v) == Int32(i), "\(v)")
            let s = Int(d.strings.offsets[i]), e = Int(d.strings.offsets[i + 1])
            #expect(Array(d.strings.bytes[s..<e]) == v)
        }
        #expect(d.count == values.count)
    }

    @Test func manyStringsSurviveGrowth() {
        var d = ByteDictionary()
        let n = 5_000
        for i in 0..<n { #expect(insert(&d, Array("id-\(i * 7919)".utf8)) == Int32(i)) }
        for i in stride(from: n - 1, through: 0, by: -3) {
            #expect(insert(&d, Array("id-\(i * 7919)".utf8)) == Int32(i))
        }
        #expect(d.count == n)
        // Long strings sharing their first 16 bytes.
        let prefix = Array("0123456789abcdef".utf8)
        var long = ByteDictionary()
        for i in 0..<300 { #expect(insert(&long, prefix + Array("\(i)".utf8)) == Int32(i)) }
        for i in 0..<300 { #expect(insert(&long, prefix + Array("\(i)".utf8)) == Int32(i)) }
        #expect(long.count == 300)
    }

    @Test func headReadsOnlyTheString() {
        for n in 0...20 {
            let bytes = (0..<n).map { UInt8(1 + $0) }
            let (h0, h1) = bytes.withUnsafeBufferPointer { ByteDictionary.head($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, n) }
            var w0: UInt64 = 0, w1: UInt64 = 0
            for (i, b) in bytes.prefix(16).enumerated() {
                if i < 8 { w0 |= UInt64(b) << UInt64(8 * i) } else { w1 |= UInt64(b) << UInt64(8 * (i - 8)) }
            }
            #expect(h0 == w0 && h1 == w1, "length \(n)")
        }
    }
}
