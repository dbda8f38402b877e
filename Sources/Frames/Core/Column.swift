/// The value buffer of a column, one case per physical layout.
public enum ColumnValues: Sendable {
    case int([Int64])
    case float([Double])
    case bool(Bitmap)
    /// Microseconds since the epoch, UTC.
    case timestamp([Int64])
    /// Microseconds.
    case duration([Int64])
    case ip([IPAddress])
    case string(StringStorage)
}

/// One column: a value buffer plus an optional validity bitmap (nil = no nulls).
///
/// Slots of null rows hold zero / the empty string / dictionary index 0.
/// Columns are values with copy-on-write buffers: passing them around is cheap.
public struct Column: Sendable {
    public var values: ColumnValues
    /// Bit set = value present. Nil when the column has no nulls.
    public var validity: Bitmap?

    public init(_ values: ColumnValues, validity: Bitmap? = nil) {
        self.values = values
        if let v = validity, v.allSet { self.validity = nil } else { self.validity = validity }
    }

    /// The logical type.
    public var type: DataType {
        switch values {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .ip: return .ip
        case .string: return .string
        }
    }

    /// The number of rows.
    public var count: Int {
        switch values {
        case .int(let a), .timestamp(let a), .duration(let a): return a.count
        case .float(let a): return a.count
        case .bool(let b): return b.count
        case .ip(let a): return a.count
        case .string(let s): return s.count
        }
    }

    /// The number of null rows.
    public var nullCount: Int { validity.map { $0.count - $0.setCount } ?? 0 }

    /// True when row `i` is not null.
    @inlinable
    public func isValid(_ i: Int) -> Bool { validity?[i] ?? true }

    /// Row `i` as a boxed value (for rendering and tests, not hot paths).
    public func value(at i: Int) -> Value {
        if let v = validity, !v[i] { return .null }
        switch values {
        case .int(let a): return .int(a[i])
        case .float(let a): return .float(a[i])
        case .bool(let b): return .bool(b[i])
        case .timestamp(let a): return .timestamp(a[i])
        case .duration(let a): return .duration(a[i])
        case .ip(let a): return .ip(a[i])
        case .string(let s): return .string(s[i])
        }
    }

    /// A column of `count` nulls of a type.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        let validity = Bitmap(count: count, value: false)
        switch type {
        case .int: return Column(.int(Array(repeating: 0, count: count)), validity: validity)
        case .float: return Column(.float(Array(repeating: 0, count: count)), validity: validity)
        case .bool: return Column(.bool(Bitmap(count: count, value: false)), validity: validity)
        case .timestamp: return Column(.timestamp(Array(repeating: 0, count: count)), validity: validity)
        case .duration: return Column(.duration(Array(repeating: 0, count: count)), validity: validity)
        case .ip: return Column(.ip(Array(repeating: IPAddress(high: 0, low: 0), count: count)), validity: validity)
        case .string:
            return Column(.string(.plain(PlainStrings(offsets: Array(repeating: 0, count: count + 1), bytes: []))), validity: validity)
        }
    }

    /// A column built from boxed values of one type (nulls allowed). For tests
    /// and small results; readers build buffers directly.
    public static func from(_ type: DataType, _ items: [Value]) -> Column {
        var b = ColumnBuilder(type)
        for v in items { b.append(v) }
        return b.finish()
    }
}

/// Appends boxed values to a column (small results, tests, rejects frames).
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools = Bitmap(count: 0, value: false)
    private var ips: [IPAddress] = []
    private var strings = PlainStrings()
    private var validity = Bitmap(count: 0, value: false)
    private var sawNull = false

    public init(_ type: DataType) { self.type = type }

    /// Appends a value; a value of another type is a programming error.
    public mutating func append(_ v: Value) {
        if case .null = v {
            sawNull = true
            validity.append(false)
            switch type {
            case .int, .timestamp, .duration: ints.append(0)
            case .float: floats.append(0)
            case .bool: bools.append(false)
            case .ip: ips.append(IPAddress(high: 0, low: 0))
            case .string: strings.appendEmpty()
            }
            return
        }
        validity.append(true)
        switch (type, v) {
        case (.int, .int(let x)), (.timestamp, .timestamp(let x)), (.duration, .duration(let x)): ints.append(x)
        case (.float, .float(let x)): floats.append(x)
        case (.float, .int(let x)): floats.append(Double(x))
        case (.bool, .bool(let x)): bools.append(x)
        case (.ip, .ip(let x)): ips.append(x)
        case (.string, .string(let x)): strings.append(x)
        case (.string, _): strings.append(v.description)
        default: preconditionFailure("ColumnBuilder(\(type)) got \(v)")
        }
    }

    /// The finished column.
    public func finish() -> Column {
        let valid: Bitmap? = sawNull ? validity : nil
        switch type {
        case .int: return Column(.int(ints), validity: valid)
        case .timestamp: return Column(.timestamp(ints), validity: valid)
        case .duration: return Column(.duration(ints), validity: valid)
        case .float: return Column(.float(floats), validity: valid)
        case .bool: return Column(.bool(bools), validity: valid)
        case .ip: return Column(.ip(ips), validity: valid)
        case .string: return Column(.string(.plain(strings)), validity: valid)
        }
    }
}
