import Foundation
import Session

/// A plain prompt loop for a terminal: reads a statement (continuing while a
/// line ends with `|` or a quote or parenthesis is open) and executes it.
struct InteractiveLoop {
    let session: Session

    func run() -> Bool {
        print("ipdr \(IPDRVersion.string) — type help for statements, stages and functions; exit or Ctrl-D to leave")
        var ok = true
        var buffer = ""
        while !session.exitRequested {
            print(buffer.isEmpty ? "ipdr> " : "  ...> ", terminator: "")
            fflush(stdout)
            guard let line = readLine(strippingNewline: true) else {
                print("")
                break
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if StatementCompleteness.needsMore(buffer) { continue }
            let text = buffer
            buffer = ""
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            ok = session.execute(text, origin: .interactive) && ok
            fflush(stdout)
        }
        return ok
    }
}

/// Decides whether typed text is an unfinished statement.
enum StatementCompleteness {
    /// True when the text ends with `|`, or has an open quote, backquote or parenthesis.
    static func needsMore(_ text: String) -> Bool {
        var depth = 0
        var quote: Character? = nil
        var escaped = false
        var inComment = false
        for ch in text {
            if inComment {
                if ch == "\n" { inComment = false }
                continue
            }
            if let q = quote {
                if escaped { escaped = false; continue }
                if ch == "\\" && q != "`" { escaped = true; continue }
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "\"", "'", "`": quote = ch
            case "(": depth += 1
            case ")": depth -= 1
            case "#": inComment = true
            default: break
            }
        }
        if quote != nil || depth > 0 { return true }
        let trimmed = text.split(separator: "\n").last.map { line -> Substring in
            var l = line
            if let hash = l.firstIndex(of: "#") { l = l[..<hash] }
            return l
        } ?? ""
        return trimmed.trimmingCharacters(in: .whitespaces).hasSuffix("|")
    }
}
