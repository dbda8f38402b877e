/// Why an Arrow IPC file cannot be read; turned into `LoadError.arrow` with the path.
enum ArrowFormatError: Error, Sendable, Equatable {
    /// The bytes break the format (bad magic, offsets out of bounds, ...).
    case damaged(String)
    /// Valid Arrow that ipdr does not read (a type, compression, ...).
    case unsupported(String)

    var reason: String {
        switch self {
        case .damaged(let r): return "not a valid Arrow IPC file: \(r)"
        case .unsupported(let r): return r
        }
    }
}
