/// How to read a file: format, layout, zone of naive timestamps, declared
/// types, and what to do with bad lines.
public struct ReadOptions: Sendable {
    /// The format; nil = from the extension and the content.
    public var format: FileFormat?
    /// The field delimiter of CSV/TSV; nil = sniffed.
    public var delimiter: UInt8?
    /// Whether the first row is a header; nil = sniffed.
    public var header: Bool?
    /// The zone of timestamps that carry no offset.
    public var zone: Zone
    /// Declared column types by column name; they override inference.
    public var types: [String: DataType]
    /// Stop at the first bad line, or skip and report bad lines.
    public var onError: ErrorPolicy
    /// The longest physical line accepted, in bytes.
    public var maxLineBytes: Int
    /// Worker threads for parsing; nil = one per core.
    public var threads: Int?
    /// Called from worker threads as parsing advances.
    public var progress: (@Sendable (_ bytesDone: Int64, _ bytesTotal: Int64) -> Void)?
    /// Polled while parsing; returning true stops the read with `LoadError.cancelled`.
    public var isCancelled: (@Sendable () -> Bool)?
    /// Lines above the table (an operator's banner) that CSV/TSV reading
    /// passes over before the header; they still count in line numbers.
    public var skipLines: Int = 0
    /// Texts (case ignored) that mark footer lines after a CSV/TSV table
    /// ("This is System generated report"); such lines at the end of the file,
    /// and blank lines among them, are not data.
    public var footers: [String] = []
    /// Column names for a CSV/TSV file read without a header row (used when
    /// their number matches the fields of the first record).
    public var columnNames: [String]?
    /// The sheet of a workbook to read, by name; nil = the first sheet.
    public var sheet: String?
    /// Where the data ends (a byte offset), when a reader knows the tail is
    /// not data (nfdump's `Summary` block); nil = the end of the file.
    var dataEnd: Int?
    /// A one-byte field that means null, such as Zeek's `-`; 0 = none.
    public var unsetField: UInt8 = 0
    /// Given the whole file's bytes once, on a thread of its own, while the
    /// parse runs (the audit log hashes them there); the read returns only
    /// after it has returned. Not called for an empty or missing file.
    public var contentObserver: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    /// Options with everything but the zone at its default.
    public init(
        format: FileFormat? = nil,
        delimiter: UInt8? = nil,
        header: Bool? = nil,
        zone: Zone,
        types: [String: DataType] = [:],
        onError: ErrorPolicy = .fail,
        maxLineBytes: Int = 1 << 20,
        threads: Int? = nil,
        progress: (@Sendable (_ bytesDone: Int64, _ bytesTotal: Int64) -> Void)? = nil,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) {
        self.format = format
        self.delimiter = delimiter
        self.header = header
        self.zone = zone
        self.types = types
        self.onError = onError
        self.maxLineBytes = maxLineBytes
        self.threads = threads
        self.progress = progress
        self.isCancelled = isCancelled
    }
}
