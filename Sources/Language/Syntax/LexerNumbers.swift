extension Lexer {
    /// Bytes per size unit (powers of 1000 and of 1024).
    static let sizeUnits: [String: Int64] = [
        "B": 1, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
        "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
    ]

    /// Microseconds per duration unit.
    static let durationUnits: [String: Int64] = [
        "us": 1, "ms": 1_000, "s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000,
        "d": 86_400_000_000, "w": 604_800_000_000,
    ]

    /// Reads an integer, float, size or duration starting at a digit.
    mutating func lexNumber() -> Token {
        let start = position
        var intDigits: [UInt8] = []
        var fracDigits: [UInt8] = []
        var wellFormed = true
        scanDigits(into: &intDigits, wellFormed: &wellFormed)
        var isFloat = false
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Lexer.isDigit(bytes[position + 1]) {
            isFloat = true
            position += 1
            scanDigits(into: &fracDigits, wellFormed: &wellFormed)
        }
        var exponent = 0
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            var i = position + 1
            var sign = 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                if bytes[i] == UInt8(ascii: "-") { sign = -1 }
                i += 1
            }
            if i < bytes.count, Lexer.isDigit(bytes[i]) {
                isFloat = true
                var e = 0
                while i < bytes.count, Lexer.isDigit(bytes[i]) {
                    e = min(e * 10 + Int(bytes[i] - UInt8(ascii: "0")), 100_000)
                    i += 1
                }
                exponent = sign * e
                position = i
            }
        }
        let numberEnd = position
        var unitEnd = position
        while unitEnd < bytes.count, Lexer.isLetter(bytes[unitEnd]), bytes[unitEnd] != UInt8(ascii: "_") { unitEnd += 1 }
        var end = unitEnd
        while end < bytes.count, Lexer.isWordByte(bytes[end]) { end += 1 }
        position = end
        let span = SourceSpan(start: start, end: end)
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let numberText = String(decoding: bytes[start..<numberEnd], as: UTF8.self)
        if !wellFormed || end != unitEnd { return Token(.invalid(.malformedNumber(text, span)), span: span) }
        let unit = String(decoding: bytes[numberEnd..<unitEnd], as: UTF8.self)

        if unit.isEmpty {
            if isFloat {
                let cleaned = String(decoding: bytes[start..<numberEnd].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
                guard let v = Double(cleaned) else { return Token(.invalid(.malformedNumber(text, span)), span: span) }
                guard v.isFinite else { return Token(.invalid(.numberOutOfRange(text, span)), span: span) }
                return Token(.float(v), span: span)
            }
            guard let v = Lexer.integer(intDigits) else {
                return Token(.invalid(.numberOutOfRange(text, span)), span: span)
            }
            return Token(.integer(v), span: span)
        }
        let isDuration: Bool
        let multiplier: Int64
        if let m = Lexer.durationUnits[unit] {
            isDuration = true
            multiplier = m
        } else if let m = Lexer.sizeUnits[unit] {
            isDuration = false
            multiplier = m
        } else {
            return Token(.invalid(.unknownUnit(unit, number: numberText, span)), span: span)
        }
        while fracDigits.last == UInt8(ascii: "0") { fracDigits.removeLast() }
        let digits = intDigits + fracDigits
        let scale = exponent - fracDigits.count
        switch Lexer.scaled(digits: digits, multiplier: multiplier, powerOfTen: scale) {
        case .value(let v):
            return Token(isDuration ? .duration(v) : .integer(v), span: span)
        case .overflow:
            return Token(.invalid(.numberOutOfRange(text, span)), span: span)
        case .fractional:
            return Token(.invalid(.fractionalQuantity(text, span)), span: span)
        }
    }

    /// Scans `[0-9_]*`, collecting digits; an `_` must sit between two digits.
    private mutating func scanDigits(into digits: inout [UInt8], wellFormed: inout Bool) {
        var previousWasDigit = false
        while position < bytes.count {
            let c = bytes[position]
            if Lexer.isDigit(c) {
                digits.append(c)
                previousWasDigit = true
            } else if c == UInt8(ascii: "_") {
                if !previousWasDigit || !(position + 1 < bytes.count && Lexer.isDigit(bytes[position + 1])) {
                    wellFormed = false
                }
                previousWasDigit = false
            } else {
                break
            }
            position += 1
        }
    }

    /// Decimal digits as an integer; nil on overflow.
    static func integer(_ digits: [UInt8]) -> Int64? {
        var v: Int64 = 0
        for d in digits {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(d - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            v = a
        }
        return v
    }

    enum ScaledResult { case value(Int64), overflow, fractional }

    /// `digits × multiplier × 10^powerOfTen`, exactly, as a whole number.
    static func scaled(digits: [UInt8], multiplier: Int64, powerOfTen: Int) -> ScaledResult {
        guard let m = integer(digits) else { return .overflow }
        var (v, o) = m.multipliedReportingOverflow(by: multiplier)
        if o { return .overflow }
        if powerOfTen >= 0 {
            for _ in 0..<powerOfTen where v != 0 {
                (v, o) = v.multipliedReportingOverflow(by: 10)
                if o { return .overflow }
            }
            return .value(v)
        }
        for _ in 0..<(-powerOfTen) {
            if v == 0 { return .value(0) }
            if v % 10 != 0 { return .fractional }
            v /= 10
        }
        return .value(v)
    }
}
