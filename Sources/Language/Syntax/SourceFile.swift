/// A script or a command as typed: its display name, text, and line index.
public struct SourceFile: Sendable {
    /// The name shown in messages, e.g. `tour.ipdr` or `<command>`.
    public let name: String
    /// The full text.
    public let text: String
    /// The text's UTF-8 bytes (all spans index into these).
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// A source file from its name and text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let b = Array(text.utf8)
        self.bytes = b
        var starts = [0]
        b.withUnsafeBufferPointer { p in
            for i in 0..<p.count where p[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
        }
        self.lineStarts = starts
    }

    /// The number of lines (a trailing newline does not open an extra line of text).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line holding a byte offset (offsets past the end belong to the last line).
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if lineStarts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(1, lo)
    }

    /// The 1-based line and column (in characters of that line) of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(0, offset), bytes.count)
        let line = line(of: clamped)
        let start = lineStarts[line - 1]
        let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
        return SourceLocation(line: line, column: prefix.count + 1)
    }

    /// Byte range of a 1-based line, without its line break (`\n` or `\r\n`).
    public func lineRange(_ line: Int) -> Range<Int>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The text of a 1-based line without its line break; empty for a line that does not exist.
    public func lineText(_ line: Int) -> String {
        guard let r = lineRange(line) else { return "" }
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// The source text covered by a span.
    public func text(of span: SourceSpan) -> String {
        let s = min(max(0, span.start), bytes.count)
        let e = min(max(s, span.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}
