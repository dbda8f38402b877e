import Audit
import Frames

/// Where an exported file came from: the statement that wrote it, the
/// session, the evidence files loaded so far in the session with their
/// SHA-256, and the result's fingerprint. Arrow files carry it as schema
/// metadata (`ipdr.*` keys); CSV/TSV/JSON/NDJSON get `PATH.provenance.json`.
struct ExportProvenance {
    var statement: String
    var session: String
    /// (resolved path, sha256), sorted by path.
    var evidence: [(path: String, sha256: String)]
    var fingerprint: String
    var rows: Int
    var columns: Int

    /// The evidence list as a JSON value.
    private var evidenceValue: AuditValue {
        .array(evidence.map { .object([AuditField("path", .string($0.path)), AuditField("sha256", .string($0.sha256))]) })
    }

    /// The key-value pairs stored in an Arrow schema.
    var metadata: [(String, String)] {
        [("ipdr.statement", statement),
         ("ipdr.session", session),
         ("ipdr.evidence", String(decoding: AuditJSONWriter.bytes(evidenceValue), as: UTF8.self)),
         ("ipdr.fingerprint", fingerprint),
         ("ipdr.fingerprint_version", "1"),
         ("ipdr.rows", String(rows))]
    }

    /// The sidecar file's contents for the export at `file`; `escaped` says
    /// that formula-like CSV/TSV cells carry a `'` (`SpreadsheetEscape`), which
    /// `load` removes again when it finds this sidecar.
    func sidecar(file: String, escaped: Bool) -> [UInt8] {
        var fields = [
            AuditField("file", .string(file)),
            AuditField("statement", .string(statement)),
            AuditField("session", .string(session)),
            AuditField("evidence", evidenceValue),
            AuditField("fingerprint", .string(fingerprint)),
            AuditField("fingerprint_version", .int(1)),
            AuditField("rows", .int(rows)),
            AuditField("columns", .int(columns)),
        ]
        if escaped { fields.append(AuditField("spreadsheet_prefix", .string("'"))) }
        return AuditJSONWriter.bytes(.object(fields)) + [10]
    }

    /// The sidecar path of an export.
    static func sidecarPath(_ path: String) -> String { path + ".provenance.json" }
}
