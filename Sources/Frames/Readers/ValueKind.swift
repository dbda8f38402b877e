/// The type a reader is building a column as; `unknown` until the first
/// non-null value, and a timestamp carries its date layout.
enum ValueKind: Equatable, Sendable {
    case unknown, int, float, bool, timestamp(TimestampLayout), duration, ip, string

    /// The data type of a finished column (an all-null column is a string column).
    var dataType: DataType {
        switch self {
        case .unknown, .string: return .string
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .ip: return .ip
        }
    }

    /// The kind a declared type starts as (timestamps accept every layout).
    init(declared t: DataType) {
        switch t {
        case .int: self = .int
        case .float: self = .float
        case .bool: self = .bool
        case .string: self = .string
        case .timestamp: self = .timestamp(.iso)
        case .duration: self = .duration
        case .ip: self = .ip
        }
    }

    /// The kind two chunks agree on, or nil when the column must become a string column.
    static func merge(_ a: ValueKind, _ b: ValueKind) -> ValueKind? {
        switch (a, b) {
        case (.unknown, _): return b
        case (_, .unknown): return a
        case (.int, .float), (.float, .int): return .float
        default: return a == b ? a : nil
        }
    }
}
