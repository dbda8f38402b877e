/// A file a statement read or wrote, identified by its content.
public struct Evidence: Sendable, Equatable {
    /// Whether the statement read the file (`load`, `run`) or wrote it (`save`, `audit export`).
    public enum Role: String, Sendable {
        case read
        case written
    }

    /// The resolved absolute path.
    public var path: String
    /// Size in bytes.
    public var size: Int64
    /// Modification time, UTC ISO 8601 with milliseconds.
    public var mtime: String
    /// SHA-256 of the content, lower-case hex.
    public var sha256: String
    public var role: Role

    public init(path: String, size: Int64, mtime: String, sha256: String, role: Role) {
        self.path = path
        self.size = size
        self.mtime = mtime
        self.sha256 = sha256
        self.role = role
    }

    var value: AuditValue {
        .object([
            AuditField("path", .string(path)), AuditField("size", .int(size)), AuditField("mtime", .string(mtime)),
            AuditField("sha256", .string(sha256)), AuditField("role", .string(role.rawValue)),
        ])
    }

    init?(_ v: AuditValue) {
        guard let path = v["path"]?.stringValue, let size = v["size"]?.intValue, let sha = v["sha256"]?.stringValue,
              let role = v["role"]?.stringValue.flatMap(Role.init(rawValue:)) else { return nil }
        self.init(path: path, size: size, mtime: v["mtime"]?.stringValue ?? "", sha256: sha, role: role)
    }
}

/// An analyzer plugin a statement loaded: name, path and SHA-256.
public struct PluginRecord: Sendable, Equatable {
    public var name: String
    public var path: String
    public var sha256: String

    public init(name: String, path: String, sha256: String) {
        self.name = name
        self.path = path
        self.sha256 = sha256
    }

    var value: AuditValue {
        .object([AuditField("name", .string(name)), AuditField("path", .string(path)), AuditField("sha256", .string(sha256))])
    }

    init?(_ v: AuditValue) {
        guard let n = v["name"]?.stringValue, let p = v["path"]?.stringValue, let s = v["sha256"]?.stringValue else { return nil }
        self.init(name: n, path: p, sha256: s)
    }
}
