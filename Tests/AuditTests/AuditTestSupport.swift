import Foundation
@testable import Audit

/// A scratch folder and log for one test.
struct ScratchLog {
    let dir: URL
    var path: String { dir.appendingPathComponent("audit.jsonl").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    static let environment = AuditEnvironment(
        toolVersion: "0.1.0", os: "Linux test", user: "analyst", host: "lab", cwd: "/cases/1", tz: "+05:30",
        tzVariable: nil, argv: ["ipdr", "run", "case.ipdr"], pid: 42)

    /// Opens the log, writes `statements` start/end pairs, and closes it.
    func write(statements: [String], sealWith key: String? = nil) throws {
        let log = try AuditLog.open(path: path, environment: Self.environment, lockWait: 0)
        for (i, c) in statements.enumerated() {
            let start = try log.append([AuditRecord(event: .start, command: c, origin: AuditOrigin(mode: "script", path: "case.ipdr", line: i + 1))])
            try log.append([AuditRecord(event: .end, command: c, ref: start[0].seq, status: .ok, elapsedMs: 1.5,
                                        result: AuditResult(frame: nil, rows: i, columns: 2, fingerprint: String(repeating: "a", count: 64)))])
        }
        if let key {
            let k = try SealKeys.loadPrivate(key)
            let inside = try Checkpoint.sign(entries: log.nextSeq - 1, head: log.head, key: k)
            try log.append([AuditRecord(event: .seal, detail: inside.value)])
            let outside = try Checkpoint.sign(entries: log.nextSeq - 1, head: log.head, key: k)
            try Data((AuditJSONWriter.bytes(outside.value) + [10])).write(to: URL(fileURLWithPath: path + ".checkpoints"))
        }
    }

    var bytes: [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    func lines() -> [[UInt8]] {
        bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast().map(Array.init)
    }
}

/// Splits raw log bytes into lines and joins them back.
func joinLines(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [10] } }
