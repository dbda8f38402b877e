import Crypto
import Foundation

/// A signed statement that a log had `entries` entries, the last with hash
/// `head`. A `seal` entry carries one over the entries before it; `audit seal`
/// also appends one over the log including the seal to `LOG.checkpoints`,
/// which belongs somewhere the people who can write the log cannot.
public struct Checkpoint: Sendable, Equatable {
    public var entries: Int64
    public var head: String
    /// When it was signed (UTC ISO 8601).
    public var time: String
    /// `SealKeys.keyID` of the signing key.
    public var key: String
    /// Ed25519 signature over `message`, base64.
    public var signature: String

    public init(entries: Int64, head: String, time: String, key: String, signature: String) {
        self.entries = entries
        self.head = head
        self.time = time
        self.key = key
        self.signature = signature
    }

    /// The bytes that are signed.
    public static func message(entries: Int64, head: String) -> Data {
        Data("ipdr audit checkpoint v1\nentries \(entries)\nhead \(head)\n".utf8)
    }

    /// Signs (`entries`, `head`) with `key`.
    public static func sign(entries: Int64, head: String, key: Curve25519.Signing.PrivateKey) throws(SealError) -> Checkpoint {
        guard let sig = try? key.signature(for: message(entries: entries, head: head)) else {
            throw .cannotWrite(path: "signature", reason: "signing failed")
        }
        return Checkpoint(entries: entries, head: head, time: AuditClock.now(), key: SealKeys.keyID(key.publicKey),
                          signature: sig.base64EncodedString())
    }

    /// True when the signature is `key`'s over (`entries`, `head`).
    public func isSigned(by key: Curve25519.Signing.PublicKey) -> Bool {
        guard let sig = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(sig, for: Self.message(entries: entries, head: head))
    }

    /// The JSON form (a seal's `detail`, a line of a checkpoint file).
    public var value: AuditValue {
        .object([
            AuditField("entries", .int(entries)), AuditField("head", .string(head)), AuditField("time", .string(time)),
            AuditField("key", .string(key)), AuditField("signature", .string(signature)),
        ])
    }

    /// Reads the JSON form.
    public init?(_ v: AuditValue?) {
        guard let v, let n = v["entries"]?.intValue, let head = v["head"]?.stringValue, let key = v["key"]?.stringValue,
              let sig = v["signature"]?.stringValue else { return nil }
        self.init(entries: n, head: head, time: v["time"]?.stringValue ?? "", key: key, signature: sig)
    }

    /// Appends this checkpoint as a line of the checkpoint file at `path`
    /// (created with mode 0600) and flushes it; the reason on failure.
    public func append(to path: String) -> String? {
        SystemCalls.appendDurably(path, AuditJSONWriter.bytes(value) + [10])
    }

    /// Reads a checkpoint file: one JSON object per line. Nil when the file
    /// cannot be read or a line is not a checkpoint.
    public static func readFile(_ path: String) -> [Checkpoint]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var out: [Checkpoint] = []
        for line in data.split(separator: 10) {
            guard let v = try? AuditJSONParser.parse([UInt8](line)).get(), let c = Checkpoint(v) else { return nil }
            out.append(c)
        }
        return out
    }
}
