import Foundation
import Session

/// The shell's output sink: writes results and messages to the terminal,
/// clears the progress line before any output, and, while paging is on for
/// a statement, holds its results back to send them through the pager when
/// they are taller than the screen.
public final class ShellOutput: OutputSink {
    /// The progress line to clear before writing.
    public var progress: ProgressLine?
    /// The pager for tall results.
    public var pager: Pager
    /// The terminal's height in rows.
    public var screenHeight: () -> Int
    private var paging = false
    private var held: [String] = []
    private var heldLines = 0
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    /// A sink writing to `writeOut`/`writeErr` (the process's standard streams by default).
    public init(pager: Pager,
                screenHeight: @escaping () -> Int = { TerminalCapabilities.height() },
                writeOut: @escaping (String) -> Void = { ShellOutput.write($0, to: 1) },
                writeErr: @escaping (String) -> Void = { ShellOutput.write($0, to: 2) }) {
        self.pager = pager
        self.screenHeight = screenHeight
        self.writeOut = writeOut
        self.writeErr = writeErr
    }

    /// Starts a statement: with `paging`, results are held until `endStatement()`.
    public func beginStatement(paging: Bool) {
        self.paging = paging
        held = []
        heldLines = 0
    }

    /// Ends a statement: held results go to the pager when taller than the
    /// screen, else to standard output.
    public func endStatement() {
        flushHeld()
        paging = false
    }

    public func standard(_ text: String) {
        progress?.suspend()
        if paging {
            held.append(text)
            heldLines += text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        } else {
            writeOut(text)
        }
    }

    public func error(_ text: String) {
        progress?.suspend()
        flushHeld()
        writeErr(text)
    }

    private func flushHeld() {
        guard !held.isEmpty else { return }
        let text = held.joined()
        let lines = heldLines
        held = []
        heldLines = 0
        if lines >= screenHeight() - 1, pager.show(text) { return }
        writeOut(text)
    }

    /// Writes all of `text` to file descriptor `fd`.
    public static func write(_ text: String, to fd: Int32) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
