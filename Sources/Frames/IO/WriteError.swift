/// Why a frame could not be written. `description` is `FILE: error: REASON`.
public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target exists and `overwrite` was not set.
    case exists(path: String)
    /// The target names a directory.
    case isDirectory(path: String)
    /// A folder or the temporary file could not be created.
    case cannotCreate(path: String, reason: String)
    /// Writing, syncing or renaming failed; the target was left untouched.
    case writeFailed(path: String, reason: String)
    /// The write was cancelled; neither the target nor a temporary file was left.
    case cancelled(path: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .exists(let p), .isDirectory(let p), .cannotCreate(let p, _), .writeFailed(let p, _), .cancelled(let p): return p
        }
    }

    /// The reason, without the file name.
    public var reason: String {
        switch self {
        case .exists: return "the file already exists; use overwrite=true to replace it"
        case .isDirectory: return "is a directory; give a file name"
        case .cannotCreate(_, let r): return "cannot create the file: \(r)"
        case .writeFailed(_, let r): return "write failed: \(r); the file was not changed"
        case .cancelled: return "cancelled; no file was written"
        }
    }

    public var description: String { "\(path): error: \(reason)" }
}
