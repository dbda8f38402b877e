import Crypto
import Foundation

/// Ed25519 key files for signed checkpoints: `ipdr audit keygen` writes them,
/// `audit seal` signs with the private one, `audit verify --key` checks with
/// the public one. Each file is one line: `ipdr-audit-ed25519-private BASE64`
/// or `ipdr-audit-ed25519-public BASE64` (the raw 32-byte key).
public enum SealKeys {
    static let privateTag = "ipdr-audit-ed25519-private"
    static let publicTag = "ipdr-audit-ed25519-public"

    /// Writes a new key pair: the private key with mode 0600, the public one 0644.
    /// Neither file may exist already.
    public static func generate(privatePath: String, publicPath: String) throws(SealError) {
        for p in [privatePath, publicPath] where FileManager.default.fileExists(atPath: p) {
            throw .exists(path: p)
        }
        let key = Curve25519.Signing.PrivateKey()
        let priv = "\(privateTag) \(key.rawRepresentation.base64EncodedString())\n"
        let pub = "\(publicTag) \(key.publicKey.rawRepresentation.base64EncodedString())\n"
        if let e = SystemCalls.createFile(privatePath, Array(priv.utf8)) { throw .cannotWrite(path: privatePath, reason: e) }
        if let e = SystemCalls.createFile(publicPath, Array(pub.utf8)) { throw .cannotWrite(path: publicPath, reason: e) }
        chmod(publicPath, 0o644)
    }

    /// Reads a private key file.
    public static func loadPrivate(_ path: String) throws(SealError) -> Curve25519.Signing.PrivateKey {
        let raw = try load(path, tag: privateTag)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw .badKey(path: path) }
        return key
    }

    /// Reads a public key file.
    public static func loadPublic(_ path: String) throws(SealError) -> Curve25519.Signing.PublicKey {
        let raw = try load(path, tag: publicTag)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { throw .badKey(path: path) }
        return key
    }

    /// A short id of a public key: the first 16 hex digits of its SHA-256.
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        String(SHA256Hex.of(key.rawRepresentation).prefix(16))
    }

    private static func load(_ path: String, tag: String) throws(SealError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path: path) }
        let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, parts[0] == tag, let raw = Data(base64Encoded: String(parts[1])) else {
            throw .badKey(path: path)
        }
        return raw
    }
}

/// Why a key or checkpoint cannot be used.
public enum SealError: Error, Sendable, Equatable, CustomStringConvertible {
    case exists(path: String)
    case cannotRead(path: String)
    case cannotWrite(path: String, reason: String)
    /// Not a key file of the expected kind.
    case badKey(path: String)
    /// No private key was given for `audit seal`.
    case noKey

    public var description: String {
        switch self {
        case .exists(let p): return "\(p) exists already; key files are never replaced"
        case .cannotRead(let p): return "cannot read the key file \(p)"
        case .cannotWrite(let p, let r): return "cannot write \(p): \(r)"
        case .badKey(let p): return "\(p) is not an ipdr audit key of the right kind (see ipdr audit keygen)"
        case .noKey: return "audit seal needs a private key: audit seal KEYFILE, or set IPDR_AUDIT_KEY (make one with ipdr audit keygen PRIVATE PUBLIC)"
        }
    }
}
