/// Resolves aggregate functions by name and argument types, and describes them for `help`.
public enum AggregateCatalog {
    /// The names of every aggregate, for "did you mean" and to tell aggregates from scalar functions.
    public static let names: [String] = ["count", "countif", "sum", "avg", "min", "max", "dcount", "stdev",
                                         "median", "percentile", "first", "last"]

    /// True when `name` is an aggregate.
    public static func isAggregate(_ name: String) -> Bool { names.contains(name) }

    /// The outcome of resolving an aggregate.
    public struct Resolution: Sendable, Hashable {
        public let function: AggregateFunction
        public let resultType: DataType
        /// The type the aggregated argument must be converted to (nil for `count()`).
        public let argumentType: DataType?
    }

    /// Resolves `name` over arguments of `types`. For `percentile` the second
    /// type is the type of p (int or float; the binder checks it is constant).
    public static func resolve(_ name: String, _ types: [DataType]) -> Result<Resolution, CatalogError> {
        func r(_ f: AggregateFunction, _ t: DataType, _ a: DataType?) -> Result<Resolution, CatalogError> {
            .success(Resolution(function: f, resultType: t, argumentType: a))
        }
        func bad(_ t: DataType) -> Result<Resolution, CatalogError> {
            .failure(.typeMismatch(message: "\(name)() cannot aggregate \(t)"))
        }
        func arity(_ n: Int) -> CatalogError? {
            types.count == n ? nil : .wrongArgumentCount(name: name, expected: "\(n)", got: types.count)
        }
        switch name {
        case "count":
            if types.isEmpty { return r(.countRows, .int, nil) }
            if arity(1) != nil { return .failure(.wrongArgumentCount(name: name, expected: "0 or 1", got: types.count)) }
            return r(.count, .int, types[0])
        case "countif":
            if let e = arity(1) { return .failure(e) }
            guard types[0] == .bool else { return .failure(.typeMismatch(message: "countif() needs a bool predicate, not \(types[0])")) }
            return r(.countIf, .int, .bool)
        case "sum":
            if let e = arity(1) { return .failure(e) }
            switch types[0] {
            case .int, .float, .duration: return r(.sum, types[0], types[0])
            default: return bad(types[0])
            }
        case "avg":
            if let e = arity(1) { return .failure(e) }
            switch types[0] {
            case .int, .float: return r(.avg, .float, .float)
            case .duration: return r(.avg, .duration, .duration)
            default: return bad(types[0])
            }
        case "stdev":
            if let e = arity(1) { return .failure(e) }
            guard types[0].isNumeric else { return bad(types[0]) }
            return r(.stdev, .float, .float)
        case "min", "max", "first", "last":
            if let e = arity(1) { return .failure(e) }
            let f: AggregateFunction = name == "min" ? .min : name == "max" ? .max : name == "first" ? .first : .last
            return r(f, types[0], types[0])
        case "dcount":
            if let e = arity(1) { return .failure(e) }
            return r(.dcount, .int, types[0])
        case "median", "percentile":
            if let e = arity(name == "median" ? 1 : 2) { return .failure(e) }
            if name == "percentile", !types[1].isNumeric {
                return .failure(.typeMismatch(message: "percentile() needs a number p in 0...100, not \(types[1])"))
            }
            let f: AggregateFunction = name == "median" ? .median : .percentile
            switch types[0] {
            case .int, .float: return r(f, .float, .float)
            case .duration, .timestamp: return r(f, types[0], types[0])
            default: return bad(types[0])
            }
        default:
            return .failure(.unknownFunction(name: name))
        }
    }

    /// Help for every aggregate.
    public static let help: [FunctionHelp] = [
        FunctionHelp(name: "count", signature: "count() / count(x)", summary: "Rows in the group, or non-null values of x.", example: "summarize count() by msisdn"),
        FunctionHelp(name: "countif", signature: "countif(pred)", summary: "Rows where the predicate is true.", example: "summarize countif(dst_port == 443) by msisdn"),
        FunctionHelp(name: "sum", signature: "sum(x)", summary: "Sum of a number or duration column.", example: "summarize sum(bytes_up) by msisdn"),
        FunctionHelp(name: "avg", signature: "avg(x)", summary: "Mean of the non-null values.", example: "summarize avg(bytes_down) by apn"),
        FunctionHelp(name: "min", signature: "min(x)", summary: "Smallest value (any ordered type).", example: "summarize min(start_time) by imei"),
        FunctionHelp(name: "max", signature: "max(x)", summary: "Largest value (any ordered type).", example: "summarize max(end_time) by imei"),
        FunctionHelp(name: "dcount", signature: "dcount(x)", summary: "Exact number of distinct non-null values.", example: "summarize dcount(imei) by msisdn"),
        FunctionHelp(name: "stdev", signature: "stdev(x)", summary: "Sample standard deviation (null for fewer than 2 values).", example: "summarize stdev(bytes_up) by cell_id"),
        FunctionHelp(name: "median", signature: "median(x)", summary: "The 50th percentile.", example: "summarize median(bytes_up) by apn"),
        FunctionHelp(name: "percentile", signature: "percentile(x, p)", summary: "p-th percentile, p in 0...100, linear interpolation between closest ranks.", example: "summarize percentile(bytes_down, 95) by apn"),
        FunctionHelp(name: "first", signature: "first(x)", summary: "First non-null value in row order.", example: "summarize first(cell_id) by msisdn"),
        FunctionHelp(name: "last", signature: "last(x)", summary: "Last non-null value in row order.", example: "summarize last(cell_id) by msisdn"),
    ]
}
