/// A 1-based line and column in a source file; the column counts characters.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// Line number, starting at 1.
    public var line: Int
    /// Column number in characters of the line, starting at 1.
    public var column: Int

    /// A location from a line and a column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
