/// Operator and punctuation tokens.
public enum Symbol: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case less = "<"
    case greaterOrEqual = ">="
    case greater = ">"
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
    case dot = "."
    case assign = "="
    case pipe = "|"
    case tilde = "~"
    /// Ends a statement that runs as a background job (`save x to out.csv &`).
    case ampersand = "&"
}
