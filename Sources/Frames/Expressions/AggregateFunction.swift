/// Every aggregate function of `summarize`. Aggregates skip nulls.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    /// `count()`: rows in the group.
    case countRows
    /// `count(x)`: non-null values.
    case count
    /// `countif(pred)`: rows where the predicate is true.
    case countIf
    case sum, avg, min, max
    /// Exact number of distinct non-null values.
    case dcount
    /// Sample standard deviation (n - 1 in the denominator).
    case stdev
    /// The 50th percentile (same method as `percentile`).
    case median
    /// `percentile(x, p)`, p in 0...100: linear interpolation between closest
    /// ranks (rank = p/100 · (n − 1) over the sorted non-null values).
    case percentile
    /// First / last non-null value in row order.
    case first, last

    /// The name as written in scripts.
    public var name: String {
        switch self {
        case .countRows, .count: return "count"
        case .countIf: return "countif"
        default: return rawValue
        }
    }
}
