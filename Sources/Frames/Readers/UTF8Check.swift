/// Finds the first byte that breaks UTF-8 validity.
enum UTF8Check {
    /// The offset of the first invalid byte in `p[0..<n]`, or nil when the bytes are valid UTF-8.
    ///
    /// - Complexity: O(n); ASCII runs are checked eight bytes at a time.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            let need: Int
            var minNext: UInt8 = 0x80, maxNext: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; minNext = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; maxNext = 0x9F
            case 0xF0: need = 3; minNext = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; maxNext = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let b1 = p[i + 1]
            guard b1 >= minNext, b1 <= maxNext else { return i + 1 }
            var k = 2
            while k <= need {
                guard p[i + k] & 0xC0 == 0x80 else { return i + k }
                k += 1
            }
            i += need + 1
        }
        return nil
    }

    /// The number of characters in valid-or-not UTF-8 bytes (lead bytes counted), for column numbers.
    static func characterCount(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var count = 0
        for k in 0..<n where p[k] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
