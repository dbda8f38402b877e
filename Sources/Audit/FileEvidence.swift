import Foundation

/// Describes a file as evidence: resolved path, size, modification time and SHA-256.
public enum FileEvidence {
    /// Evidence for the file at `path`; `sha256` when the caller hashed the
    /// bytes already, otherwise the file is read and hashed here. Nil when the
    /// file cannot be read.
    public static func describe(path: String, role: Evidence.Role, sha256: String? = nil) -> Evidence? {
        let resolved = resolvedPath(path)
        var st = stat()
        guard stat(resolved, &st) == 0 else { return nil }
        guard let digest = sha256 ?? hashFile(resolved) else { return nil }
        let ms = Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000
        return Evidence(path: resolved, size: Int64(st.st_size), mtime: AuditClock.text(millisecondsSinceEpoch: ms),
                        sha256: digest, role: role)
    }

    /// The absolute path with symbolic links resolved (the path itself when it does not exist).
    public static func resolvedPath(_ path: String) -> String {
        guard let r = realpath(path, nil) else {
            return AuditLog.absolutePath(path, cwd: FileManager.default.currentDirectoryPath)
        }
        defer { free(r) }
        return String(cString: r)
    }

    /// SHA-256 of a whole file, read through a mapping.
    public static func hashFile(_ path: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { SHA256Hex.of($0) }
    }
}
