/// What one call to `LineEditor.read(prompt:)` produced.
public enum LineRead: Equatable, Sendable {
    /// A line the user entered (without its newline).
    case line(String)
    /// Ctrl-C was pressed at the prompt: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
}
