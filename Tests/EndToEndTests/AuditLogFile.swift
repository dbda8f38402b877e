import Audit
import Foundation

/// The audit log a run of the real binary left in its working directory.
struct AuditLogFile {
    let url: URL

    init(in dir: URL, name: String = "ipdr-audit.jsonl") {
        url = dir.appendingPathComponent(name)
    }

    var bytes: [UInt8] { (try? [UInt8](Data(contentsOf: url))) ?? [] }
    var reader: AuditLogReader { AuditLogReader.parse(bytes) }
    var entries: [AuditEntry] { reader.entries }
    var report: VerifyReport { AuditVerifier().verify(reader) }

    /// The entries of the last session.
    var lastSession: [AuditEntry] {
        let all = entries
        guard let id = all.last?.session else { return [] }
        return all.filter { $0.session == id }
    }

    static func sha256(of url: URL) throws -> String {
        SHA256Hex.of(try Data(contentsOf: url))
    }
}
