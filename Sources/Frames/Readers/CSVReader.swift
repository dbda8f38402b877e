import Dispatch
import Foundation

/// Reads CSV/TSV files: sniffs the layout, splits the data at record
/// boundaries, parses the chunks in parallel into columns, and joins them.
enum CSVReader {
    /// Below this size a file is parsed on one thread (unless threads are
    /// set explicitly, which lowers it to `forcedParallelThreshold`).
    static let parallelThreshold = 1 << 20
    static let forcedParallelThreshold = 1 << 16

    static func read(_ file: MappedFile, format: FileFormat, options: ReadOptions) throws(LoadError) -> ReadResult {
        let path = file.path
        guard let base = file.base else { throw .emptyFile(path: path) }
        let dataStart = file.bomLength
        let eof = footerStart(base, from: dataStart, eof: options.dataEnd ?? file.count, footers: options.footers)
        var notes: [String] = []

        var firstContent = dataStart
        for _ in 0..<options.skipLines {
            while firstContent < eof, base[firstContent] != 10 { firstContent += 1 }
            if firstContent < eof { firstContent += 1 }
        }
        while firstContent < eof, base[firstContent] == 10 || base[firstContent] == 13 || base[firstContent] == 32 || base[firstContent] == 9 {
            firstContent += 1
        }
        guard firstContent < eof else { throw .emptyFile(path: path) }
        // Blank lines before the first record are passed over (and still counted as lines).
        var start = firstContent
        while start > dataStart, base[start - 1] != 10 { start -= 1 }
        let skippedLines = newlines(base, dataStart, start)
        let delimiter: UInt8
        if let d = options.delimiter {
            delimiter = d
        } else if format == .tsv {
            delimiter = 9
        } else {
            delimiter = CSVSniffer.delimiter(base, from: start, eof: eof)
            notes.append("delimiter \(describe(delimiter)) (sniffed)")
        }
        let scanner = CSVRecordScanner(base: base, eof: eof, delimiter: delimiter)
        let first = scanner.record(at: start)
        if let at = first.unterminatedAt {
            throw .unterminatedQuote(position(base, path: path, offset: at, line: 1 + newlines(base, dataStart, at), dataStart: dataStart))
        }
        if let bad = UTF8Check.firstInvalid(base + start, first.next - start) {
            let at = start + bad
            throw .invalidUTF8(position(base, path: path, offset: at, line: 1 + newlines(base, dataStart, at), dataStart: dataStart), byte: base[at])
        }
        let header: Bool
        if let h = options.header {
            header = h
        } else {
            var samples: [CSVRecordScanner.Record] = []
            var p = first.next
            while p < eof, samples.count < 200 {
                let r = scanner.record(at: p)
                if r.unterminatedAt != nil { break }
                if !(r.fields.count == 1 && r.fields[0].isEmpty) { samples.append(r) }
                p = r.next
            }
            header = CSVSniffer.hasHeader(first: first, samples: samples, zone: options.zone)
            notes.append(header ? "first row is a header (sniffed)" : "no header row (sniffed)")
        }
        let ncols = first.fields.count
        let names: [String]
        if header {
            names = HeaderNames.unique(first.fields.map { String(decoding: $0, as: UTF8.self) })
        } else if let given = options.columnNames, given.count == ncols {
            names = HeaderNames.unique(given)
        } else {
            names = (1...ncols).map { "column_\($0)" }
        }
        let bodyStart = header ? first.next : start
        let firstLine = 1 + skippedLines + (header ? first.newlines : 0)

        // Column plans: declared, identifier (string), or inferred.
        var kinds = [ValueKind](repeating: .unknown, count: ncols)
        var declared = [Bool](repeating: false, count: ncols)
        try applyTypes(options.types, names: names, path: path, kinds: &kinds, declared: &declared)
        for (c, name) in names.enumerated() where !declared[c] && HeaderNames.isIdentifierColumn(name) {
            kinds[c] = .string
        }

        let threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var bounds: [Int]
        let threshold = options.threads == nil ? parallelThreshold : forcedParallelThreshold
        if threads == 1 || eof - bodyStart < threshold {
            bounds = [bodyStart, eof]
        } else {
            bounds = splitPoints(base, from: bodyStart, to: eof, chunks: threads * 4, threads: threads,
                                 minChunk: options.threads == nil ? 256 * 1024 : 8 * 1024)
        }

        var results: [CSVChunkResult] = []
        var forcedString = Set<Int>()
        var notedWidening = Set<Int>()
        while true {
            var runKinds = kinds
            for c in forcedString { runKinds[c] = .string }
            var parser = CSVChunkParser(base: base, eof: eof, delimiter: delimiter, kinds: runKinds, declared: declared,
                                        zone: options.zone, policy: options.onError, maxLineBytes: options.maxLineBytes,
                                        isCancelled: options.isCancelled)
            parser.unsetField = options.unsetField
            results = runChunks(parser, bounds: bounds, threads: threads, total: Int64(eof), progress: options.progress)
            if results.contains(where: \.cancelled) { throw .cancelled(path: path) }
            // Chunks must meet exactly; otherwise a split fell inside a quoted field.
            let firstIssue = results.firstIndex { !$0.issues.isEmpty && options.onError == .fail }
            let checkUpTo = firstIssue ?? (results.count - 1)
            var consistent = true
            for i in 0..<checkUpTo where results[i].stop != bounds[i + 1] { consistent = false; break }
            if !consistent {
                bounds = [bodyStart, eof]
                continue
            }
            if let i = firstIssue, let issue = results[i].issues.first {
                let lineBase = firstLine + results[..<i].reduce(0) { $0 + $1.newlines }
                throw loadError(issue, base: base, path: path, lineBase: lineBase, dataStart: dataStart, names: names, kinds: runKinds)
            }
            // Widen columns whose values did not fit, or whose chunks disagree.
            var widen = Set<Int>()
            for c in 0..<ncols where !forcedString.contains(c) && !declared[c] {
                var merged: ValueKind? = .unknown
                for r in results {
                    if r.needsString[c] { merged = nil; break }
                    merged = merged.flatMap { ValueKind.merge($0, r.columns[c].kind) }
                    if merged == nil { break }
                }
                if merged == nil { widen.insert(c) }
            }
            if widen.isEmpty { break }
            forcedString.formUnion(widen)
            for c in widen where !notedWidening.contains(c) {
                notes.append("column `\(names[c])` has mixed values: read as string")
                notedWidening.insert(c)
            }
        }

        let rows = results.reduce(0) { $0 + $1.rows }
        var rejected: [(issue: DataIssue, lineBase: Int)] = []
        var lineBase = firstLine
        for r in results {
            for issue in r.issues { rejected.append((issue, lineBase)) }
            lineBase += r.newlines
        }
        // A table whose footer says it is empty ("No Records Found") is an empty frame, not an error.
        let footerCut = eof < file.count && !options.footers.isEmpty
        if rows == 0 && rejected.isEmpty && !footerCut { throw .noDataRows(path: path) }

        // Join each column's chunks; columns are independent, so on several threads.
        var finalKinds: [ValueKind] = []
        for c in 0..<ncols {
            var kind: ValueKind = .unknown
            for r in results { kind = ValueKind.merge(kind, r.columns[c].kind) ?? .string }
            finalKinds.append(declared[c] ? kinds[c] : kind)
        }
        // The chunks' buffers move into per-column slots and are released as soon
        // as their column is joined, so the load never holds two copies of the frame.
        let joined = ParallelSlots<Column>(count: ncols)
        let parts = ParallelSlots<[ChunkColumn]>(count: ncols)
        for c in 0..<ncols { parts.set(c, results.map { $0.columns[c] }) }
        results = []
        let lanes = min(threads, max(ncols, 1))
        let joinKinds = finalKinds
        DispatchQueue.concurrentPerform(iterations: lanes) { w in
            var c = w
            while c < ncols {
                joined.set(c, ColumnJoiner.join(parts.take(c) ?? [], kind: joinKinds[c], rows: rows))
                c += lanes
            }
        }
        let joinedColumns = joined.results()
        var fields: [Field] = []
        var columns: [Column] = []
        for c in 0..<ncols {
            let column = joinedColumns[c] ?? Column.nulls(finalKinds[c].dataType, count: rows)
            let source = header ? String(decoding: first.fields[c], as: UTF8.self) : nil
            fields.append(Field(names[c], column.type, sourceName: source == names[c] ? nil : source))
            columns.append(column)
        }
        let frame = Frame(fields: fields, columns: columns, rowCount: rows)
        let rejects = rejected.isEmpty ? nil : RejectsFrame.make(rejected.map { r in
            let e = loadError(r.issue, base: base, path: path, lineBase: r.lineBase, dataStart: dataStart, names: names, kinds: kinds)
            let text = String(decoding: UnsafeBufferPointer(start: base + r.issue.textStart, count: max(0, r.issue.textEnd - r.issue.textStart)),
                              as: UTF8.self)
            return (e.position?.line ?? 0, e.position?.column ?? 0, e.reason, text)
        })
        if !rejected.isEmpty { notes.append("\(rejected.count) line(s) rejected") }
        if bounds.count > 2 { notes.append("parsed in \(bounds.count - 1) chunks on \(min(threads, bounds.count - 1)) threads") }
        options.progress?(Int64(eof), Int64(eof))
        return ReadResult(frame: frame, rejects: rejects, rejectedCount: rejected.count, format: delimiter == 9 ? .tsv : .csv,
                          delimiter: delimiter, bytesRead: Int64(file.count), notes: notes)
    }

