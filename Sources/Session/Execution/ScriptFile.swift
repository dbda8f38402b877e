import Audit
import Foundation

/// Reads script files for `run` and `ipdr run FILE`.
public enum ScriptFile {
    /// The script's text, or why it cannot be read: missing, a directory, not
    /// permitted, or not UTF-8 text.
    public static func read(_ path: String) -> Result<String, ScriptFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ScriptFileError(reason: reason(path)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ScriptFileError(reason: "not UTF-8 text"))
        }
        return .success(text)
    }

    /// The script's text and the SHA-256 of its bytes (for the audit log).
    public static func readWithDigest(_ path: String) -> Result<(text: String, sha256: String), ScriptFileError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ScriptFileError(reason: reason(path)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ScriptFileError(reason: "not UTF-8 text"))
        }
        return .success((text, SHA256Hex.of(data)))
    }

    private static func reason(_ path: String) -> String {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        if !fm.fileExists(atPath: path, isDirectory: &isDir) { return "no such file" }
        if isDir.boolValue { return "is a directory" }
        if !fm.isReadableFile(atPath: path) { return "permission denied" }
        return "cannot be read"
    }
}

/// Why a script file cannot be read, in plain words.
public struct ScriptFileError: Error, Sendable {
    public let reason: String
}
