import Foundation

/// Where a session writes results (standard output) and messages (standard error).
public protocol OutputSink: AnyObject {
    /// Writes result text.
    func standard(_ text: String)
    /// Writes an error, warning or progress message.
    func error(_ text: String)
}

/// The process's standard output and error.
public final class StandardStreams: OutputSink {
    public init() {}

    public func standard(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Collects output in memory (tests, embedding).
public final class CapturedOutput: OutputSink {
    public private(set) var stdout = ""
    public private(set) var stderr = ""

    public init() {}

    public func standard(_ text: String) { stdout += text }
    public func error(_ text: String) { stderr += text }
}

/// Drops results and passes messages to standard error (replay, where only
/// the verdict belongs on standard output).
public final class MessagesOnly: OutputSink {
    public init() {}

    public func standard(_ text: String) {}

    public func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
