/// A forward-only XML tokenizer over the bytes of a workbook part (a sheet,
/// the shared strings): tags by local name (namespace prefixes dropped),
/// text as byte ranges still holding their entities, CDATA sections as raw
/// ranges; comments, processing instructions and a DOCTYPE are skipped.
/// Checks what a reader of the part relies on — tags closed with `>`,
/// quoted attributes, closing tags that match the open element, one root
/// element — and reports a problem with its byte offset.
///
/// - Complexity: O(n) over the part; no allocation per token.
struct XlsxXMLTokens {
    enum Token {
        /// An opening tag: its local name, the bytes of its attributes, and whether it closes itself (`<c/>`).
        case start(name: Range<Int>, attributes: Range<Int>, empty: Bool)
        /// A closing tag with its local name.
        case end(name: Range<Int>)
        /// Text between tags, entities not yet decoded.
        case text(Range<Int>)
        /// The inside of a `<![CDATA[…]]>` section, taken as it is.
        case cdata(Range<Int>)
        /// The end of the part.
        case done
    }

    /// A problem in the part at a byte offset.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private(set) var position = 0
    /// The offset of the last token's first byte (where a problem with it is reported).
    private(set) var tokenStart = 0
    /// Qualified names of the open elements, as offset and length.
    private var open: [(start: Int, count: Int)] = []
    private var sawRoot = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        open.reserveCapacity(16)
    }

    /// How many elements are open.
    var depth: Int { open.count }

    // swiftlint:disable:next cyclomatic_complexity
    mutating func next() throws(Failure) -> Token {
        let n = bytes.count
        while true {
            tokenStart = position
            guard position < n else {
                if let top = open.last {
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[top.start..<(top.start + top.count)]), as: UTF8.self)
                    throw Failure(offset: n, reason: "the part ends inside <\(name)> (cut short)")
                }
                if !sawRoot { throw Failure(offset: n, reason: "no XML document (empty, or not XML)") }
                return .done
            }
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                var i = position
                while i < n, bytes[i] != UInt8(ascii: "<") { i += 1 }
                position = i
                if open.isEmpty {
                    for j in start..<i where !Self.isSpace(bytes[j]) {
                        throw Failure(offset: j, reason: sawRoot ? "content after the end of the document" : "text before the first element (not XML?)")
                    }
                    continue
                }
                return .text(start..<i)
            }
            guard position + 1 < n else { throw Failure(offset: position, reason: "a tag that is not closed with > (cut short?)") }
            switch bytes[position + 1] {
            case UInt8(ascii: "?"):
                position = try skip(past: "?>", from: position + 2, what: "a processing instruction (<?…?>) that is not closed")
            case UInt8(ascii: "!"):
                if has("<!--", at: position) {
                    position = try skip(past: "-->", from: position + 4, what: "a comment that is not closed")
                } else if has("<![CDATA[", at: position) {
                    let start = position + 9
                    position = try skip(past: "]]>", from: start, what: "a CDATA section that is not closed")
                    if open.isEmpty { throw Failure(offset: tokenStart, reason: "a CDATA section outside the root element") }
                    return .cdata(start..<(position - 3))
                } else if has("<!DOCTYPE", at: position) {
                    var i = position + 9
                    var inSubset = false
                    while i < n, inSubset || bytes[i] != UInt8(ascii: ">") {
                        if bytes[i] == UInt8(ascii: "[") { inSubset = true } else if bytes[i] == UInt8(ascii: "]") { inSubset = false }
                        i += 1
                    }
                    guard i < n else { throw Failure(offset: tokenStart, reason: "a DOCTYPE that is not closed") }
                    position = i + 1
                } else {
                    throw Failure(offset: position, reason: "markup that is not a tag, comment or CDATA section")
                }
            case UInt8(ascii: "/"):
                return try closingTag()
            default:
                return try openingTag()
            }
        }
    }

    private mutating func closingTag() throws(Failure) -> Token {
        let n = bytes.count
        let nameStart = position + 2
        var i = nameStart
        while i < n, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "<") { i += 1 }
        let nameEnd = i
        while i < n, Self.isSpace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: ">") else {
            throw Failure(offset: i < n ? i : tokenStart, reason: "a tag that is not closed with >\(i < n ? "" : " (cut short?)")")
        }
        guard let top = open.last, top.count == nameEnd - nameStart,
              same(top.start, nameStart, top.count) else {
            throw Failure(offset: tokenStart, reason: open.isEmpty ? "a closing tag with no open element" : "a closing tag that does not match the open element")
        }
        open.removeLast()
        position = i + 1
        return .end(name: Self.local(nameStart..<nameEnd, bytes))
    }

    private mutating func openingTag() throws(Failure) -> Token {
        let n = bytes.count
        let nameStart = position + 1
        var i = nameStart
        while i < n, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "<") { i += 1 }
        let nameEnd = i
        if nameEnd == nameStart { throw Failure(offset: tokenStart, reason: "a tag without a name") }
        let attributesStart = i
        var empty = false
        while true {
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n else { throw Failure(offset: tokenStart, reason: "a tag that is not closed with > (cut short?)") }
            let b = bytes[i]
            if b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: "/") {
                guard i + 1 < n, bytes[i + 1] == UInt8(ascii: ">") else {
                    throw Failure(offset: i, reason: "a tag that is not closed with >")
                }
                empty = true
                break
            }
            // name = "value" or name = 'value'
            let attrName = i
            while i < n, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"),
                  bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "<") { i += 1 }
            if i == attrName { throw Failure(offset: i, reason: "a bad attribute (a character not allowed in a tag)") }
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "=") else { throw Failure(offset: min(i, n), reason: "a bad attribute (no = after its name)") }
            i += 1
            while i < n, Self.isSpace(bytes[i]) { i += 1 }
            guard i < n, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw Failure(offset: min(i, n), reason: "a bad attribute (its value is not quoted)")
            }
            let quote = bytes[i]
            i += 1
            while i < n, bytes[i] != quote {
                if bytes[i] == UInt8(ascii: "<") { throw Failure(offset: i, reason: "a bad attribute (< inside its value)") }
                i += 1
            }
            guard i < n else { throw Failure(offset: tokenStart, reason: "a tag that is not closed with > (cut short?)") }
            i += 1
        }
        if open.isEmpty && sawRoot { throw Failure(offset: tokenStart, reason: "content after the end of the document") }
        sawRoot = true
        let attributesEnd = i
        position = i + (empty ? 2 : 1)
        if !empty { open.append((nameStart, nameEnd - nameStart)) }
        return .start(name: Self.local(nameStart..<nameEnd, bytes), attributes: attributesStart..<attributesEnd, empty: empty)
    }

    /// The offset just past the next `marker` at or after `from`.
    private func skip(past marker: StaticString, from: Int, what: String) throws(Failure) -> Int {
        let m = marker.utf8Start
        let count = marker.utf8CodeUnitCount
        var i = from
        while i + count <= bytes.count {
            if bytes[i] == m[0], same(i, m, count) { return i + count }
            i += 1
        }
        throw Failure(offset: tokenStart, reason: what + " (cut short?)")
    }

    private func has(_ s: StaticString, at i: Int) -> Bool {
        let count = s.utf8CodeUnitCount
        return i + count <= bytes.count && same(i, s.utf8Start, count)
    }

    @inline(__always)
    private func same(_ i: Int, _ j: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if bytes[i + k] != bytes[j + k] { return false }
            k += 1
        }
        return true
    }

    @inline(__always)
    private func same(_ i: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if bytes[i + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Calls `visit(localName, value)` for each attribute of a tag (value without its quotes, entities not decoded).
    @inline(__always)
    func forEachAttribute(_ range: Range<Int>, _ visit: (Range<Int>, Range<Int>) -> Void) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { return }
            let nameStart = i
            while i < end, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "=") { i += 1 }
            let nameEnd = i
            while i < end, bytes[i] != UInt8(ascii: "\"") && bytes[i] != UInt8(ascii: "'") { i += 1 }
            guard i < end else { return }
            let quote = bytes[i]
            let valueStart = i + 1
            i = valueStart
            while i < end, bytes[i] != quote { i += 1 }
            visit(Self.local(nameStart..<nameEnd, bytes), valueStart..<i)
            i += 1
        }
    }

    /// Whether the bytes of `range` are `s`.
    @inline(__always)
    func equals(_ range: Range<Int>, _ s: StaticString) -> Bool {
        range.count == s.utf8CodeUnitCount && same(range.lowerBound, s.utf8Start, range.count)
    }

    /// The text of a range (for messages).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Appends the text of `range` with its entity and character references
    /// decoded (`&amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;`).
    func decode(_ range: Range<Int>, into out: inout [UInt8]) throws(Failure) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            var j = i
            while j < end, bytes[j] != UInt8(ascii: "&") { j += 1 }
            if j > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j])) }
            guard j < end else { return }
            var semi = j + 1
            while semi < end, semi - j <= 12, bytes[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < end, bytes[semi] == UInt8(ascii: ";") else { throw Failure(offset: j, reason: "a bad entity reference (&…; not closed)") }
            let name = (j + 1)..<semi
            if equals(name, "amp") { out.append(UInt8(ascii: "&")) }
            else if equals(name, "lt") { out.append(UInt8(ascii: "<")) }
            else if equals(name, "gt") { out.append(UInt8(ascii: ">")) }
            else if equals(name, "quot") { out.append(UInt8(ascii: "\"")) }
            else if equals(name, "apos") { out.append(UInt8(ascii: "'")) }
            else if name.count >= 2, bytes[name.lowerBound] == UInt8(ascii: "#") {
                var code: UInt32 = 0
                var k = name.lowerBound + 1
                let hex = bytes[k] == UInt8(ascii: "x")
                if hex { k += 1 }
                var digits = 0
                while k < name.upperBound {
                    guard let d = Self.digit(bytes[k], hex: hex), code < 0x11_0000 else {
                        throw Failure(offset: j, reason: "a bad character reference (&#…;)")
                    }
                    code = code * (hex ? 16 : 10) + d
                    digits += 1
                    k += 1
                }
                guard digits > 0, code != 0, let scalar = Unicode.Scalar(code) else {
                    throw Failure(offset: j, reason: "a bad character reference (&#…;)")
                }
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                throw Failure(offset: j, reason: "a bad entity reference (&\(string(name));)")
            }
            i = semi + 1
        }
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }

    /// The part of a qualified name after its prefix (`x:c` → `c`).
    @inline(__always)
    static func local(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var i = range.upperBound
        while i > range.lowerBound {
            if bytes[i - 1] == UInt8(ascii: ":") { return i..<range.upperBound }
            i -= 1
        }
        return range
    }

    /// `line L column C` of a byte offset (lines counted from 1 at each LF, columns in characters from 1).
    static func place(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var line = 1
        var column = 1
        for i in 0..<min(offset, bytes.count) {
            let b = bytes[i]
            if b == 10 {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line) column \(column)"
    }
}
