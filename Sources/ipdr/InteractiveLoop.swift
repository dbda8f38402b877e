import Foundation
import Language
import Session

/// A plain prompt loop for a terminal: reads a statement (continuing while a
/// line ends with `|` or a quote or parenthesis is open) and executes it.
struct InteractiveLoop {
    let session: Session

    /// The one-line greeting shown before anything else.
    static func banner() {
        Console.out("ipdr \(IPDRVersion.string) — type help for statements, stages and functions; exit or Ctrl-D to leave\n")
    }

    func run() -> Bool {
        var ok = true
        var buffer = ""
        while !session.exitRequested {
            Console.out(buffer.isEmpty ? "ipdr> " : "  ...> ")
            guard let line = readLine(strippingNewline: true) else {
                Console.out("\n")
                break
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if Parser.needsContinuation(buffer) { continue }
            let text = buffer
            buffer = ""
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            ok = session.execute(text, origin: .interactive) && ok
        }
        return ok
    }
}
