import Foundation

/// Reads CSV, TSV (Zeek logs among them), JSON, NDJSON, Arrow, Parquet, `.xlsx`
/// sheets and IPDRDoc XML files into frames.
public enum FrameReader {
    /// Reads the file at `path`.
    ///
    /// The file is opened read-only and memory-mapped. The format comes from
    /// `options.format`, else the extension and the first bytes. Bad lines
    /// stop the read (`onError = .fail`, the first in file order) or are
    /// returned in `ReadResult.rejects` (`.skip`).
    public static func read(path: String, options: ReadOptions) throws(LoadError) -> ReadResult {
        let file = try MappedFile(path: path)
        guard file.count > 0 else { throw .emptyFile(path: path) }
        let observer = options.contentObserver.map { ContentObserverThread(file: file, observer: $0) }
        defer { observer?.wait() }
        let format = try resolve(file, options: options)
        if let isCancelled = options.isCancelled, isCancelled() { throw .cancelled(path: path) }
        switch format {
        case .csv, .tsv:
            return try CSVReader.read(file, format: format, options: options)
        case .zeek:
            return try ZeekReader.read(file, options: options)
        case .nfdump:
            return try NfdumpReader.read(file, options: options)
        case .json, .ndjson:
            return try JSONReader.read(file, format: format, options: options)
        case .arrow:
            return try readArrow(file)
        case .parquet:
            return try readParquet(file, isCancelled: options.isCancelled)
        case .radius:
            return try RadiusReader.read(file, options: options)
        case .natlog:
            return try NatLogReader.read(file, options: options)
        case .xlsx:
            return try XlsxReader.read(file, options: options)
        case .ipdrxml:
            return try IPDRDocReader.read(file, options: options)
        }
    }

    /// The format a file will be read as: `options.format`, else the Arrow
    /// magic, a Zeek log's `#separator` line, the extension and the first bytes.
    public static func format(path: String, options: ReadOptions) throws(LoadError) -> FileFormat {
        let file = try MappedFile(path: path)
        guard file.count > 0 else { throw .emptyFile(path: path) }
        return try resolve(file, options: options)
    }

    /// The first `bytes` bytes of the table text a profile looks at (the
    /// file's own bytes for CSV and TSV), nil for a format profiles do not
    /// locate tables in or a file that cannot be read. For a workbook, the
    /// CSV text of the sheet `sheet` names (else the first sheet).
    public static func tablePrefix(path: String, format: FileFormat, bytes: Int, sheet: String? = nil) -> [UInt8]? {
        switch format {
        case .xlsx:
            guard let file = try? MappedFile(path: path) else { return nil }
            return XlsxReader.prefix(file, sheet: sheet, bytes: bytes)
        case .csv, .tsv, .zeek, .nfdump:
            guard let file = try? MappedFile(path: path), let base = file.base else { return nil }
            return Array(UnsafeBufferPointer(start: base, count: min(bytes, file.count)))
        case .json, .ndjson, .arrow, .parquet, .radius, .natlog, .ipdrxml:
            return nil
        }
    }

    /// The format of a mapped file; a text format for a binary file is an error.
    static func resolve(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> FileFormat {
        if options.format == .arrow || ArrowFileReader.isArrow(file.rawBytes) || ArrowFileReader.isStream(file.rawBytes) { return .arrow }
        if options.format == .parquet || ParquetFileReader.isParquet(file.rawBytes) { return .parquet }
        if options.format == .xlsx || (options.format == nil && XlsxArchive.looks(file)) { return .xlsx }
        if file.looksBinary { throw .binaryFile(path: file.path) }
        if options.format == nil, IPDRDocReader.looks(file) { return .ipdrxml }
        if let f = options.format {
            if f == .csv && NfdumpReader.looks(file) { return .nfdump }
            return f == .tsv && ZeekReader.looks(file) ? .zeek : f
        }
        if ZeekReader.looks(file) { return .zeek }
        if RadiusReader.looks(file) { return .radius }
        if NatLogReader.looks(file) { return .natlog }
        if NfdumpReader.looks(file) { return .nfdump }
        return detect(file)
    }

    /// Reads an Arrow IPC file; its schema metadata (provenance) is in the notes' sibling `metadata`.
    static func readArrow(_ file: MappedFile) throws(LoadError) -> ReadResult {
        do {
            let contents = try ArrowFileReader.decode(file.rawBytes)
            var result = ReadResult(frame: contents.frame, rejects: nil, rejectedCount: 0, format: .arrow, delimiter: nil,
                                    bytesRead: Int64(file.count), notes: contents.notes)
            result.metadata = contents.metadata
            return result
        } catch {
            throw .arrow(path: file.path, reason: error.reason)
        }
    }

    /// Reads a Parquet file; its key-value metadata (provenance) is in `metadata`.
    static func readParquet(_ file: MappedFile, isCancelled: (@Sendable () -> Bool)?) throws(LoadError) -> ReadResult {
        do {
            let contents = try ParquetFileReader.decode(file.rawBytes, isCancelled: isCancelled)
            var result = ReadResult(frame: contents.frame, rejects: nil, rejectedCount: 0, format: .parquet, delimiter: nil,
                                    bytesRead: Int64(file.count), notes: contents.notes)
            result.metadata = contents.metadata
            return result
        } catch {
            if let isCancelled, isCancelled() { throw .cancelled(path: file.path) }
            throw .parquet(path: file.path, reason: error.reason)
        }
    }

    /// The format named by the extension, refined by the first non-blank byte.
    static func detect(_ file: MappedFile) -> FileFormat {
        let ext = file.path.split(separator: "/").last.flatMap { name -> String? in
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            return String(name[name.index(after: dot)...])
        }
        let byExtension = ext.flatMap { FileFormat(extension: $0) }
        var firstByte: UInt8 = 0
        if let base = file.base {
            var i = file.bomLength
            while i < file.count, base[i] == 32 || base[i] == 9 || base[i] == 10 || base[i] == 13 { i += 1 }
            if i < file.count { firstByte = base[i] }
        }
        switch byExtension {
        case .json?, .ndjson?:
            if firstByte == UInt8(ascii: "[") { return .json }
            if firstByte == UInt8(ascii: "{") { return .ndjson }
            return byExtension ?? .json
        case .csv?, .tsv?, .arrow?, .parquet?, .zeek?, .nfdump?, .radius?, .natlog?, .xlsx?, .ipdrxml?:
            return byExtension ?? .csv
        case nil:
            if firstByte == UInt8(ascii: "[") { return .json }
            if firstByte == UInt8(ascii: "{") { return .ndjson }
            return .csv
        }
    }
}

/// Runs a read's content observer over the mapped bytes on a thread of its own
/// (not a dispatch worker, which the parse keeps busy), so that it overlaps
/// the parse; `wait` joins it before the mapping goes away.
final class ContentObserverThread: @unchecked Sendable {
    private let file: MappedFile
    private let done = DispatchSemaphore(value: 0)

    init(file: MappedFile, observer: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.file = file
        let thread = Thread { [file, done] in
            if let base = file.base { observer(UnsafeRawBufferPointer(start: base, count: file.count)) }
            done.signal()
        }
        thread.start()
    }

    /// Blocks until the observer has returned.
    func wait() {
        done.wait()
        withExtendedLifetime(file) {}
    }
}
