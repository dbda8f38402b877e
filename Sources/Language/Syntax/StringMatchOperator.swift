/// A string predicate: `contains`, `startswith`, `endswith`, `matches` (regular expression).
public enum StringMatchOperator: String, Sendable, Hashable, CaseIterable {
    case contains
    case startsWith = "startswith"
    case endsWith = "endswith"
    case matches
}
