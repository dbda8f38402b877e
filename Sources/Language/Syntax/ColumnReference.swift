/// A column named in an expression: `bytes_up`, `` `Start Date` ``, `left.ip`, `right.public_ip`.
public struct ColumnReference: Sendable, Hashable {
    /// The qualifier before the dot (`left` or `right` in join conditions), if any.
    public var qualifier: Identifier?
    /// The column name.
    public var name: Identifier

    /// A column reference.
    public init(qualifier: Identifier? = nil, name: Identifier) {
        self.qualifier = qualifier
        self.name = name
    }

    /// The span from the qualifier (if any) to the end of the name.
    public var span: SourceSpan { qualifier.map { $0.span.merged(with: name.span) } ?? name.span }
}
