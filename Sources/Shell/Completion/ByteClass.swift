/// Byte classes of the language's words (the lexer's rules, for scanning back from the cursor).
enum ByteClass {
    static func isLetter(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isWordByte(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }

    static func isBlank(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
    }

    /// True when `name` can be written without backquotes: `[A-Za-z_][A-Za-z0-9_]*`.
    static func isPlainIdentifier(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard let first = u.first, isLetter(first) else { return false }
        return u.allSatisfy(isWordByte)
    }
}
