/// A name written in a script (frame, column, option, function), plain or in backquotes.
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    /// The name, without backquotes.
    public var name: String
    /// Where it was written (including backquotes).
    public var span: SourceSpan
    /// True when it was written in backquotes.
    public var isQuoted: Bool

    /// An identifier from its name and span.
    public init(_ name: String, span: SourceSpan, isQuoted: Bool = false) {
        self.name = name
        self.span = span
        self.isQuoted = isQuoted
    }

    public var description: String { name }
}
