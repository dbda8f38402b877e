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
    /// The codec of Parquet pages (nil: none). A column chunk that compression
    /// would not make smaller is stored uncompressed whatever this says.
    public var compression: Compression? = .zstd
    /// Key-value metadata stored in the file (the Arrow schema's; provenance).
    public var metadata: [(String, String)] = []
    /// CSV/TSV: prefix string cells that a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`, tab or CR) with `'`. Off here (output
    /// for programs); `save` turns it on unless `raw=true`.
    public var neutralizeFormulas = false
    /// CSV/TSV: columns whose all-digit string cells are written `="DIGITS"`,
    /// so that spreadsheets keep them as text rather than a rounded number.
    public var textColumns: Set<String> = []
    /// Given every byte of the file, in order, on a thread of its own while the
    /// write runs (the audit log hashes the export there instead of reading it
    /// back); the write returns only after it has seen the last byte.
    public var contentObserver: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    /// Polled while the file is written: once true the write stops, leaves
    /// no file (neither the target nor the temporary one) and throws
    /// `WriteError.cancelled`.
    public var isCancelled: (@Sendable () -> Bool)?
    /// Told the bytes written so far (0 first, then after each block of about 1 MiB).
    public var progress: (@Sendable (_ bytesWritten: Int64) -> Void)?

    public init(format: FileFormat? = nil, zone: Zone = .utc, overwrite: Bool = false, header: Bool = true, delimiter: UInt8? = nil) {
        self.format = format
        self.zone = zone
        self.overwrite = overwrite
        self.header = header
        self.delimiter = delimiter
    }
}
