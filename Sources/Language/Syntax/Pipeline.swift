/// `SOURCE | STAGE | ...`: a frame name followed by stages.
public struct Pipeline: Sendable, Hashable {
    /// The source frame.
    public var source: Identifier
    /// The stages, in order.
    public var stages: [Stage]
    /// The whole pipeline.
    public var span: SourceSpan

    /// A pipeline.
    public init(source: Identifier, stages: [Stage], span: SourceSpan) {
        self.source = source
        self.stages = stages
        self.span = span
    }
}
