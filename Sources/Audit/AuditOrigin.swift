/// Where a statement came from: `{"mode": …, "path": …, "line": …}`.
public struct AuditOrigin: Sendable, Equatable {
    /// `interactive`, `command`, `stdin`, `script` or `replay`.
    public var mode: String
    /// The script file (for `script`) or the replayed log (for `replay`); nil otherwise.
    public var path: String?
    /// The 1-based line the statement starts on in its text; for `replay`, the
    /// `seq` of the replayed `start` entry.
    public var line: Int

    public init(mode: String, path: String? = nil, line: Int) {
        self.mode = mode
        self.path = path
        self.line = line
    }

    var value: AuditValue {
        .object([AuditField("mode", .string(mode)), AuditField("path", .string(path)), AuditField("line", .int(line))])
    }

    init?(_ v: AuditValue?) {
        guard let v, let mode = v["mode"]?.stringValue, let line = v["line"]?.intValue else { return nil }
        self.init(mode: mode, path: v["path"]?.stringValue, line: Int(line))
    }
}
