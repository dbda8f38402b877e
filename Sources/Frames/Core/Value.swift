/// One scalar value: a literal in an expression, a cell when rendering, a
/// group key in non-hot code. Hot paths work on column buffers instead.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    /// Microseconds.
    case duration(Int64)
    case ip(IPAddress)

    /// The value's type, nil for null.
    public var type: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .string: return .string
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .ip: return .ip
        }
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A plain rendering (timestamps in UTC, ISO 8601); see `ValueFormatter` for display.
    public var description: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .string(let v): return v
        case .timestamp(let v): return TimeFormat.iso8601(micros: v, zone: .utc)
        case .duration(let v): return TimeFormat.duration(micros: v)
        case .ip(let v): return v.description
        }
    }
}

/// Total order used by `sort`, `min`, `max` on boxed values: nulls last,
/// then by type, then by value.
public func compareValues(_ a: Value, _ b: Value) -> Int {
    switch (a, b) {
    case (.null, .null): return 0
    case (.null, _): return 1
    case (_, .null): return -1
    case let (.int(x), .int(y)), let (.timestamp(x), .timestamp(y)), let (.duration(x), .duration(y)):
        return x < y ? -1 : (x > y ? 1 : 0)
    case let (.float(x), .float(y)): return x < y ? -1 : (x > y ? 1 : 0)
    case let (.int(x), .float(y)): let fx = Double(x); return fx < y ? -1 : (fx > y ? 1 : 0)
    case let (.float(x), .int(y)): let fy = Double(y); return x < fy ? -1 : (x > fy ? 1 : 0)
    case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
    case let (.string(x), .string(y)): return x < y ? -1 : (x > y ? 1 : 0)
    case let (.ip(x), .ip(y)): return x < y ? -1 : (x > y ? 1 : 0)
    default:
        let ra = a.type?.rank ?? 99, rb = b.type?.rank ?? 99
        return ra < rb ? -1 : (ra > rb ? 1 : 0)
    }
}
