/// A profile file that cannot be used: which file, where in it, and why.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The profile file's path, or `built-in:NAME` for a shipped profile.
    public var file: String
    /// 1-based line of the offending text.
    public var line: Int
    /// 1-based column (in characters) of the offending text.
    public var column: Int
    /// What is wrong.
    public var reason: String

    public init(file: String, line: Int, column: Int, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `FILE:LINE:COLUMN: REASON`.
    public var description: String { "\(file):\(line):\(column): \(reason)" }
}