    /// Where footer lines at the end of the file start (`eof` when there are
    /// none): lines that contain one of `footers` (case ignored), with the
    /// blank lines among and after them.
    static func footerStart(_ base: UnsafePointer<UInt8>, from start: Int, eof: Int, footers: [String]) -> Int {
        guard !footers.isEmpty else { return eof }
        let wanted = footers.map { Array($0.lowercased().utf8) }
        var end = eof
        var cut = eof
        while end > start {
            var e = end
            if base[e - 1] == 10 { e -= 1 }
            var s = e
            while s > start, base[s - 1] != 10 { s -= 1 }
            let line = UnsafeBufferPointer(start: base + s, count: e - s).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 || $0 == 44 || $0 == 34 }) {
                end = s
                continue
            }
            guard wanted.contains(where: { w in !w.isEmpty && line.count >= w.count && (0...(line.count - w.count)).contains { Array(line[$0..<$0 + w.count]) == w } }) else { break }
            cut = s
            end = s
        }
        // Blank lines between the table and its footer go with the footer.
        return cut < eof ? end : cut
    }

    /// Applies `types=` to the column plans; a name the file lacks is an error.
    private static func applyTypes(_ types: [String: DataType], names: [String], path: String,
                                   kinds: inout [ValueKind], declared: inout [Bool]) throws(LoadError) {
        for (name, type) in types.sorted(by: { $0.key < $1.key }) {
            guard let c = names.firstIndex(of: name) else {
                throw .invalidOption(path: path, reason: "types names column `\(name)`, which the file does not have (columns: \(names.joined(separator: ", ")))")
            }
            kinds[c] = ValueKind(declared: type)
            declared[c] = true
        }
    }

    /// Runs the parser over each chunk on up to `threads` workers.
    private static func runChunks(_ parser: CSVChunkParser, bounds: [Int], threads: Int, total: Int64,
                                  progress: (@Sendable (Int64, Int64) -> Void)?) -> [CSVChunkResult] {
        var parser = parser
        if let progress {
            // Bytes before the data (BOM, header) count as done from the start.
            let done = ProgressCounter()
            _ = done.add(Int64(bounds[0]))
            parser.advanced = { delta in progress(min(done.add(delta), total), total) }
        }
        let count = bounds.count - 1
        if count == 1 {
            return [parser.parse(from: bounds[0], to: bounds[1])]
        }
        let slots = ParallelSlots<CSVChunkResult>(count: count)
        let workers = min(threads, count)
        let shared = parser
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < count {
                let r = shared.parse(from: bounds[i], to: bounds[i + 1])
                slots.set(i, r)
                if r.cancelled { break }
                i += workers
            }
        }
        return slots.results().map {
            $0 ?? CSVChunkResult(columns: [], rows: 0, stop: -1, newlines: 0, issues: [], needsString: [], cancelled: true)
        }
    }

    /// Chunk boundaries at record starts, found by quote parity.
    static func splitPoints(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, chunks: Int, threads: Int,
                            minChunk: Int) -> [Int] {
        let size = end - start
        let n = max(1, min(chunks, size / minChunk))
        if n == 1 { return [start, end] }
        let nominal = (0...n).map { start + Int((Int64(size) * Int64($0)) / Int64(n)) }
        let counts = ParallelSlots<Int>(count: n)
        let bytes = MappedBytes(base: base)
        DispatchQueue.concurrentPerform(iterations: min(threads, n)) { w in
            var i = w
            while i < n {
                counts.set(i, QuoteCounter.count(34, in: bytes.base, from: nominal[i], to: nominal[i + 1]))
                i += min(threads, n)
            }
        }
        let quoteCounts = counts.results().map { $0 ?? 0 }
        var bounds = [start]
        var parity = 0
        for k in 1..<n {
            parity = (parity + quoteCounts[k - 1]) & 1
            var p = nominal[k]
            var inQuotes = parity == 1
            while p < end {
                let c = base[p]
                if c == 34 { inQuotes.toggle() } else if c == 10 && !inQuotes { p += 1; break }
                p += 1
            }
            if p > bounds[bounds.count - 1] && p < end { bounds.append(p) }
        }
        bounds.append(end)
        return bounds
    }

    /// A worker's problem as a load error with file, absolute line and column.
    static func loadError(_ issue: DataIssue, base: UnsafePointer<UInt8>, path: String, lineBase: Int, dataStart: Int,
                          names: [String], kinds: [ValueKind]) -> LoadError {
        let pos = position(base, path: path, offset: issue.offset, line: lineBase + issue.line, dataStart: dataStart)
        switch issue.kind {
        case .unterminatedQuote: return .unterminatedQuote(pos)
        case .textAfterQuote: return .textAfterQuote(pos)
        case .fieldCount(let e, let f): return .wrongFieldCount(pos, expected: e, found: f)
        case .invalidUTF8(let b): return .invalidUTF8(pos, byte: b)
        case .typeMismatch(let c, let text): return .typeMismatch(pos, column: names[c], type: kinds[c].dataType, text: text)
        case .lineTooLong(let limit): return .lineTooLong(pos, limit: limit)
        case .json(let reason): return .jsonSyntax(pos, reason: reason)
        }
    }

    /// The position of a byte: its line as given, its column counted in characters from the line start.
    static func position(_ base: UnsafePointer<UInt8>, path: String, offset: Int, line: Int, dataStart: Int) -> SourcePosition {
        var s = offset
        while s > dataStart, base[s - 1] != 10 { s -= 1 }
        return SourcePosition(file: path, line: line, column: UTF8Check.characterCount(base + s, offset - s) + 1)
    }

    static func newlines(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        QuoteCounter.count(10, in: base, from: from, to: to)
    }

    static func describe(_ d: UInt8) -> String {
        switch d {
        case 9: return "tab"
        default: return "'\(Character(Unicode.Scalar(d)))'"
        }
    }
}
