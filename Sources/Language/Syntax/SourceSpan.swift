/// A range of UTF-8 byte offsets `start..<end` into a `SourceFile`'s text.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// A span from `start` to `end` (clamped so that `end >= start`).
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// A span from a half-open range of byte offsets.
    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    /// An empty span at one offset (for "expected ..." at the end of input).
    public static func at(_ offset: Int) -> SourceSpan { SourceSpan(start: offset, end: offset) }

    /// The byte offsets as a range.
    public var range: Range<Int> { start..<end }

    /// Number of bytes covered.
    public var length: Int { end - start }

    /// The smallest span covering both spans.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)..<\(end)" }
}
