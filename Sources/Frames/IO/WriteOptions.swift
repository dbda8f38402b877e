/// How to write a frame to a file.
public struct WriteOptions: Sendable {
    /// The format; nil = from the extension (CSV when unknown).
    public var format: FileFormat?
    /// The zone timestamps are written in (ISO 8601 with its offset).
    public var zone: Zone
    /// Replace an existing file.
    public var overwrite: Bool
    /// Write a header row (CSV/TSV).
    public var header: Bool
    /// The field delimiter (CSV/TSV); nil = `,` for CSV and tab for TSV.
    public var delimiter: UInt8?

    public init(format: FileFormat? = nil, zone: Zone = .utc, overwrite: Bool = false, header: Bool = true, delimiter: UInt8? = nil) {
        self.format = format
        self.zone = zone
        self.overwrite = overwrite
        self.header = header
        self.delimiter = delimiter
    }
}
