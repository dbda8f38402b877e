import Foundation

/// Lists the entries of the folder a partial path names, for path completion.
enum PathCompleter {
    /// Paths that extend `partial` by one entry of its folder. Folders end in `/`;
    /// hidden entries appear only when the partial name starts with `.`. Inside a
    /// string literal (`quote` set) a file's name is followed by the closing quote;
    /// entries that could not be typed in that form are left out.
    static func candidates(partial: String, quote: UInt8?, directory: String) -> [String] {
        let dirPart: String
        let namePart: String
        if let slash = partial.lastIndex(of: "/") {
            dirPart = String(partial[...slash])
            namePart = String(partial[partial.index(after: slash)...])
        } else {
            dirPart = ""
            namePart = partial
        }
        let base = directory.isEmpty ? "." : directory
        let folder = dirPart.hasPrefix("/") ? dirPart : base + "/" + dirPart
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        var out: [String] = []
        for entry in entries where entry.hasPrefix(namePart) {
            if entry.hasPrefix("."), !namePart.hasPrefix(".") { continue }
            if !typeable(entry, quote: quote) { continue }
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: folder + (folder.hasSuffix("/") ? "" : "/") + entry, isDirectory: &isDirectory)
            if exists, isDirectory.boolValue {
                out.append(dirPart + entry + "/")
            } else if let q = quote {
                out.append(dirPart + entry + String(UnicodeScalar(q)))
            } else {
                out.append(dirPart + entry)
            }
        }
        return out
    }

    /// True when a name can be written in a bare path (no blanks, `;`) or in the given string literal.
    private static func typeable(_ name: String, quote: UInt8?) -> Bool {
        for c in name.utf8 {
            if c == UInt8(ascii: "\n") { return false }
            if let q = quote {
                if c == q || c == UInt8(ascii: "\\") { return false }
            } else if ByteClass.isBlank(c) || c == UInt8(ascii: ";") {
                return false
            }
        }
        return true
    }
}
