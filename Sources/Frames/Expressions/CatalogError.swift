/// Why a function or operator does not accept its arguments.
public enum CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No function or operator of this name.
    case unknownFunction(name: String)
    /// The call has `got` arguments; `expected` says how many are allowed (`"1 or 2"`).
    case wrongArgumentCount(name: String, expected: String, got: Int)
    /// The argument types do not fit; the message names them (`cannot compare string with int`).
    case typeMismatch(message: String)

    public var description: String {
        switch self {
        case .unknownFunction(let n): return "unknown function '\(n)'"
        case .wrongArgumentCount(let n, let e, let g):
            return "\(n) takes \(e) argument\(e == "1" ? "" : "s"), got \(g)"
        case .typeMismatch(let m): return m
        }
    }
}
