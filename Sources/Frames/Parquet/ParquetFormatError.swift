/// Why a Parquet file cannot be read; turned into `LoadError.parquet` with the path.
enum ParquetFormatError: Error, Sendable, Equatable {
    /// The bytes break the format (bad magic, metadata out of bounds, a page
    /// that does not decompress, ...).
    case damaged(String)
    /// Valid Parquet that ipdr does not read (a nested column, a codec, ...).
    case unsupported(String)

    var reason: String {
        switch self {
        case .damaged(let r): return "not a valid Parquet file: \(r)"
        case .unsupported(let r): return r
        }
    }
}
