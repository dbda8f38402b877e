import Session

/// What the command line asked for.
struct CommandLineOptions {
    enum Mode: Equatable {
        /// Interactive when stdin is a terminal, otherwise statements from stdin.
        case standard
        /// `run FILE` or a bare `FILE.ipdr`.
        case script(String)
        /// `-c 'STATEMENTS'`.
        case command(String)
        case help
        case version
        /// `audit verify LOG [--key PUB] [--checkpoints FILE]`.
        case auditVerify(String)
        /// `audit keygen PRIVATE PUBLIC`.
        case auditKeygen(privatePath: String, publicPath: String)
        /// `replay LOG [--session ID]`.
        case replay(String)
    }

    var mode: Mode = .standard
    var output: OutputFormat = .table
    var timing = false
    var tz: String?
    /// Data files named on the command line, loaded before the first prompt.
    var dataFiles: [String] = []
    /// `--audit PATH`: the audit log (else `IPDR_AUDIT`, else `ipdr-audit.jsonl`).
    var auditPath: String?
    /// `--key PUB` for `audit verify`.
    var publicKey: String?
    /// `--checkpoints FILE` for `audit verify`.
    var checkpoints: String?
    /// `--session ID` for `replay`.
    var replaySession: String?

    static let usage = """
    usage: ipdr [options] [FILE.csv ...]      interactive shell (statements from stdin when not a terminal)
           ipdr [options] run FILE.ipdr       run a script (also: ipdr FILE.ipdr)
           ipdr [options] -c 'STATEMENTS'     run statements given as text
           ipdr audit verify LOG [--key PUB] [--checkpoints FILE]
                                              check an audit log's hash chain (and its seals with a key)
           ipdr audit keygen PRIVATE PUBLIC   make an Ed25519 key pair for audit seal
           ipdr [options] replay LOG [--session ID]
                                              re-run a recorded session, checking evidence and results

    options (before or after the mode word):
      --output table|csv|json   how results print (csv/json: every row, plain numbers, ISO 8601 times)
      --tz ZONE                 session zone, e.g. +05:30, UTC, Asia/Kolkata (same as `set tz = ...`)
      --timing                  print each statement's run time to stderr
      --audit PATH              the audit log (default: $IPDR_AUDIT, else ipdr-audit.jsonl here)
      -h, --help                this text
      --version                 the version

    exit status: 0 all statements succeeded (verify: intact; replay: all reproduced),
                 1 a statement failed (verify: broken; replay: a difference), 2 bad usage
    """

    /// Parses arguments (without the program name).
    static func parse(_ args: [String]) -> Result<CommandLineOptions, UsageError> {
        var o = CommandLineOptions()
        var i = 0
        var modeSet = false
        func setMode(_ m: Mode) -> UsageError? {
            if modeSet { return UsageError("only one of run FILE, -c, a script file, audit or replay may be given") }
            modeSet = true
            o.mode = m
            return nil
        }
        while i < args.count {
            let a = args[i]
            func value() -> String? {
                if let eq = a.firstIndex(of: "="), a.hasPrefix("--") { return String(a[a.index(after: eq)...]) }
                i += 1
                return i < args.count ? args[i] : nil
            }
            let name = a.hasPrefix("--") ? String(a.split(separator: "=", maxSplits: 1)[0]) : a
            switch name {
            case "-h", "--help", "help":
                o.mode = .help
                return .success(o)
            case "--version", "version":
                o.mode = .version
                return .success(o)
            case "--output", "-o":
                guard let v = value() else { return .failure(UsageError("--output needs a value: table, csv or json")) }
                guard let f = OutputFormat(rawValue: v) else { return .failure(UsageError("unknown output format '\(v)': use table, csv or json")) }
                o.output = f
            case "--tz":
                guard let v = value() else { return .failure(UsageError("--tz needs a zone, e.g. --tz +05:30")) }
                o.tz = v
            case "--timing":
                o.timing = true
            case "--audit":
                guard let v = value(), !v.isEmpty else { return .failure(UsageError("--audit needs a log file, e.g. --audit case.jsonl")) }
                o.auditPath = v
            case "--key":
                guard let v = value() else { return .failure(UsageError("--key needs a public key file")) }
                o.publicKey = v
            case "--checkpoints":
                guard let v = value() else { return .failure(UsageError("--checkpoints needs a checkpoint file")) }
                o.checkpoints = v
            case "--session":
                guard let v = value() else { return .failure(UsageError("--session needs a session id")) }
                o.replaySession = v
            case "audit" where !modeSet && o.dataFiles.isEmpty:
                guard i + 1 < args.count else { return .failure(UsageError("audit needs verify LOG or keygen PRIVATE PUBLIC")) }
                i += 1
                switch args[i] {
                case "verify":
                    guard i + 1 < args.count, !args[i + 1].hasPrefix("-") else { return .failure(UsageError("audit verify needs a log file")) }
                    i += 1
                    if let e = setMode(.auditVerify(args[i])) { return .failure(e) }
                case "keygen":
                    guard i + 2 < args.count else { return .failure(UsageError("audit keygen needs two files: PRIVATE PUBLIC")) }
                    if let e = setMode(.auditKeygen(privatePath: args[i + 1], publicPath: args[i + 2])) { return .failure(e) }
                    i += 2
                default:
                    return .failure(UsageError("unknown audit command '\(args[i])': use audit verify LOG or audit keygen PRIVATE PUBLIC"))
                }
            case "replay" where !modeSet && o.dataFiles.isEmpty:
                guard let v = value() else { return .failure(UsageError("replay needs an audit log, e.g. ipdr replay ipdr-audit.jsonl")) }
                if let e = setMode(.replay(v)) { return .failure(e) }
            case "-c":
                guard let v = value() else { return .failure(UsageError("-c needs statements, e.g. -c 'frames'")) }
                if let e = setMode(.command(v)) { return .failure(e) }
            case "run":
                guard let v = value() else { return .failure(UsageError("run needs a script file, e.g. ipdr run tour.ipdr")) }
                if let e = setMode(.script(v)) { return .failure(e) }
            default:
                if a.hasPrefix("-") && a != "-" {
                    return .failure(UsageError("unknown option '\(a)'"))
                }
                if a.hasSuffix(".ipdr") {
                    if let e = setMode(.script(a)) { return .failure(e) }
                } else {
                    o.dataFiles.append(a)
                }
            }
            i += 1
        }
        if o.publicKey != nil || o.checkpoints != nil, !Self.isVerify(o.mode) {
            return .failure(UsageError("--key and --checkpoints go with audit verify"))
        }
        if o.replaySession != nil, !Self.isReplay(o.mode) {
            return .failure(UsageError("--session goes with replay"))
        }
        return .success(o)
    }
}

/// A command-line mistake; exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

extension CommandLineOptions {
    static func isVerify(_ m: Mode) -> Bool {
        if case .auditVerify = m { return true }
        return false
    }

    static func isReplay(_ m: Mode) -> Bool {
        if case .replay = m { return true }
        return false
    }

    /// The audit log to write: `--audit`, else `IPDR_AUDIT`, else `ipdr-audit.jsonl`.
    func resolvedAuditPath(environment: [String: String]) -> String {
        if let auditPath { return auditPath }
        if let e = environment["IPDR_AUDIT"], !e.isEmpty { return e }
        return "ipdr-audit.jsonl"
    }
}
