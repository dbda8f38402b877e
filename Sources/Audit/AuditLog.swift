#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The writer of an audit log: one per session, holding the log's lock.
///
/// The file is opened with `O_APPEND` (created with mode 0600, its directory
/// flushed). Each `append` writes whole lines with one `write` and, when
/// asked, flushes them with `fsync` before returning; when a write fails
/// half-way the file is cut back to where it was, so no torn line is left.
public final class AuditLog {
    /// The log's absolute path.
    public let path: String
    /// This session's random id.
    public let session: String
    public let user: String
    public let host: String
    /// The `seq` the next entry gets.
    public private(set) var nextSeq: Int64
    /// The `hash` of the last entry (64 zeros in an empty log).
    public private(set) var head: String
    /// The quarantine file written when the log was opened, if its end was torn.
    public private(set) var quarantinePath: String?
    private let fd: Int32
    private let lock: AuditLock
    private var size: Int64?
    private var unusable: String?

    private init(path: String, session: String, user: String, host: String, fd: Int32, lock: AuditLock, size: Int64?, last: AuditEntry?) {
        self.path = path
        self.session = session
        self.user = user
        self.host = host
        self.fd = fd
        self.lock = lock
        self.size = size
        nextSeq = (last?.seq ?? 0) + 1
        head = last?.hash ?? SHA256Hex.zero
    }

    deinit { close(fd) }

    /// Opens (or creates) the log at `path` for a new session: takes the lock,
    /// moves a torn last line aside to `PATH.quarantine-TIME` with an entry
    /// saying so, and writes the session's `session-start` entry with
    /// `environment`, flushed.
    /// `evidence` goes on the `session-start` entry (the script file `ipdr run` was given).
    public static func open(path: String, environment: AuditEnvironment, evidence: [Evidence] = [], lockWait: Double = 3) throws(AuditError) -> AuditLog {
        let absolute = absolutePath(path, cwd: environment.cwd)
        let lock = try AuditLock.acquire(logPath: absolute, wait: lockWait)
        var fd = SystemCalls.openFile(absolute, O_RDWR | O_APPEND | O_CLOEXEC)
        var created = false
        if fd < 0 && errno == ENOENT {
            fd = SystemCalls.openFile(absolute, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o600)
            created = true
        }
        if fd < 0 { throw .cannotOpen(path: absolute, reason: SystemCalls.reason(errno)) }
        if created, let e = SystemCalls.syncDirectory(of: absolute) {
            close(fd)
            throw .cannotWrite(path: absolute, reason: "flushing its folder: \(e)")
        }
        var size = SystemCalls.regularFileSize(fd)
        let scan = TornTail.scan(fd, size: size ?? 0)
        if let damage = scan.damage, let torn = scan.torn {
            close(fd)
            throw .damaged(path: absolute, line: lineNumber(path: absolute, offset: torn.offset) - 1, problem: damage.description)
        }
        var records: [AuditRecord] = []
        var quarantine: String?
        if let torn = scan.torn {
            let stamp = AuditClock.now().filter { $0 != "-" && $0 != ":" }
            let qpath = "\(absolute).quarantine-\(stamp)-\(getpid())"
            if let e = SystemCalls.createFile(qpath, torn.bytes) { close(fd); throw .cannotQuarantine(path: absolute, reason: e) }
            if let e = SystemCalls.truncate(fd, to: torn.offset) ?? SystemCalls.sync(fd) {
                close(fd)
                throw .cannotQuarantine(path: absolute, reason: e)
            }
            size = torn.offset
            quarantine = qpath
            records.append(AuditRecord(event: .quarantine, detail: .object([
                AuditField("file", .string(qpath)), AuditField("offset", .int(torn.offset)),
                AuditField("bytes", .int(torn.bytes.count)), AuditField("sha256", .string(SHA256Hex.of(torn.bytes))),
                AuditField("reason", .string(torn.bytes.last == 10 ? "unreadable last line" : "unterminated last line")),
            ])))
        }
        records.append(AuditRecord(event: .sessionStart, evidence: evidence, detail: environment.value))
        let log = AuditLog(path: absolute, session: newSessionID(), user: environment.user, host: environment.host,
                           fd: fd, lock: lock, size: size, last: scan.last)
        log.quarantinePath = quarantine
        try log.append(records)
        return log
    }

    /// Writes entries for `records` as one block and, with `sync`, flushes
    /// them to stable storage before returning. Returns the entries written.
    @discardableResult
    public func append(_ records: [AuditRecord], sync: Bool = true) throws(AuditError) -> [AuditEntry] {
        if let why = unusable { throw .cannotWrite(path: path, reason: why) }
        var bytes: [UInt8] = []
        var entries: [AuditEntry] = []
        var seq = nextSeq
        var prev = head
        let time = AuditClock.now()
        for r in records {
            var e = AuditEntry(seq: seq, time: time, session: session, user: user, host: host, record: r, prev: prev)
            let (line, hash) = EntryLine.encode(e)
            e.hash = hash
            bytes += line
            entries.append(e)
            prev = hash
            seq += 1
        }
        let (written, error) = SystemCalls.writeAll(fd, bytes)
        if let error {
            if written > 0 {
                if let size, SystemCalls.truncate(fd, to: size) == nil {
                    // cut back: no torn line left
                } else {
                    unusable = "a partly written entry could not be removed (\(error))"
                }
            }
            throw .cannotWrite(path: path, reason: error)
        }
        size = size.map { $0 + Int64(bytes.count) }
        nextSeq = seq
        head = prev
        if sync, let e = SystemCalls.sync(fd) {
            throw .cannotWrite(path: path, reason: "flushing to disk: \(e)")
        }
        return entries
    }

    /// `path` made absolute against `cwd`, with `.` and `..` removed.
    public static func absolutePath(_ path: String, cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        return URL(fileURLWithPath: joined).standardized.path
    }

    /// The 1-based line number of byte `offset` of the file at `path`.
    static func lineNumber(path: String, offset: Int64) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.prefix(Int(offset)).reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// A new random session id: 16 hex digits.
    static func newSessionID() -> String {
        var g = SystemRandomNumberGenerator()
        return SHA256Hex.hex(withUnsafeBytes(of: g.next() as UInt64) { Array($0) })
    }
}
