import Audit
import Foundation
import Session
import Shell

// A log write past a file-size limit must fail with EFBIG, not kill the process.
signal(SIGXFSZ, SIG_IGN)

MemoryPolicy.apply()

let options: CommandLineOptions
switch CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let o): options = o
case .failure(let e):
    FileHandle.standardError.write(Data("ipdr: \(e.description)\n\(CommandLineOptions.usage)\n".utf8))
    exit(2)
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("ipdr: \(message)\n".utf8))
    exit(status)
}

switch options.mode {
case .help:
    Console.out(CommandLineOptions.usage + "\n")
    exit(0)
case .version:
    Console.out("ipdr \(IPDRVersion.string)\n")
    exit(0)
case .auditKeygen(let priv, let pub):
    exit(AuditCommands.keygen(privatePath: priv, publicPath: pub))
case .auditVerify(let path):
    exit(AuditCommands.verify(path: path, publicKey: options.publicKey, checkpoints: options.checkpoints))
default:
    break
}

// A script given on the command line is read first: it is evidence of the session.
var scriptText: String?
var startEvidence: [Evidence] = []
if case .script(let path) = options.mode {
    switch ScriptFile.readWithDigest(path) {
    case .success(let t):
        scriptText = t.text
        if let e = FileEvidence.describe(path: path, role: .read, sha256: t.sha256) { startEvidence.append(e) }
    case .failure(let e):
        fail("cannot read script '\(path)': \(e.reason)", status: 2)
    }
}

let environment = ProcessInfo.processInfo.environment
let auditLog: AuditLog
do {
    let wait = environment["IPDR_AUDIT_WAIT"].flatMap(Double.init) ?? 3
    auditLog = try AuditLog.open(
        path: options.resolvedAuditPath(environment: environment),
        environment: .current(toolVersion: IPDRVersion.string, tz: options.tz ?? "UTC"),
        evidence: startEvidence, lockWait: wait)
} catch {
    fail("\(error.description); nothing was run", status: 1)
}
if let q = auditLog.quarantinePath {
    FileHandle.standardError.write(Data("warning: the audit log's last line was torn (a crash mid-write); it was moved to \(q) and recorded\n".utf8))
}

if case .replay(let log) = options.mode {
    let session = Session(output: MessagesOnly(), format: options.output)
    session.audit = auditLog
    let ok = Replayer(logPath: log, sessionID: options.replaySession).run(in: session) { Console.out($0) }
    exit(ok ? 0 : 1)
}

let interactive = options.mode == .standard && TerminalCapabilities.current().isInteractive
let shell: ShellLoop? = interactive ? ShellLoop(format: options.output) : nil
let session = shell?.session ?? Session(format: options.output)
session.audit = auditLog
session.printTiming = options.timing
if let hold = environment["IPDR_JOB_HOLD"], !hold.isEmpty {
    // For the terminal tests: every background job waits before its work until this file exists.
    session.jobGate = { _ in
        while !FileManager.default.fileExists(atPath: hold) { usleep(20_000) }
    }
}
session.color = isatty(0) == 1 && TerminalCapabilities.current().colorOnStderr
shell?.printBanner()
if let tz = options.tz {
    guard session.execute("set tz = \"\(tz)\"", origin: .command, sourceName: "--tz") else { exit(2) }
}
if let shell {
    exit(shell.run(startupFiles: options.dataFiles) ? 0 : 1)
}
var ok = true
for file in options.dataFiles {
    ok = session.execute(Session.loadStatement(forPath: file), origin: .command, sourceName: file) && ok
}

switch options.mode {
case .script(let path):
    ok = session.execute(scriptText ?? "", origin: .script(path: path), sourceName: path) && ok
case .command(let text):
    ok = session.execute(text, origin: .command) && ok
case .standard:
    let data = FileHandle.standardInput.readDataToEndOfFile()
    ok = session.execute(String(decoding: data, as: UTF8.self), origin: .stdin) && ok
case .help, .version, .auditVerify, .auditKeygen, .replay:
    break
}
// Jobs started with `&` end before ipdr does: a script never loses one.
session.waitForJobs()
ok = ok && !session.hasFailedJobs
exit(ok ? 0 : 1)
