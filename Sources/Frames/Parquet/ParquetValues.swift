/// Non-null values of a Parquet page or dictionary, already converted to
/// ipdr's representation (microseconds, doubles, interned strings).
enum ParquetValues {
    case ints([Int64])
    case doubles([Double])
    case bools([Bool])
    case ips([IPAddress])
    /// Indices into the column's string dictionary.
    case strings([Int32])
    /// Values of a column of nulls (none are ever present).
    case none

    var count: Int {
        switch self {
        case .ints(let a): return a.count
        case .doubles(let a): return a.count
        case .bools(let a): return a.count
        case .ips(let a): return a.count
        case .strings(let a): return a.count
        case .none: return 0
        }
    }

    /// The values at dictionary `indices` (each already checked to be in range).
    func gather(_ indices: [UInt32]) -> ParquetValues {
        switch self {
        case .ints(let a): return .ints(indices.map { a[Int($0)] })
        case .doubles(let a): return .doubles(indices.map { a[Int($0)] })
        case .bools(let a): return .bools(indices.map { a[Int($0)] })
        case .ips(let a): return .ips(indices.map { a[Int($0)] })
        case .strings(let a): return .strings(indices.map { a[Int($0)] })
        case .none: return .none
        }
    }
}
