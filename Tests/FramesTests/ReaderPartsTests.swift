import Testing
@testable import Frames

@Suite struct ReaderPartsTests {
    func withBytes<R>(_ s: String, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        var s = s
        return s.withUTF8 { body($0.baseAddress!, $0.count) }
    }

    @Test func integersAreStrict() {
        #expect(withBytes("0") { NumberParser.int($0, $1) } == 0)
        #expect(withBytes("-9223372036854775808") { NumberParser.int($0, $1) } == Int64.min)
        #expect(withBytes("9223372036854775807") { NumberParser.int($0, $1) } == Int64.max)
        for bad in ["9223372036854775808", "+1", "01", "-01", "-", "1.0", "1e3", " 1", "١"] {
            #expect(withBytes(bad) { NumberParser.int($0, $1) } == nil, "\(bad)")
        }
    }

    @Test func floatsAreStrictAndExact() {
        for (text, value) in [("1.5", 1.5), ("-0.25", -0.25), ("2e3", 2000), ("1E-7", 1e-7), ("0.1", 0.1),
                              ("123456789012345678901234.5", 123456789012345678901234.5), ("4.9e-324", 4.9e-324),
                              ("1.7976931348623157e308", 1.7976931348623157e308)] {
            #expect(withBytes(text) { NumberParser.float($0, $1) } == value, "\(text)")
        }
        for bad in ["", "-", ".5", "5.", "01.5", "+1.5", "1e", "1e+", "nan", "inf", "1,5"] {
            #expect(withBytes(bad) { NumberParser.float($0, $1) } == nil, "\(bad)")
        }
        #expect(withBytes("-inf") { NumberParser.float($0, $1, special: true) } == -.infinity)
        #expect(withBytes("NaN") { NumberParser.float($0, $1, special: true) }?.isNaN == true)
    }

    @Test func utf8Validation() {
        let cases: [([UInt8], Int?)] = [
            (Array("plain ascii text, long enough".utf8), nil),
            (Array("ü日本😀".utf8), nil),
            ([0x61, 0xC0, 0x80], 1), // overlong
            ([0xED, 0xA0, 0x80], 1), // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 1), // beyond U+10FFFF
            ([0x61, 0x62, 0xE2, 0x82], 2), // truncated
            ([0xFF], 0),
        ]
        for (bytes, expected) in cases {
            #expect(bytes.withUnsafeBufferPointer { UTF8Check.firstInvalid($0.baseAddress!, $0.count) } == expected)
        }
    }

    @Test func quoteCounting() {
        let text = Array("\"a\",\"b\"\"c\"\n\"".utf8)
        #expect(text.withUnsafeBufferPointer { QuoteCounter.count(34, in: $0.baseAddress!, from: 0, to: $0.count) } == 7)
        #expect(text.withUnsafeBufferPointer { QuoteCounter.count(34, in: $0.baseAddress!, from: 1, to: 9) } == 4)
    }

    @Test func headerNames() {
        #expect(HeaderNames.unique(["a", " a ", "", "b", "a_2"]) == ["a", "a_2", "column_3", "b", "a_2_2"])
        #expect(HeaderNames.isIdentifierColumn("Cell-ID"))
        #expect(HeaderNames.isIdentifierColumn("IMSI"))
        #expect(!HeaderNames.isIdentifierColumn("msisdn_count"))
    }

    @Test func bitAppenderJoinsUnalignedRuns() {
        var a = BitAppender(capacity: 0)
        let x = Bitmap((0..<70).map { $0 % 3 == 0 })
        let y = Bitmap((0..<5).map { _ in true })
        a.append(y.words, 5)
        a.append(x.words, 70)
        a.append(repeating: false, 60)
        let expected = Array(repeating: true, count: 5) + (0..<70).map { $0 % 3 == 0 } + Array(repeating: false, count: 60)
        #expect(a.bitmap == Bitmap(expected))
    }
}
