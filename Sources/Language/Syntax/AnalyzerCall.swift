/// `PLUGIN.ANALYZER [name=EXPR ...]`: a call of an analyzer from a loaded plugin.
public struct AnalyzerCall: Sendable, Hashable {
    /// The plugin name (`geo`).
    public var plugin: Identifier
    /// The analyzer name (`locate`).
    public var analyzer: Identifier
    /// The named arguments, in the order written.
    public var arguments: [NamedArgument]

    /// An analyzer call.
    public init(plugin: Identifier, analyzer: Identifier, arguments: [NamedArgument]) {
        self.plugin = plugin
        self.analyzer = analyzer
        self.arguments = arguments
    }
}

/// `name=EXPR` passed to an analyzer.
public struct NamedArgument: Sendable, Hashable {
    /// The parameter name.
    public var name: Identifier
    /// The argument.
    public var value: Expression
    /// The whole argument.
    public var span: SourceSpan

    /// A named argument.
    public init(name: Identifier, value: Expression, span: SourceSpan) {
        self.name = name
        self.value = value
        self.span = span
    }
}
