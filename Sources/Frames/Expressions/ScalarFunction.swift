/// Every scalar operator and function of the language.
///
/// Argument types are fixed by `FunctionCatalog` at bind time; the evaluator
/// picks one kernel per (function, argument types).
public enum ScalarFunction: String, Sendable, Hashable, CaseIterable {
    // Arithmetic.
    case add, subtract, multiply, divide, modulo, negate
    // Comparisons (same-typed operands after promotion).
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    // Three-valued logic.
    case and, or, not
    // Membership and ranges: `in(x, a, b, ...)`, `between(x, lo, hi)`.
    case `in`, notIn, between
    // String predicates; the `CI` forms ignore case (`contains~`).
    case contains, containsCI, startsWith, startsWithCI, endsWith, endsWithCI, matches, matchesCI
    // Null tests (never null themselves).
    case isNull, isNotNull
    // Time.
    case hour, minute, dayOfWeek, date, bin, datetime
    // Strings.
    case lower, upper, len, substr, concat, replace, splitPart
    // Numbers.
    case abs, round, floor, ceil, sqrt, log, log10
    // IP addresses.
    case ip, ipIn, isPrivate, ipVersion, ipPrefix
    // Conversion and logic.
    case toInt, toFloat, toString, `if`, coalesce
}
