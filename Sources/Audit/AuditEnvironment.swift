import Foundation

/// Who runs ipdr, where, and how: recorded in a session's first entry.
public struct AuditEnvironment: Sendable, Equatable {
    public var toolVersion: String
    public var os: String
    public var user: String
    public var host: String
    public var cwd: String
    /// The session's `tz` setting at start (`--tz`, else `UTC`).
    public var tz: String
    /// The process's `TZ` environment variable, if set.
    public var tzVariable: String?
    public var argv: [String]
    public var pid: Int32

    public init(toolVersion: String, os: String, user: String, host: String, cwd: String, tz: String, tzVariable: String?, argv: [String], pid: Int32) {
        self.toolVersion = toolVersion
        self.os = os
        self.user = user
        self.host = host
        self.cwd = cwd
        self.tz = tz
        self.tzVariable = tzVariable
        self.argv = argv
        self.pid = pid
    }

    /// This process's environment.
    public static func current(toolVersion: String, tz: String) -> AuditEnvironment {
        let info = ProcessInfo.processInfo
        var uts = utsname()
        uname(&uts)
        func field<T>(_ t: T) -> String {
            withUnsafeBytes(of: t) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let os = "\(field(uts.sysname)) \(field(uts.release)) \(field(uts.machine))"
        return AuditEnvironment(
            toolVersion: toolVersion, os: os, user: currentUser(), host: info.hostName,
            cwd: FileManager.default.currentDirectoryPath, tz: tz, tzVariable: info.environment["TZ"],
            argv: CommandLine.arguments, pid: getpid())
    }

    /// The effective user's login name (or `uid N`).
    static func currentUser() -> String {
        let uid = geteuid()
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    /// The `detail` of a `session-start` entry.
    public var value: AuditValue {
        .object([
            AuditField("version", .string(toolVersion)), AuditField("os", .string(os)), AuditField("user", .string(user)),
            AuditField("host", .string(host)), AuditField("cwd", .string(cwd)), AuditField("tz", .string(tz)),
            AuditField("tz_env", .string(tzVariable)), AuditField("argv", .array(argv.map { .string($0) })),
            AuditField("pid", .int(pid)),
        ])
    }

    /// Reads the `detail` of a `session-start` entry.
    public init?(_ v: AuditValue?) {
        guard let v, let cwd = v["cwd"]?.stringValue, let tz = v["tz"]?.stringValue else { return nil }
        self.init(
            toolVersion: v["version"]?.stringValue ?? "", os: v["os"]?.stringValue ?? "", user: v["user"]?.stringValue ?? "",
            host: v["host"]?.stringValue ?? "", cwd: cwd, tz: tz, tzVariable: v["tz_env"]?.stringValue,
            argv: v["argv"]?.arrayValue?.compactMap(\.stringValue) ?? [], pid: Int32(v["pid"]?.intValue ?? 0))
    }
}
