import Audit
import Foundation

/// `ipdr audit verify` and `ipdr audit keygen`: work on log and key files
/// without running statements.
enum AuditCommands {
    /// Checks the log at `path`; with a public key also its seals and the
    /// checkpoints in `checkpoints` (default `PATH.checkpoints` when it exists).
    /// Returns the exit status: 0 intact, 1 broken or unreadable, 2 bad key.
    static func verify(path: String, publicKey: String?, checkpoints: String?) -> Int32 {
        let reader: AuditLogReader
        switch AuditLogReader.read(path: path) {
        case .success(let r): reader = r
        case .failure(let e):
            FileHandle.standardError.write(Data("ipdr: \(e.description)\n".utf8))
            return 1
        }
        var verifier = AuditVerifier()
        if let publicKey {
            do {
                verifier.key = try SealKeys.loadPublic(publicKey)
            } catch {
                FileHandle.standardError.write(Data("ipdr: \(error.description)\n".utf8))
                return 2
            }
            let file = checkpoints ?? path + ".checkpoints"
            if checkpoints != nil || FileManager.default.fileExists(atPath: file) {
                guard let list = Checkpoint.readFile(file) else {
                    FileHandle.standardError.write(Data("ipdr: cannot read the checkpoints in \(file)\n".utf8))
                    return 1
                }
                verifier.checkpoints = list
            }
        } else if checkpoints != nil {
            FileHandle.standardError.write(Data("ipdr: --checkpoints needs --key PUB to check their signatures\n".utf8))
            return 2
        }
        let report = verifier.verify(reader)
        Console.out(report.text(path: path))
        return report.isIntact ? 0 : 1
    }

    /// Writes a new key pair. Returns the exit status.
    static func keygen(privatePath: String, publicPath: String) -> Int32 {
        do {
            try SealKeys.generate(privatePath: privatePath, publicPath: publicPath)
        } catch {
            FileHandle.standardError.write(Data("ipdr: \(error.description)\n".utf8))
            return 1
        }
        Console.out("wrote \(privatePath) (private, mode 0600: keep it away from the people and programs that can write the audit log) and \(publicPath) (public, for ipdr audit verify --key)\n")
        return 0
    }
}
