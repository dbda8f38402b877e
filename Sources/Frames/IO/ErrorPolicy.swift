/// What a reader does with a line it cannot load.
public enum ErrorPolicy: String, Sendable {
    /// Stop at the first bad line, in file order.
    case fail
    /// Keep every other line and report the rejected ones.
    case skip
}
