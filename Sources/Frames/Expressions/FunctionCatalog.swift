/// Resolves functions and operators by name and argument types, and
/// describes them for `help`.
///
/// Promotion rule: where an `int` meets a `float` the `int` is converted to
/// `float`. `concat` converts any argument to `string`. Nothing else is
/// converted implicitly (string literals compared with timestamps or ips are
/// turned into constants by the binder before resolution).
public enum FunctionCatalog {
    /// Names of the named functions (not operators), for "did you mean".
    public static var functionNames: [String] {
        help.filter { !$0.isOperator }.map(\.name)
    }

    /// Help for every function and operator, operators first.
    public static let help: [FunctionHelp] = FunctionCatalogHelp.entries

    /// Help for one function or operator by name.
    public static func help(for name: String) -> FunctionHelp? {
        help.first { $0.name == name }
    }

    /// Resolves `name` applied to arguments of `types`.
    ///
    /// Operator names: `+ - * / %`, `neg` (unary minus), `== != < <= > >=`,
    /// `and or not`, `in`, `not in`, `between`, `contains startswith endswith
    /// matches` (with `~` for case-insensitive), `is null`, `is not null`.
    public static func resolve(_ name: String, _ types: [DataType]) -> Result<FunctionResolution, CatalogError> {
        do {
            return .success(try resolveOrThrow(name, types))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Resolution

    private static func ok(_ f: ScalarFunction, _ r: DataType, _ args: [DataType]) -> FunctionResolution {
        FunctionResolution(function: f, resultType: r, argumentTypes: args)
    }

    /// The common type of two types: equal, or int/float → float.
    public static func unify(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a.isNumeric && b.isNumeric { return .float }
        return nil
    }

    private static func count(_ name: String, _ types: [DataType], _ allowed: ClosedRange<Int>) throws(CatalogError) {
        guard allowed.contains(types.count) else {
            let e = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)"
                : allowed.upperBound == Int.max ? "at least \(allowed.lowerBound)"
                : allowed.upperBound == allowed.lowerBound + 1 ? "\(allowed.lowerBound) or \(allowed.upperBound)"
                : "\(allowed.lowerBound) to \(allowed.upperBound)"
            throw .wrongArgumentCount(name: name, expected: e, got: types.count)
        }
    }

    private static func expect(_ name: String, _ position: Int, _ got: DataType, _ wanted: DataType...) throws(CatalogError) -> DataType {
        if wanted.contains(got) { return got }
        if got == .int && wanted.contains(.float) { return .float }
        let w = wanted.map(\.rawValue).joined(separator: " or ")
        throw .typeMismatch(message: "\(name)() argument \(position + 1) must be \(w), not \(got)")
    }

    private static func resolveOrThrow(_ name: String, _ t: [DataType]) throws(CatalogError) -> FunctionResolution {
        switch name {
        case "+", "-", "*", "/", "%":
            try count(name, t, 2...2)
            return try arithmetic(name, t[0], t[1])
        case "neg":
            try count(name, t, 1...1)
            guard [.int, .float, .duration].contains(t[0]) else {
                throw .typeMismatch(message: "cannot negate \(t[0])")
            }
            return ok(.negate, t[0], t)
        case "==", "!=", "<", "<=", ">", ">=":
            try count(name, t, 2...2)
            guard let u = unify(t[0], t[1]) else {
                throw .typeMismatch(message: "cannot compare \(t[0]) with \(t[1])")
            }
            let f: ScalarFunction = ["==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual,
                                     ">": .greater, ">=": .greaterOrEqual][name] ?? .equal
            return ok(f, .bool, [u, u])
        case "and", "or":
            try count(name, t, 2...2)
            for (i, x) in t.enumerated() where x != .bool {
                throw .typeMismatch(message: "'\(name)' needs bool operands, operand \(i + 1) is \(x)")
            }
            return ok(name == "and" ? .and : .or, .bool, t)
        case "not":
            try count(name, t, 1...1)
            guard t[0] == .bool else { throw .typeMismatch(message: "'not' needs a bool operand, not \(t[0])") }
            return ok(.not, .bool, t)
        case "in", "not in":
            try count(name, t, 2...Int.max)
            var u = t[0]
            for x in t.dropFirst() {
                guard let v = unify(u, x) else { throw .typeMismatch(message: "cannot compare \(t[0]) with \(x)") }
                u = v
            }
            return ok(name == "in" ? .in : .notIn, .bool, Array(repeating: u, count: t.count))
        case "between":
            try count(name, t, 3...3)
            guard let a = unify(t[0], t[1]) else { throw .typeMismatch(message: "cannot compare \(t[0]) with \(t[1])") }
            guard let u = unify(a, t[2]) else { throw .typeMismatch(message: "cannot compare \(t[0]) with \(t[2])") }
            return ok(.between, .bool, [u, u, u])
        case "contains", "contains~", "startswith", "startswith~", "endswith", "endswith~", "matches", "matches~":
            try count(name, t, 2...2)
            guard t[0] == .string, t[1] == .string else {
                let bad = t[0] == .string ? t[1] : t[0]
                throw .typeMismatch(message: "'\(name)' needs string operands, not \(bad)")
            }
            let f: ScalarFunction = ["contains": .contains, "contains~": .containsCI, "startswith": .startsWith,
                                     "startswith~": .startsWithCI, "endswith": .endsWith, "endswith~": .endsWithCI,
                                     "matches": .matches, "matches~": .matchesCI][name] ?? .contains
            return ok(f, .bool, t)
        case "is null", "isnull":
            try count(name, t, 1...1)
            return ok(.isNull, .bool, t)
        case "is not null":
            try count(name, t, 1...1)
            return ok(.isNotNull, .bool, t)
        case "hour", "minute", "dayofweek", "date":
            try count(name, t, 1...2)
            _ = try expect(name, 0, t[0], .timestamp)
            if t.count == 2 { _ = try expect(name, 1, t[1], .string) }
            let f: ScalarFunction = ["hour": .hour, "minute": .minute, "dayofweek": .dayOfWeek, "date": .date][name] ?? .hour
            return ok(f, name == "date" ? .string : .int, t)
        case "bin":
            try count(name, t, 2...2)
            switch (t[0], t[1]) {
            case (.timestamp, .duration): return ok(.bin, .timestamp, t)
            case (.duration, .duration): return ok(.bin, .duration, t)
            case (.int, .int): return ok(.bin, .int, t)
            case (.float, .int), (.float, .float), (.int, .float): return ok(.bin, .float, [.float, .float])
            default: throw .typeMismatch(message: "bin() cannot round \(t[0]) to a multiple of \(t[1])")
            }
        case "datetime":
            try count(name, t, 1...2)
            _ = try expect(name, 0, t[0], .string)
            if t.count == 2 { _ = try expect(name, 1, t[1], .string) }
            return ok(.datetime, .timestamp, t)
        case "lower", "upper":
            try count(name, t, 1...1)
            _ = try expect(name, 0, t[0], .string)
            return ok(name == "lower" ? .lower : .upper, .string, t)
        case "len":
            try count(name, t, 1...1)
            _ = try expect(name, 0, t[0], .string)
            return ok(.len, .int, t)
        case "substr":
            try count(name, t, 2...3)
            _ = try expect(name, 0, t[0], .string)
            for i in 1..<t.count { _ = try expect(name, i, t[i], .int) }
            return ok(.substr, .string, t)
        case "concat":
            try count(name, t, 1...Int.max)
            return ok(.concat, .string, Array(repeating: .string, count: t.count))
        case "replace":
            try count(name, t, 3...3)
            for i in 0..<3 { _ = try expect(name, i, t[i], .string) }
            return ok(.replace, .string, t)
        case "split_part":
            try count(name, t, 3...3)
            _ = try expect(name, 0, t[0], .string)
            _ = try expect(name, 1, t[1], .string)
            _ = try expect(name, 2, t[2], .int)
            return ok(.splitPart, .string, t)
        case "abs":
            try count(name, t, 1...1)
            let x = try expect(name, 0, t[0], .int, .float, .duration)
            return ok(.abs, x, t)
        case "round":
            try count(name, t, 1...2)
            let x = try expect(name, 0, t[0], .int, .float)
            if t.count == 2 { _ = try expect(name, 1, t[1], .int) }
            return ok(.round, x, t)
        case "floor", "ceil":
            try count(name, t, 1...1)
            let x = try expect(name, 0, t[0], .int, .float)
            return ok(name == "floor" ? .floor : .ceil, x, t)
        case "sqrt", "log", "log10":
            try count(name, t, 1...1)
            _ = try expect(name, 0, t[0], .float)
            let f: ScalarFunction = name == "sqrt" ? .sqrt : name == "log" ? .log : .log10
            return ok(f, .float, [.float])
        case "ip":
            try count(name, t, 1...1)
            let x = try expect(name, 0, t[0], .string, .ip)
            return ok(.ip, .ip, [x])
        case "ip_in":
            try count(name, t, 2...2)
            _ = try expect(name, 0, t[0], .ip)
            _ = try expect(name, 1, t[1], .string)
            return ok(.ipIn, .bool, t)
        case "is_private", "ip_version":
            try count(name, t, 1...1)
            _ = try expect(name, 0, t[0], .ip)
            return name == "is_private" ? ok(.isPrivate, .bool, t) : ok(.ipVersion, .int, t)
        case "ip_prefix":
            try count(name, t, 2...2)
            _ = try expect(name, 0, t[0], .ip)
            _ = try expect(name, 1, t[1], .int)
            return ok(.ipPrefix, .ip, t)
        case "int":
            try count(name, t, 1...1)
            return ok(.toInt, .int, t)
        case "float":
            try count(name, t, 1...1)
            guard t[0] != .ip else { throw .typeMismatch(message: "float() cannot convert ip") }
            return ok(.toFloat, .float, t)
        case "str":
            try count(name, t, 1...1)
            return ok(.toString, .string, t)
        case "if":
            try count(name, t, 3...3)
            _ = try expect(name, 0, t[0], .bool)
            guard let u = unify(t[1], t[2]) else {
                throw .typeMismatch(message: "if() branches differ: \(t[1]) and \(t[2])")
            }
            return ok(.if, u, [.bool, u, u])
        case "coalesce":
            try count(name, t, 1...Int.max)
            var u = t[0]
            for x in t.dropFirst() {
                guard let v = unify(u, x) else { throw .typeMismatch(message: "coalesce() arguments differ: \(u) and \(x)") }
                u = v
            }
            return ok(.coalesce, u, Array(repeating: u, count: t.count))
        default:
            throw .unknownFunction(name: name)
        }
    }

    private static func arithmetic(_ op: String, _ a: DataType, _ b: DataType) throws(CatalogError) -> FunctionResolution {
        let f: ScalarFunction = ["+": .add, "-": .subtract, "*": .multiply, "/": .divide, "%": .modulo][op] ?? .add
        if a.isNumeric && b.isNumeric {
            let u: DataType = (a == .int && b == .int) ? .int : .float
            return ok(f, u, [u, u])
        }
        switch (op, a, b) {
        case ("+", .timestamp, .duration), ("-", .timestamp, .duration): return ok(f, .timestamp, [a, b])
        case ("+", .duration, .timestamp): return ok(f, .timestamp, [a, b])
        case ("-", .timestamp, .timestamp): return ok(f, .duration, [a, b])
        case ("+", .duration, .duration), ("-", .duration, .duration), ("%", .duration, .duration):
            return ok(f, .duration, [a, b])
        case ("/", .duration, .duration): return ok(f, .float, [a, b])
        case ("*", .duration, .int), ("/", .duration, .int): return ok(f, .duration, [a, b])
        case ("*", .int, .duration): return ok(f, .duration, [a, b])
        case ("*", .duration, .float), ("/", .duration, .float): return ok(f, .duration, [a, b])
        case ("*", .float, .duration): return ok(f, .duration, [a, b])
        default:
            throw .typeMismatch(message: "cannot apply '\(op)' to \(a) and \(b)")
        }
    }
}
