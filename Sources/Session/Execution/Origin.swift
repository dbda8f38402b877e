/// Where a statement came from; recorded with it and used in messages.
public enum Origin: Sendable, Equatable {
    /// Typed at the interactive prompt.
    case interactive
    /// Given with `-c`.
    case command
    /// Read from a non-terminal standard input.
    case stdin
    /// From a script file (`run`, `ipdr FILE.ipdr`).
    case script(path: String)
    /// Re-run by `ipdr replay` from the `start` entry `seq` of the log at `log`.
    case replay(log: String, seq: Int64)
}
