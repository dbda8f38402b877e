import Foundation

extension TerminalCapabilities {
    /// The terminal's height in rows (24 when it cannot be read).
    public static func height() -> Int {
        var ws = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 { return Int(ws.ws_row) }
        if let r = ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init), r > 0 { return r }
        return 24
    }
}
