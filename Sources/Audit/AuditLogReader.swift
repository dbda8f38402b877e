import Foundation

/// Reads a whole log back: each line checked on its own (`EntryLine.decode`),
/// plus an unterminated last line if there is one.
public struct AuditLogReader: Sendable {
    /// One stored line.
    public struct Line: Sendable {
        /// 1-based line number.
        public var number: Int
        public var bytes: [UInt8]
        public var entry: Result<AuditEntry, LineProblem>
    }

    /// The complete lines in order.
    public var lines: [Line]
    /// Bytes after the last newline (a write cut off), if any.
    public var unterminated: [UInt8]?

    /// The lines whose entries are well formed, in order (for summaries; use
    /// `AuditVerifier` to know whether the chain holds).
    public var entries: [AuditEntry] {
        lines.compactMap { try? $0.entry.get() }
    }

    /// Reads the log at `path`.
    public static func read(path: String) -> Result<AuditLogReader, AuditError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            return .failure(.cannotOpen(path: path, reason: reason))
        }
        return .success(parse([UInt8](data)))
    }

    /// Splits and decodes log bytes.
    public static func parse(_ bytes: [UInt8]) -> AuditLogReader {
        var lines: [Line] = []
        var start = 0
        var number = 1
        while let nl = bytes[start...].firstIndex(of: 10) {
            let line = Array(bytes[start..<nl])
            lines.append(Line(number: number, bytes: line, entry: EntryLine.decode(line)))
            number += 1
            start = nl + 1
        }
        return AuditLogReader(lines: lines, unterminated: start < bytes.count ? Array(bytes[start...]) : nil)
    }
}
