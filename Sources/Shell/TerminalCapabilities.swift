import Foundation

/// What the terminal on the other end can do: whether both ends are terminals,
/// its width, and whether colour is wanted (`NO_COLOR` turns it off).
public struct TerminalCapabilities: Sendable {
    /// Standard input and standard output are both terminals.
    public var isInteractive: Bool
    /// Colour escapes may be written to standard output.
    public var color: Bool
    /// Colour escapes may be written to standard error.
    public var colorOnStderr: Bool

    /// Reads the capabilities of this process's terminal and environment.
    public static func current() -> TerminalCapabilities {
        let env = ProcessInfo.processInfo.environment
        let noColor = env["NO_COLOR"].map { !$0.isEmpty } ?? false
        let outTTY = isatty(1) == 1
        return TerminalCapabilities(
            isInteractive: isatty(0) == 1 && outTTY,
            color: outTTY && !noColor && env["TERM"] != "dumb",
            colorOnStderr: isatty(2) == 1 && !noColor && env["TERM"] != "dumb"
        )
    }

    /// The terminal's width in columns (80 when it cannot be read).
    public static func width() -> Int {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }
}
