/// `join [kind=K] [report=true] FRAME on COND`.
public struct JoinClause: Sendable, Hashable {
    /// The join kind (`inner` when not written).
    public var kind: JoinKind
    /// Where the kind was written, when it was.
    public var kindSpan: SourceSpan?
    /// `report=true`: the output is every left row plus the number of right rows it matched.
    public var report: Bool
    /// Where the report option was written, when it was.
    public var reportSpan: SourceSpan?
    /// The right-hand frame.
    public var frame: Identifier
    /// The join condition.
    public var condition: JoinCondition

    /// A join clause.
    public init(kind: JoinKind, kindSpan: SourceSpan?, report: Bool = false, reportSpan: SourceSpan? = nil,
                frame: Identifier, condition: JoinCondition) {
        self.kind = kind
        self.kindSpan = kindSpan
        self.report = report
        self.reportSpan = reportSpan
        self.frame = frame
        self.condition = condition
    }
}

/// The kinds of join.
public enum JoinKind: String, Sendable, Hashable, CaseIterable {
    case inner, left, semi, anti
}

/// `on a, b` (columns present on both sides) or `on left.x == right.y and ...`.
public enum JoinCondition: Sendable, Hashable {
    /// Column names present on both sides.
    case columns([Identifier])
    /// A condition using `left.` / `right.` qualified names.
    case expression(Expression)
}
