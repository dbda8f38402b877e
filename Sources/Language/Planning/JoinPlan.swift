import Frames

/// A bound `join`: the right frame, the hash-key expressions of both sides, an
/// optional interval on one left value, and the remaining terms as a filter over pairs.
public struct JoinPlan: Sendable {
    /// The right frame's name.
    public var rightFrame: String
    /// The join kind.
    public var kind: JoinKind
    /// `report=true`: output every left row plus `matches`.
    public var report: Bool
    /// The number of left columns (right columns follow them in `residual`).
    public var leftWidth: Int
    /// Key expressions over the left schema, one per equality term.
    public var leftKeys: [Expr]
    /// Key expressions over the right schema, aligned with `leftKeys`.
    public var rightKeys: [Expr]
    /// A range on one left value served by a per-key interval index, if any.
    public var interval: JoinIntervalPlan?
    /// The remaining terms, over the left columns followed by the right columns.
    public var residual: Expr?
    /// The output fields of the right columns (renamed on clashes), for inner and left joins.
    public var rightFields: [Field]

    public init(rightFrame: String, kind: JoinKind, report: Bool, leftWidth: Int, leftKeys: [Expr], rightKeys: [Expr],
                interval: JoinIntervalPlan?, residual: Expr?, rightFields: [Field]) {
        self.rightFrame = rightFrame
        self.kind = kind
        self.report = report
        self.leftWidth = leftWidth
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.interval = interval
        self.residual = residual
        self.rightFields = rightFields
    }
}

/// `probe` (left) within `lower ... upper` (right), each bound inclusive or strict;
/// all three are 64-bit integer typed (int, timestamp or duration).
public struct JoinIntervalPlan: Sendable, Hashable {
    /// The left value, over the left schema.
    public var probe: Expr
    /// The interval start, over the right schema.
    public var lower: Expr
    /// True for `>=` (and `between`), false for `>`.
    public var lowerInclusive: Bool
    /// The interval end, over the right schema.
    public var upper: Expr
    /// True for `<=` (and `between`), false for `<`.
    public var upperInclusive: Bool

    public init(probe: Expr, lower: Expr, lowerInclusive: Bool, upper: Expr, upperInclusive: Bool) {
        self.probe = probe
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }
}
