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
    }

    var mode: Mode = .standard
    var output: OutputFormat = .table
    var timing = false
    var tz: String?
    /// Data files named on the command line, loaded before the first prompt.
    var dataFiles: [String] = []

    static let usage = """
    usage: ipdr [options] [FILE.csv ...]      interactive shell (statements from stdin when not a terminal)
           ipdr [options] run FILE.ipdr       run a script (also: ipdr FILE.ipdr)
           ipdr [options] -c 'STATEMENTS'     run statements given as text

    options (before or after the mode word):
      --output table|csv|json   how results print (csv/json: every row, plain numbers, ISO 8601 times)
      --tz ZONE                 session zone, e.g. +05:30, UTC, Asia/Kolkata (same as `set tz = ...`)
      --timing                  print each statement's run time to stderr
      -h, --help                this text
      --version                 the version

    exit status: 0 all statements succeeded, 1 a statement failed, 2 bad usage
    """

    /// Parses arguments (without the program name).
    static func parse(_ args: [String]) -> Result<CommandLineOptions, UsageError> {
        var o = CommandLineOptions()
        var i = 0
        var modeSet = false
        func setMode(_ m: Mode) -> UsageError? {
            if modeSet { return UsageError("only one of run FILE, -c, or a script file may be given") }
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
        return .success(o)
    }
}

/// A command-line mistake; exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
