/// Writes frames as CSV, TSV, JSON (an array of objects), NDJSON, Arrow IPC or Parquet.
public enum FrameWriter {
    /// What a write did.
    public struct Outcome: Sendable {
        /// Bytes in the file.
        public var bytes: Int64
        /// CSV/TSV string cells prefixed with `'` so that no spreadsheet runs them.
        public var neutralizedCells: Int
    }

    /// Writes `frame` to `path` and returns the number of bytes written.
    ///
    /// Refuses to replace an existing file unless `options.overwrite`. The
    /// data goes to a temporary file in the target folder (created when
    /// missing) and is renamed into place only when complete.
    public static func write(_ frame: Frame, to path: String, options: WriteOptions) throws(WriteError) -> Int64 {
        try writeReporting(frame, to: path, options: options).bytes
    }

    /// Writes `frame` to `path` as `write` does, and says what was done.
    public static func writeReporting(_ frame: Frame, to path: String, options: WriteOptions) throws(WriteError) -> Outcome {
        let format = options.format ?? formatFromExtension(path) ?? .csv
        var neutralized = 0
        let bytes = try AtomicFile.write(to: path, overwrite: options.overwrite, observer: options.contentObserver,
                                         isCancelled: options.isCancelled, progress: options.progress) { (sink: inout ByteSink) throws(WriteError) in
            neutralized = encode(frame, format: format, options: options, to: &sink)
        }
        return Outcome(bytes: bytes, neutralizedCells: neutralized)
    }

    /// Writes raw bytes to `path` atomically (a sidecar file, a report),
    /// refusing to replace an existing file unless `overwrite`. `isCancelled`
    /// and `progress` work as for `writeReporting`: a cancelled write leaves
    /// neither the file nor its temporary file.
    public static func writeBytes(_ bytes: [UInt8], to path: String, overwrite: Bool,
                                  isCancelled: (@Sendable () -> Bool)? = nil,
                                  progress: (@Sendable (Int64) -> Void)? = nil) throws(WriteError) -> Int64 {
        try AtomicFile.write(to: path, overwrite: overwrite, isCancelled: isCancelled, progress: progress) { (sink: inout ByteSink) throws(WriteError) in
            bytes.withUnsafeBufferPointer { sink.bytes($0) }
            sink.flush()
        }
    }

    /// The format a write to `path` with `options` uses.
    public static func format(for path: String, options: WriteOptions) -> FileFormat {
        options.format ?? formatFromExtension(path) ?? .csv
    }

    /// The bytes `write` would put in a file of `format` (for standard output).
    public static func encode(_ frame: Frame, format: FileFormat, options: WriteOptions) -> [UInt8] {
        var sink = ByteSink.memory()
        encode(frame, format: format, options: options, to: &sink)
        return sink.collected
    }

    /// Encodes `frame`; returns the number of neutralised CSV/TSV cells.
    @discardableResult
    static func encode(_ frame: Frame, format: FileFormat, options: WriteOptions, to sink: inout ByteSink) -> Int {
        switch format {
        case .csv, .tsv, .zeek, .nfdump, .radius, .natlog, .xlsx, .ipdrxml:
            // `save` refuses the read-only formats; a caller asking for one gets TSV.
            let delimiter = options.delimiter ?? (format == .csv ? 44 : 9)
            return CSVWriter.write(frame, delimiter: delimiter, header: options.header, zone: options.zone,
                                   safety: CSVWriter.Safety(neutralize: options.neutralizeFormulas, textColumns: options.textColumns),
                                   to: &sink)
        case .json, .ndjson:
            JSONWriter.write(frame, array: format == .json, zone: options.zone, to: &sink)
            return 0
        case .arrow:
            ArrowFileWriter.write(frame, metadata: options.metadata, to: &sink)
            return 0
        case .parquet:
            ParquetFileWriter.write(frame, metadata: options.metadata, codec: options.compression, to: &sink)
            return 0
        }
    }

    static func formatFromExtension(_ path: String) -> FileFormat? {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return FileFormat(extension: String(name[name.index(after: dot)...]))
    }
}
