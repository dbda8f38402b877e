/// Writes frames as CSV, TSV, JSON (an array of objects) or NDJSON.
public enum FrameWriter {
    /// Writes `frame` to `path` and returns the number of bytes written.
    ///
    /// Refuses to replace an existing file unless `options.overwrite`. The
    /// data goes to a temporary file in the target folder (created when
    /// missing) and is renamed into place only when complete.
    public static func write(_ frame: Frame, to path: String, options: WriteOptions) throws(WriteError) -> Int64 {
        let format = options.format ?? formatFromExtension(path) ?? .csv
        return try AtomicFile.write(to: path, overwrite: options.overwrite) { (sink: inout ByteSink) throws(WriteError) in
            encode(frame, format: format, options: options, to: &sink)
        }
    }

    /// The bytes `write` would put in a file of `format` (for standard output).
    public static func encode(_ frame: Frame, format: FileFormat, options: WriteOptions) -> [UInt8] {
        var sink = ByteSink.memory()
        encode(frame, format: format, options: options, to: &sink)
        return sink.collected
    }

    static func encode(_ frame: Frame, format: FileFormat, options: WriteOptions, to sink: inout ByteSink) {
        switch format {
        case .csv, .tsv:
            let delimiter = options.delimiter ?? (format == .tsv ? 9 : 44)
            CSVWriter.write(frame, delimiter: delimiter, header: options.header, zone: options.zone, to: &sink)
        case .json, .ndjson:
            JSONWriter.write(frame, array: format == .json, zone: options.zone, to: &sink)
        }
    }

    static func formatFromExtension(_ path: String) -> FileFormat? {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return FileFormat(extension: String(name[name.index(after: dot)...]))
    }
}
