import Foundation
import Frames

extension Session {
    /// When a text file has the `PATH.provenance.json` that `save` writes
    /// beside it: takes its session and fingerprint as the file's metadata
    /// (so the load compares fingerprints as for Arrow files) and removes the
    /// spreadsheet escape `save` added to formula-like cells.
    static func applySidecar(_ path: String, to result: inout ReadResult) {
        let sidecar = ExportProvenance.sidecarPath(path)
        guard let data = FileManager.default.contents(atPath: sidecar),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        if json["spreadsheet_prefix"] as? String == "'" {
            result.frame = SpreadsheetEscape.unescape(result.frame)
        }
        if let fingerprint = json["fingerprint"] as? String, let session = json["session"] as? String {
            result.metadata = [("ipdr.fingerprint", fingerprint), ("ipdr.session", session)]
        }
    }
}
