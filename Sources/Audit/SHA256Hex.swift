import Crypto
import Foundation

/// SHA-256 digests as lower-case hex, the form the audit log stores.
public enum SHA256Hex {
    /// The 64 zeros that stand for "no previous entry" in a new log.
    public static let zero = String(repeating: "0", count: 64)

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func of<D: DataProtocol>(_ bytes: D) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The digest of raw memory.
    public static func of(_ buffer: UnsafeRawBufferPointer) -> String {
        hex(SHA256.hash(data: buffer))
    }

    /// Lower-case hex of any sequence of bytes (a digest, a key).
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` is 64 lower-case hex digits.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}
