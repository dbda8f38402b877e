/// `new = old` in a `rename` stage.
public struct RenameItem: Sendable, Hashable {
    /// The new column name.
    public var newName: Identifier
    /// The existing column name.
    public var oldName: Identifier
    /// The whole item.
    public var span: SourceSpan

    /// A rename item.
    public init(newName: Identifier, oldName: Identifier, span: SourceSpan) {
        self.newName = newName
        self.oldName = oldName
        self.span = span
    }
}
