import Foundation
import Testing
@testable import Audit

/// Every change to a log is caught: each byte flipped, each line deleted,
/// duplicated or swapped with the next. A log that ends in a seal, checked
/// with the key and the outside checkpoint, also catches losing its last line,
/// a rewrite with recomputed hashes, and truncation.
@Suite struct TamperTests {
    func sealedLog() throws -> (ScratchLog, verifier: AuditVerifier) {
        let s = try ScratchLog()
        let priv = s.dir.appendingPathComponent("k").path, pub = s.dir.appendingPathComponent("k.pub").path
        try SealKeys.generate(privatePath: priv, publicPath: pub)
        try s.write(statements: ["load \"a b.csv\"", "a_b | where x == \"é\" | count"], sealWith: priv)
        let verifier = AuditVerifier(key: try SealKeys.loadPublic(pub), checkpoints: try #require(Checkpoint.readFile(s.path + ".checkpoints")))
        return (s, verifier)
    }

    @Test func intactLogVerifies() throws {
        let (s, v) = try sealedLog()
        defer { s.remove() }
        let report = v.verify(AuditLogReader.parse(s.bytes))
        #expect(report.isIntact && report.seals == 1 && report.checkpoints == 1 && report.entries == 6)
    }

    @Test func everyFlippedByteIsCaught() throws {
        let (s, v) = try sealedLog()
        defer { s.remove() }
        let bytes = s.bytes
        var missed: [Int] = []
        for i in bytes.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var t = bytes
                t[i] ^= mask
                let bare = AuditVerifier().verify(AuditLogReader.parse(t))
                let keyed = v.verify(AuditLogReader.parse(t))
                if bare.isIntact || keyed.isIntact { missed.append(i) }
            }
        }
        #expect(missed.isEmpty, "changes not caught at offsets \(missed.prefix(10))")
    }

    @Test func deletedDuplicatedAndSwappedLinesAreCaught() throws {
        let (s, v) = try sealedLog()
        defer { s.remove() }
        let lines = s.lines()
        var variants: [(String, [[UInt8]])] = []
        for i in lines.indices {
            var d = lines; d.remove(at: i); variants.append(("delete \(i + 1)", d))
            var dup = lines; dup.insert(lines[i], at: i + 1); variants.append(("duplicate \(i + 1)", dup))
            if i + 1 < lines.count { var sw = lines; sw.swapAt(i, i + 1); variants.append(("swap \(i + 1)", sw)) }
        }
        for (name, t) in variants {
            #expect(!v.verify(AuditLogReader.parse(joinLines(t))).isIntact, "\(name) not caught")
            if name != "delete \(lines.count)" && !name.hasPrefix("duplicate \(lines.count)") {
                #expect(!AuditVerifier().verify(AuditLogReader.parse(joinLines(t))).isIntact, "\(name) not caught by the chain")
            }
        }
    }

    @Test func aRecomputedChainPassesBareButNotWithTheKey() throws {
        let (s, v) = try sealedLog()
        defer { s.remove() }
        // Rewrite entry 3's command and recompute every hash after it, as someone with write access could.
        var entries = AuditLogReader.parse(s.bytes).entries
        entries[2].record.command = "load innocent.csv"
        var prev = SHA256Hex.zero
        var out: [UInt8] = []
        for var e in entries {
            e.prev = prev
            if e.record.event == .seal, var c = Checkpoint(e.record.detail) {
                c.head = prev
                e.record.detail = c.value
            }
            let (line, hash) = EntryLine.encode(e)
            out += line
            prev = hash
        }
        #expect(AuditVerifier().verify(AuditLogReader.parse(out)).isIntact)
        let report = v.verify(AuditLogReader.parse(out))
        #expect(report.broken?.problem.contains("seal") == true)
    }

    @Test func truncationIsCaughtOnlyByTheOutsideCheckpoint() throws {
        let (s, v) = try sealedLog()
        defer { s.remove() }
        let cut = joinLines(Array(s.lines().prefix(3)))
        #expect(AuditVerifier().verify(AuditLogReader.parse(cut)).isIntact)
        let report = v.verify(AuditLogReader.parse(cut))
        #expect(report.broken?.problem.hasPrefix("truncated") == true)
    }

    @Test func aSealFromAnotherKeyIsRejected() throws {
        let (s, _) = try sealedLog()
        defer { s.remove() }
        let other = s.dir.appendingPathComponent("o").path
        try SealKeys.generate(privatePath: other, publicPath: other + ".pub")
        let report = AuditVerifier(key: try SealKeys.loadPublic(other + ".pub")).verify(AuditLogReader.parse(s.bytes))
        #expect(report.broken?.problem.contains("not the key given") == true)
    }

    @Test func keyFilesArePrivateAndNeverReplaced() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        let priv = s.dir.appendingPathComponent("k").path
        try SealKeys.generate(privatePath: priv, publicPath: priv + ".pub")
        #expect((try FileManager.default.attributesOfItem(atPath: priv)[.posixPermissions] as? Int) == 0o600)
        #expect(throws: SealError.exists(path: priv)) { try SealKeys.generate(privatePath: priv, publicPath: priv + ".2") }
        #expect(throws: SealError.badKey(path: priv)) { _ = try SealKeys.loadPublic(priv) }
    }

    @Test func interruptedStatementsAreWarningsNotBreaks() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        let log = try AuditLog.open(path: s.path, environment: ScratchLog.environment, lockWait: 0)
        try log.append([AuditRecord(event: .start, command: "load big.csv", origin: AuditOrigin(mode: "command", line: 1))])
        let report = AuditVerifier().verify(AuditLogReader.parse(s.bytes))
        #expect(report.isIntact)
        #expect(report.interrupted.map(\.command) == ["load big.csv"])
        #expect(report.text(path: "x").contains("interrupted"))
        #expect(AuditVerifier(running: [2]).verify(AuditLogReader.parse(s.bytes)).interrupted.isEmpty)
    }

    @Test func anUnterminatedLastLineIsReported() throws {
        let s = try ScratchLog()
        defer { s.remove() }
        try s.write(statements: ["frames"])
        let report = AuditVerifier().verify(AuditLogReader.parse(s.bytes + Array("{\"seq\":".utf8)))
        #expect(report.broken?.line == 4)
        #expect(report.broken?.problem.hasPrefix("unterminated last line") == true)
    }
}
