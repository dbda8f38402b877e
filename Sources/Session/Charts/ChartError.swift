/// Why a bound chart cannot be drawn from the data it got.
public enum ChartError: Error, Sendable, Equatable {
    /// The timeline would have more buckets than are drawn or exported.
    case tooManyBuckets(count: Int64, step: String, limit: Int)

    /// The message.
    public var message: String {
        switch self {
        case .tooManyBuckets(let count, let step, let limit):
            return "a timeline with step=\(step) over this data has \(ValueFormatter.grouped(count)) buckets (at most \(ValueFormatter.grouped(Int64(limit))))"
        }
    }

    /// What the analyst can do.
    public var hint: String {
        switch self {
        case .tooManyBuckets: return "use a larger step (step=1d, step=1w) or narrow the time range with where"
        }
    }
}
