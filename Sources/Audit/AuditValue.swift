/// A JSON value as the audit log stores it. Objects keep their keys in the
/// order given, which is the order they are written in; numbers keep their text.
public indirect enum AuditValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as written (`12`, `3.250`).
    case number(String)
    case string(String)
    case array([AuditValue])
    case object([AuditField])

    /// A whole number.
    public static func int<I: BinaryInteger>(_ n: I) -> AuditValue { .number(String(n)) }

    /// A string, or null for nil.
    public static func string(_ s: String?) -> AuditValue { s.map { .string($0) } ?? .null }

    /// The member `key` of an object (nil when absent or not an object).
    public subscript(key: String) -> AuditValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value of a whole number.
    public var intValue: Int64? {
        if case .number(let t) = self { return Int64(t) }
        return nil
    }

    /// The value of any number.
    public var doubleValue: Double? {
        if case .number(let t) = self { return Double(t) }
        return nil
    }

    /// The elements of an array.
    public var arrayValue: [AuditValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool { self == .null }
}

/// One member of a JSON object.
public struct AuditField: Sendable, Equatable {
    public var key: String
    public var value: AuditValue

    public init(_ key: String, _ value: AuditValue) {
        self.key = key
        self.value = value
    }
}
