/// What a read produced: the frame, the rejected lines, and how the file was read.
public struct ReadResult: Sendable {
    /// The loaded rows.
    public var frame: Frame
    /// With `on_error=skip`: one row per rejected line (`line`, `column`,
    /// `reason`, `text`); nil when nothing was rejected.
    public var rejects: Frame?
    /// The number of rejected lines.
    public var rejectedCount: Int
    /// The format the file was read as.
    public var format: FileFormat
    /// The delimiter used (CSV/TSV only).
    public var delimiter: UInt8?
    /// The size of the file.
    public var bytesRead: Int64
    /// Remarks for the analyst (sniffed settings, widened columns, ...).
    public var notes: [String]
    /// Damage the reader found that the analyst must hear about (a truncated export).
    public var warnings: [String] = []
    /// Key-value metadata the file carried (an Arrow schema's; provenance of ipdr's own exports).
    public var metadata: [(String, String)] = []

    public init(frame: Frame, rejects: Frame?, rejectedCount: Int, format: FileFormat, delimiter: UInt8?, bytesRead: Int64, notes: [String]) {
        self.frame = frame
        self.rejects = rejects
        self.rejectedCount = rejectedCount
        self.format = format
        self.delimiter = delimiter
        self.bytesRead = bytesRead
        self.notes = notes
    }
}
