/// One stage of a pipeline (`| where ...`), with its span (from the stage word to its end).
public struct Stage: Sendable, Hashable {
    /// What the stage does.
    public var kind: StageKind
    /// Where it was written, without the leading `|`.
    public var span: SourceSpan

    /// A stage.
    public init(_ kind: StageKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// The stages of LANGUAGE.md.
public enum StageKind: Sendable, Hashable {
    /// `where EXPR`.
    case `where`(Expression)
    /// `select ITEM, ...`.
    case select([ProjectionItem])
    /// `extend name = EXPR, ...`.
    case extend([Assignment])
    /// `exclude col, ...`.
    case exclude([Identifier])
    /// `rename new = old, ...`.
    case rename([RenameItem])
    /// `sort EXPR [asc|desc], ...` (also `sort by ...`).
    case sort([SortKey])
    /// `take N` / `limit N`; the count is an expression the binder checks.
    case take(Expression)
    /// `top N by EXPR [asc|desc]`.
    case top(count: Expression, by: SortKey)
    /// `distinct col, ...`.
    case distinct([Identifier])
    /// `count`.
    case count
    /// `summarize [name =] AGG, ... [by KEY, ...]`.
    case summarize(aggregates: [ProjectionItem], by: [ProjectionItem])
    /// `join [kind=K] FRAME on COND`.
    case join(JoinClause)
    /// `PLUGIN.ANALYZER [name=EXPR ...]`.
    case analyzer(AnalyzerCall)
    /// `chart KIND name=EXPR ...` (the last stage only).
    case chart(ChartClause)
}
