/// A failure while evaluating expressions or running a plan. User mistakes
/// that can only be seen with the data (a bad regex in a column, an unknown
/// zone name in a column) land here; nothing traps.
public enum EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cancellation hook asked to stop.
    case cancelled
    /// A regular expression did not compile.
    case badRegex(pattern: String, reason: String)
    /// A zone name is not a known zone.
    case badZone(name: String)
    /// A CIDR block did not parse.
    case badCIDR(text: String)
    /// An expression's types do not fit any kernel (a binder bug, reported rather than trapped).
    case typeError(message: String)
    /// A referenced frame is missing at run time.
    case unknownFrame(name: String)

    public var description: String {
        switch self {
        case .cancelled: return "cancelled"
        case .badRegex(let p, let r): return "invalid regular expression \"\(p)\": \(r)"
        case .badZone(let n): return "unknown time zone \"\(n)\" (use \"UTC\", \"+05:30\" or an IANA name like \"Asia/Kolkata\")"
        case .badCIDR(let t): return "invalid CIDR block \"\(t)\" (expected e.g. \"10.0.0.0/8\" or \"2001:db8::/32\")"
        case .typeError(let m): return "internal type error: \(m)"
        case .unknownFrame(let n): return "unknown frame '\(n)'"
        }
    }
}
