/// A value read from the script together with where it was written
/// (paths, counts, help topics, setting keys).
public struct Located<Wrapped: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Wrapped
    /// Where it was written.
    public var span: SourceSpan

    /// A located value.
    public init(_ value: Wrapped, span: SourceSpan) {
        self.value = value
        self.span = span
    }
}
