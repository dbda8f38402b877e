import Foundation
import Testing
@testable import Audit

@Suite struct AuditLogTests {
    @Test func newLogIsPrivateAndStartsWithTheEnvironment() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        try s.write(statements: ["load a.csv", "a | count"])
        let attrs = try FileManager.default.attributesOfItem(atPath: s.path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let entries = AuditLogReader.parse(s.bytes).entries
        #expect(entries.map(\.record.event) == [.sessionStart, .start, .end, .start, .end])
        #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(entries[0].prev == SHA256Hex.zero)
        #expect(AuditEnvironment(entries[0].record.detail) == ScratchLog.environment)
        #expect(entries[2].record.ref == 2)
        #expect(AuditVerifier().verify(AuditLogReader.parse(s.bytes)).isIntact)
    }

    @Test func aSecondSessionContinuesTheChain() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        try s.write(statements: ["frames"])
        try s.write(statements: ["settings"])
        let entries = AuditLogReader.parse(s.bytes).entries
        #expect(entries.map(\.seq) == Array(1...6))
        #expect(entries[3].prev == entries[2].hash)
        #expect(Set(entries.map(\.session)).count == 2)
        let report = AuditVerifier().verify(AuditLogReader.parse(s.bytes))
        #expect(report.isIntact && report.entries == 6 && report.sessions == 2)
    }

    @Test func aSecondWriterFailsNamingTheHolder() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        let first = try AuditLog.open(path: s.path, environment: ScratchLog.environment, lockWait: 0)
        #expect(throws: AuditError.locked(path: s.path, holder: getpid())) {
            _ = try AuditLog.open(path: s.path, environment: ScratchLog.environment, lockWait: 0.1)
        }
        withExtendedLifetime(first) {}
    }

    @Test(arguments: ["{\"seq\":3,\"ti", "garbage without a newline", "{\"not\":\"an entry\"}\n"])
    func tornTailIsQuarantinedAndRecorded(_ torn: String) throws {
        let s = try ScratchLog()
        defer { s.remove() }
        try s.write(statements: ["frames"])
        let good = s.bytes
        try Data(good + Array(torn.utf8)).write(to: URL(fileURLWithPath: s.path))
        let log = try AuditLog.open(path: s.path, environment: ScratchLog.environment, lockWait: 0)
        let qpath = try #require(log.quarantinePath)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: qpath))) == Array(torn.utf8))
        let after = s.bytes
        #expect(Array(after.prefix(good.count)) == good)
        let entries = AuditLogReader.parse(after).entries
        let q = try #require(entries.first { $0.record.event == .quarantine })
        #expect(q.record.detail?["bytes"]?.intValue == Int64(torn.utf8.count))
        #expect(q.record.detail?["sha256"]?.stringValue == SHA256Hex.of(Array(torn.utf8)))
        #expect(q.record.detail?["offset"]?.intValue == Int64(good.count))
        #expect(q.prev == AuditLogReader.parse(good).entries.last?.hash)
        let report = AuditVerifier().verify(AuditLogReader.parse(after))
        #expect(report.isIntact && report.quarantines == 1)
    }

    @Test func damageBeforeTheLastLineRefusesToAppend() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        try s.write(statements: ["frames"])
        var lines = s.lines()
        lines[1][30] ^= 1
        lines[2][30] ^= 1
        try Data(joinLines(lines)).write(to: URL(fileURLWithPath: s.path))
        #expect(throws: AuditError.self) { _ = try AuditLog.open(path: s.path, environment: ScratchLog.environment, lockWait: 0) }
    }
}
