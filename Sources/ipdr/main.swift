import Foundation
import Session
import Shell

let options: CommandLineOptions
switch CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let o): options = o
case .failure(let e):
    FileHandle.standardError.write(Data("ipdr: \(e.description)\n\(CommandLineOptions.usage)\n".utf8))
    exit(2)
}

switch options.mode {
case .help:
    Console.out(CommandLineOptions.usage + "\n")
    exit(0)
case .version:
    Console.out("ipdr \(IPDRVersion.string)\n")
    exit(0)
default:
    break
}

let interactive = options.mode == .standard && TerminalCapabilities.current().isInteractive
let shell: ShellLoop? = interactive ? ShellLoop(format: options.output) : nil
let session = shell?.session ?? Session(format: options.output)
session.printTiming = options.timing
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
    let text: String
    switch ScriptFile.read(path) {
    case .success(let t): text = t
    case .failure(let e):
        FileHandle.standardError.write(Data("ipdr: cannot read script '\(path)': \(e.reason)\n".utf8))
        exit(2)
    }
    ok = session.execute(text, origin: .script(path: path), sourceName: path) && ok
case .command(let text):
    ok = session.execute(text, origin: .command) && ok
case .standard:
    let data = FileHandle.standardInput.readDataToEndOfFile()
    ok = session.execute(String(decoding: data, as: UTF8.self), origin: .stdin) && ok
case .help, .version:
    break
}
exit(ok ? 0 : 1)
