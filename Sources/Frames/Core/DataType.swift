/// The logical type of a column or a value.
///
/// Every type maps onto one Arrow physical layout:
/// `int` → int64, `float` → float64, `bool` → bit-packed boolean,
/// `string` → large_utf8 (or dictionary<int32, large_utf8>),
/// `timestamp` → timestamp[us, UTC], `duration` → duration[us],
/// `ip` → fixed_size_binary(16) (IPv4 mapped into IPv6, network byte order).
public enum DataType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case int, float, bool, string, timestamp, duration, ip

    public var description: String { rawValue }

    /// Position in the cross-type sort order.
    public var rank: Int {
        switch self {
        case .bool: return 0
        case .int: return 1
        case .float: return 2
        case .duration: return 3
        case .timestamp: return 4
        case .ip: return 5
        case .string: return 6
        }
    }

    /// True for `int` and `float`.
    public var isNumeric: Bool { self == .int || self == .float }

    /// Parses a type name as written in `types="col:type"` options.
    public init?(name: String) {
        switch name.lowercased() {
        case "int", "integer", "long", "int64": self = .int
        case "float", "double", "real", "float64": self = .float
        case "bool", "boolean": self = .bool
        case "string", "str", "text": self = .string
        case "timestamp", "datetime", "time": self = .timestamp
        case "duration", "timespan": self = .duration
        case "ip", "ipaddr", "ipaddress": self = .ip
        default: return nil
        }
    }
}
