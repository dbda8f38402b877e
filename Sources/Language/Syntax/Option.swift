/// `K=V` after `with` in `load` and `save`.
public struct Option: Sendable, Hashable {
    /// The option name.
    public var name: Identifier
    /// Its value.
    public var value: OptionValue
    /// The whole option.
    public var span: SourceSpan

    /// An option.
    public init(name: Identifier, value: OptionValue, span: SourceSpan) {
        self.name = name
        self.value = value
        self.span = span
    }
}
