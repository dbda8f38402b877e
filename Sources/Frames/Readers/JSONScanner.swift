/// A byte-level JSON tokenizer over mapped memory, tracking physical lines.
///
/// It validates syntax and reports spans; string contents are decoded only
/// when asked (`unescape`), so bulk values never become Swift strings.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int
    /// Newlines passed so far (0-based line of `pos`).
    var line = 0
    /// What the end of the input is called in messages.
    var endName = "the end of the file"

    /// A syntax problem: where, and what was expected.
    struct SyntaxError: Error {
        var offset: Int
        var line: Int
        var reason: String
    }

    /// The kind of a scalar or nested value.
    enum ValueType: UInt8 {
        case null = 0, falseValue, trueValue, number, string, escapedString, nested
    }

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.end = end
        self.pos = start
    }

    var atEnd: Bool { pos >= end }

    /// The byte at `pos` (0 at the end).
    var current: UInt8 { pos < end ? base[pos] : 0 }

    mutating func skipBlanks() {
        while pos < end {
            let c = base[pos]
            if c == 10 { line += 1 } else if c != 32 && c != 9 && c != 13 { return }
            pos += 1
        }
    }

    func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: pos, line: line, reason: reason)
    }

    /// What the current byte is, for error messages.
    var found: String {
        guard pos < end else { return endName }
        let c = base[pos]
        if c >= 32 && c < 127 { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(SyntaxError) {
        guard current == c else { throw error("expected \(what), found \(found)") }
        pos += 1
    }

    /// A string at `pos` (on the opening quote): the span of its contents and whether it holds escapes.
    mutating func string() throws(SyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        try expect(34, "'\"'")
        let start = pos
        var escaped = false
        while pos < end {
            let c = base[pos]
            if c == 34 { pos += 1; return (start, pos - 1, escaped) }
            if c == 92 {
                escaped = true
                pos += 1
                guard pos < end else { break }
                switch base[pos] {
                case 34, 92, 47, 98, 102, 110, 114, 116: pos += 1
                case 117:
                    pos += 1
                    for _ in 0..<4 {
                        guard pos < end, isHex(base[pos]) else { throw error("invalid \\u escape in a string") }
                        pos += 1
                    }
                default: throw error("invalid escape in a string")
                }
                continue
            }
            if c < 32 { throw error(c == 10 ? "unterminated string" : "control character in a string") }
            pos += 1
        }
        throw error("unterminated string")
    }

    private func isHex(_ c: UInt8) -> Bool { (c &- 48) < 10 || ((c | 0x20) &- 97) < 6 }

    /// A number at `pos`; returns its end and whether it is an integer literal.
    mutating func number() throws(SyntaxError) -> Bool {
        var integer = true
        if current == 45 { pos += 1 }
        guard pos < end, TimestampParser.isDigit(base[pos]) else { throw error("invalid number") }
        if base[pos] == 48 {
            pos += 1
        } else {
            while pos < end, TimestampParser.isDigit(base[pos]) { pos += 1 }
        }
        if current == 46 {
            integer = false
            pos += 1
            guard pos < end, TimestampParser.isDigit(base[pos]) else { throw error("invalid number") }
            while pos < end, TimestampParser.isDigit(base[pos]) { pos += 1 }
        }
        if current | 0x20 == 101 {
            integer = false
            pos += 1
            if current == 43 || current == 45 { pos += 1 }
            guard pos < end, TimestampParser.isDigit(base[pos]) else { throw error("invalid number") }
            while pos < end, TimestampParser.isDigit(base[pos]) { pos += 1 }
        }
        return integer
    }

    /// A literal word (`true`, `false`, `null`).
    mutating func word(_ w: StaticString, _ type: ValueType) throws(SyntaxError) -> ValueType {
        let n = w.utf8CodeUnitCount
        guard pos + n <= end, memcmp(base + pos, w.utf8Start, n) == 0 else { throw error("invalid value starting with \(found)") }
        pos += n
        return type
    }

    /// Any value at `pos`: its type and span (for strings, the contents; for nested values, the whole text).
    mutating func value(depth: Int = 0) throws(SyntaxError) -> (type: ValueType, start: Int, end: Int) {
        let start = pos
        switch current {
        case 34:
            let s = try string()
            return (s.escaped ? .escapedString : .string, s.start, s.end)
        case 116: return (try word("true", .trueValue), start, pos)
        case 102: return (try word("false", .falseValue), start, pos)
        case 110: return (try word("null", .null), start, pos)
        case 123, 91:
            try skipNested(depth: depth)
            return (.nested, start, pos)
        case 45, 48...57:
            _ = try number()
            return (.number, start, pos)
        default:
            throw error(pos >= end ? "unexpected \(endName)" : "expected a value, found \(found)")
        }
    }

    /// Skips an object or array, checking its syntax.
    mutating func skipNested(depth: Int) throws(SyntaxError) {
        guard depth < 512 else { throw error("nesting deeper than 512 levels") }
        let open = current
        let close: UInt8 = open == 123 ? 125 : 93
        pos += 1
        skipBlanks()
        if current == close { pos += 1; return }
        while true {
            if open == 123 {
                skipBlanks()
                _ = try string()
                skipBlanks()
                try expect(58, "':' after a key")
                skipBlanks()
            }
            _ = try value(depth: depth + 1)
            skipBlanks()
            if current == 44 { pos += 1; skipBlanks(); continue }
            try expect(close, open == 123 ? "',' or '}'" : "',' or ']'")
            return
        }
    }

    /// Decodes a string's escaped contents into UTF-8 bytes.
    static func unescape(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = start
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = base[at + k]
                let d: UInt32 = c <= 57 ? UInt32(c - 48) : UInt32((c | 0x20) - 87)
                v = v << 4 | d
            }
            return v
        }
        while i < end {
            let c = base[i]
            if c != 92 { out.append(c); i += 1; continue }
            let e = base[i + 1]
            i += 2
            switch e {
            case 98: out.append(8)
            case 102: out.append(12)
            case 110: out.append(10)
            case 114: out.append(13)
            case 116: out.append(9)
            case 117:
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 6 <= end, base[i] == 92, base[i + 1] == 117 {
                    let low = hex4(i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(u).utf8)
            default: out.append(e)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
