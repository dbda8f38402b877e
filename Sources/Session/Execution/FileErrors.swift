import Foundation

/// Plain-language reasons for a path that cannot be opened.
enum FileErrors {
    /// Why `path` cannot be read: missing, a directory, or not permitted.
    static func reason(_ path: String) -> String {
        var isDir: ObjCBool = false
        let fm = FileManager.default
        if !fm.fileExists(atPath: path, isDirectory: &isDir) { return "no such file" }
        if isDir.boolValue { return "is a directory" }
        if !fm.isReadableFile(atPath: path) { return "permission denied" }
        return "cannot be read"
    }
}
