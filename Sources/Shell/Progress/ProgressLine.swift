import Foundation

/// A one-line progress report on standard error, redrawn in place with `\r`:
/// bytes read of the total, rate and time left while a file loads, elapsed
/// time for any statement running over a second. Cleared when the statement
/// ends or as soon as it writes output.
public final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "ipdr-progress")
    private var timer: (any DispatchSourceTimer)?
    private var started: UInt64 = 0
    private var bytesDone: Int64 = 0
    private var bytesTotal: Int64 = 0
    private var drawn = false
    private var quiet = true
    private let width: @Sendable () -> Int
    private let write: @Sendable (String) -> Void

    /// A progress line drawn with `write` (standard error by default), cut to `width()` columns.
    public init(width: @escaping @Sendable () -> Int = { TerminalCapabilities.width() },
                write: @escaping @Sendable (String) -> Void = { text in
                    var bytes = Array(text.utf8)
                    _ = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress, $0.count) }
                }) {
        self.width = width
        self.write = write
    }

    /// Starts timing a statement; the line appears after a short delay.
    public func begin() {
        lock.lock()
        started = DispatchTime.now().uptimeNanoseconds
        bytesDone = 0
        bytesTotal = 0
        drawn = false
        quiet = false
        lock.unlock()
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now() + .milliseconds(300), repeating: .milliseconds(200))
        t.setEventHandler { [weak self] in self?.redraw() }
        lock.lock()
        timer?.cancel()
        timer = t
        lock.unlock()
        t.resume()
    }

    /// Records load progress (called from loader threads).
    public func update(bytesDone: Int64, bytesTotal: Int64) {
        lock.lock()
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        lock.unlock()
    }

    /// Clears the line and stops drawing until the next `begin()` (the
    /// statement is writing output).
    public func suspend() {
        lock.lock()
        quiet = true
        if drawn { write("\r\u{1B}[K"); drawn = false }
        lock.unlock()
    }

    /// Stops timing and clears the line.
    public func end() {
        lock.lock()
        timer?.cancel()
        timer = nil
        quiet = true
        if drawn { write("\r\u{1B}[K"); drawn = false }
        lock.unlock()
    }

    private func redraw() {
        lock.lock()
        defer { lock.unlock() }
        guard !quiet else { return }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        guard let text = ProgressLine.describe(elapsed: elapsed, bytesDone: bytesDone, bytesTotal: bytesTotal) else { return }
        let limit = max(10, width() - 1)
        let shown = text.count > limit ? String(text.prefix(limit)) : text
        write("\r" + shown + "\u{1B}[K")
        drawn = true
    }

    /// The text of the line, or nil when nothing should show yet: loads show
    /// as soon as bytes are read, other statements after one second.
    static func describe(elapsed: Double, bytesDone: Int64, bytesTotal: Int64) -> String? {
        if bytesTotal > 0, bytesDone > 0 {
            let rate = elapsed > 0 ? Double(bytesDone) / elapsed : 0
            var s = "loading \(bytes(bytesDone)) / \(bytes(bytesTotal))"
            let percent = min(100, Int(Double(bytesDone) * 100 / Double(bytesTotal)))
            s += " (\(percent)%)  \(bytes(Int64(rate)))/s"
            if rate > 0, bytesDone < bytesTotal {
                s += "  ETA \(duration(Double(bytesTotal - bytesDone) / rate))"
            }
            s += "  \(duration(elapsed))  Ctrl-C cancels"
            return s
        }
        guard elapsed >= 1 else { return nil }
        return "running \(duration(elapsed))  Ctrl-C cancels"
    }

    /// `1.5 GB`, `830.2 MB`, `12 KB`, `512 B` (decimal units).
    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(max(0, n))
        var i = 0
        while v >= 1000, i < units.count - 1 { v /= 1000; i += 1 }
        return i == 0 ? "\(Int(v)) B" : String(format: "%.1f", v) + " " + units[i]
    }

    /// `7s`, `1:05`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%d:%02d", s / 60, s % 60) }
        return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }
}
