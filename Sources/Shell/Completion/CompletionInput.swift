import Language

/// The text before the cursor, lexed: the partial word and the tokens of the
/// statement it belongs to.
struct CompletionInput {
    /// UTF-8 bytes from the start of the text to the cursor.
    let bytes: [UInt8]
    /// The word being completed.
    let partial: PartialWord
    /// Tokens of the current statement that end before the partial word.
    let statement: [Token]

    /// Lexes `bytes` (the text up to the cursor).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        let text = String(decoding: bytes, as: UTF8.self)
        var tokens = Lexer.tokenize(SourceFile(name: "", text: text))
        if let last = tokens.last, case .end = last.kind { tokens.removeLast() }
        let partial = CompletionInput.findPartial(bytes, tokens)
        self.partial = partial
        let cut = partial.dottedStart
        let before = tokens.filter { $0.span.end <= cut && $0.span.start < cut }
        if let separator = before.lastIndex(where: { $0.endsStatement }) {
            statement = Array(before[(separator + 1)...])
        } else {
            statement = before
        }
    }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }

    private static func findPartial(_ bytes: [UInt8], _ tokens: [Token]) -> PartialWord {
        let end = bytes.count
        if let last = tokens.last, case .invalid(let error) = last.kind {
            switch error {
            case .unterminatedIdentifier(let span) where span.end == end:
                let text = String(decoding: bytes[span.start..<end], as: UTF8.self)
                return PartialWord(kind: .backquoted, start: span.start, text: text, dottedStart: span.start, dottedText: text)
            case .unterminatedString(let span) where !bytes[span.start..<end].contains(UInt8(ascii: "\n")):
                let start = span.start + 1
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                return PartialWord(kind: .quoted, start: start, text: text, dottedStart: span.start, dottedText: text)
            default:
                break
            }
        }
        var start = end
        while start > 0, ByteClass.isWordByte(bytes[start - 1]) { start -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        if start < end, ByteClass.isDigit(bytes[start]) {
            return PartialWord(kind: .number, start: start, text: text, dottedStart: start, dottedText: text)
        }
        var dotted = start
        while dotted > 1, bytes[dotted - 1] == UInt8(ascii: ".") {
            var j = dotted - 1
            while j > 0, ByteClass.isWordByte(bytes[j - 1]) { j -= 1 }
            guard j < dotted - 1, !ByteClass.isDigit(bytes[j]) else { break }
            dotted = j
        }
        let dottedText = String(decoding: bytes[dotted..<end], as: UTF8.self)
        return PartialWord(kind: .plain, start: start, text: text, dottedStart: dotted, dottedText: dottedText)
    }
}
