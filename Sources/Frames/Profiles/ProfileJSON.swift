/// A JSON value of a profile file, with the line and column where it starts.
public struct ProfileJSON: Sendable {
    /// The kinds of JSON value; objects keep their keys in file order.
    public enum Kind: Sendable {
        case object([(key: String, keyAt: (line: Int, column: Int), value: ProfileJSON)])
        case array([ProfileJSON])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    /// 1-based line where the value starts.
    public var line: Int
    /// 1-based column (in characters) where the value starts.
    public var column: Int

    /// A short name of the value's kind for error messages.
    public var kindName: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}

/// A strict JSON parser (RFC 8259: no comments, no trailing commas, no
/// duplicate keys) that remembers where each value starts, so that profile
/// errors can name the line and column.
struct ProfileJSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var i = 0
    private var line = 1
    private var lineStart = 0

    /// Parses one JSON document that must fill `text` entirely.
    static func parse(_ text: String, file: String) throws(ProfileError) -> ProfileJSON {
        var p = ProfileJSONParser(bytes: Array(text.utf8), file: file)
        let v = try p.value(depth: 0)
        p.skipBlanks()
        if p.i != p.bytes.count { throw p.fail("text after the end of the profile") }
        return v
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private var column: Int {
        String(decoding: bytes[lineStart..<min(i, bytes.count)], as: UTF8.self).count + 1
    }

    private func fail(_ reason: String) -> ProfileError {
        ProfileError(file: file, line: line, column: column, reason: reason)
    }

    private mutating func skipBlanks() {
        while i < bytes.count {
            switch bytes[i] {
            case 10: i += 1; line += 1; lineStart = i
            case 32, 9, 13: i += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(ProfileError) -> ProfileJSON {
        guard depth < 32 else { throw fail("nested too deeply") }
        skipBlanks()
        guard i < bytes.count else { throw fail("unexpected end of the file") }
        let at = (line, column)
        let kind: ProfileJSON.Kind
        switch bytes[i] {
        case UInt8(ascii: "{"): kind = try object(depth: depth)
        case UInt8(ascii: "["): kind = try array(depth: depth)
        case UInt8(ascii: "\""): kind = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); kind = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); kind = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number(try number())
        default:
            let ch = String(decoding: bytes[i..<min(i + 1, bytes.count)], as: UTF8.self)
            throw fail("unexpected character '\(ch)'")
        }
        return ProfileJSON(kind: kind, line: at.0, column: at.1)
    }

    private mutating func literal(_ word: String) throws(ProfileError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw fail("expected \(word)") }
        i += w.count
    }

    private mutating func object(depth: Int) throws(ProfileError) -> ProfileJSON.Kind {
        i += 1
        var fields: [(key: String, keyAt: (line: Int, column: Int), value: ProfileJSON)] = []
        skipBlanks()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
        while true {
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let keyAt = (line, column)
            let key = try string()
            if fields.contains(where: { $0.key == key }) {
                throw ProfileError(file: file, line: keyAt.0, column: keyAt.1, reason: "key '\(key)' appears twice")
            }
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key '\(key)'") }
            i += 1
            fields.append((key, keyAt, try value(depth: depth + 1)))
            skipBlanks()
            guard i < bytes.count else { throw fail("unexpected end of the file: an object is not closed") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(ProfileError) -> ProfileJSON.Kind {
        i += 1
        var items: [ProfileJSON] = []
        skipBlanks()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipBlanks()
            guard i < bytes.count else { throw fail("unexpected end of the file: an array is not closed") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func string() throws(ProfileError) -> String {
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { throw fail("unfinished escape") }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "/"): out.append(47)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw fail("bad \\u escape") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += 4
                default: throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
                }
            case 10, 13: throw fail("a string is not closed on its line")
            default:
                out.append(c)
                i += 1
            }
        }
        throw fail("a string is not closed")
    }

    private mutating func number() throws(ProfileError) -> Double {
        let s = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < bytes.count, (48...57).contains(bytes[i]) || bytes[i] == 46 || bytes[i] == 101 || bytes[i] == 69 || bytes[i] == 43 || bytes[i] == 45 {
            i += 1
        }
        guard let d = Double(String(decoding: bytes[s..<i], as: UTF8.self)) else {
            i = s
            throw fail("bad number")
        }
        return d
    }
}
