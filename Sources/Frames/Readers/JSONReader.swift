#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// Reads a JSON array of objects, or NDJSON (one object per line), into a frame.
///
/// Columns are the union of keys in first-seen order; a missing key is a
/// null; nested objects and arrays are kept as their JSON text. Numbers
/// become int or float columns; strings are read as timestamps or addresses
/// when every value of the column is one, else as strings.
enum JSONReader {
    /// The cells of one column: value type and span per row.
    struct CellColumn: Sendable {
        var types: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []

        mutating func appendNull() {
            types.append(JSONScanner.ValueType.null.rawValue)
            starts.append(0)
            ends.append(0)
        }
    }

    static func read(_ file: MappedFile, format: FileFormat, options: ReadOptions) throws(LoadError) -> ReadResult {
        let path = file.path
        guard let base = file.base else { throw .emptyFile(path: path) }
        let dataStart = file.bomLength
        func syntax(_ e: JSONScanner.SyntaxError, lineBase: Int) -> LoadError {
            .jsonSyntax(CSVReader.position(base, path: path, offset: e.offset, line: lineBase + e.line, dataStart: dataStart),
                        reason: e.reason)
        }
        var first = JSONScanner(base: base, start: dataStart, end: file.count)
        first.skipBlanks()
        if first.atEnd { throw .emptyFile(path: path) }
        let workers = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        var table = JSONTable(base: base)
        if format == .json {
            var scanner = JSONScanner(base: base, start: dataStart, end: file.count)
            var objects = 0
            var cancelled = false
            do throws(JSONScanner.SyntaxError) {
                scanner.skipBlanks()
                try scanner.expect(91, "'[' (a JSON array of objects)")
                scanner.skipBlanks()
                if scanner.current == 93 {
                    scanner.pos += 1
                } else {
                    while true {
                        objects += 1
                        if objects & 0xFFF == 1, let isCancelled = options.isCancelled, isCancelled() { cancelled = true; break }
                        scanner.skipBlanks()
                        try table.object(&scanner)
                        scanner.skipBlanks()
                        if scanner.current == 44 { scanner.pos += 1; continue }
                        try scanner.expect(93, "',' or ']' after an object")
                        break
                    }
                }
                scanner.skipBlanks()
                if !cancelled, !scanner.atEnd { throw scanner.error("unexpected \(scanner.found) after the array") }
            } catch {
                throw syntax(error, lineBase: 1)
            }
            if cancelled { throw .cancelled(path: path) }
        } else {
            // NDJSON lines are independent: parse chunks split at newlines in parallel.
            let explicit = options.threads != nil
            let size = file.count - dataStart
            let threshold = explicit ? CSVReader.forcedParallelThreshold : CSVReader.parallelThreshold
            var bounds = [dataStart]
            if workers > 1 && size >= threshold {
                let n = max(1, min(workers * 4, size / (explicit ? 8 * 1024 : 256 * 1024)))
                for k in 1..<max(n, 1) {
                    let nominal = dataStart + Int(Int64(size) * Int64(k) / Int64(n))
                    let nl = memchr(base + nominal, 10, file.count - nominal)
                        .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base + 1 } ?? file.count
                    if nl > bounds[bounds.count - 1] && nl < file.count { bounds.append(nl) }
                }
            }
            bounds.append(file.count)
            let chunkCount = bounds.count - 1
            let slots = ParallelSlots<JSONTable>(count: chunkCount)
            let bytes = MappedBytes(base: base)
            let policy = options.onError
            let isCancelled = options.isCancelled
            let lanes = min(workers, chunkCount)
            let frozenBounds = bounds
            DispatchQueue.concurrentPerform(iterations: lanes) { w in
                var i = w
                while i < chunkCount {
                    var t = JSONTable(base: bytes.base)
                    t.parseLines(from: frozenBounds[i], to: frozenBounds[i + 1], policy: policy, isCancelled: isCancelled)
                    slots.set(i, t)
                    i += lanes
                }
            }
            var lineBase = 0
            for (i, part) in slots.results().enumerated() {
                guard let part, !part.cancelled else { throw .cancelled(path: path) }
                if let e = part.failure { throw syntax(e, lineBase: 1 + lineBase) }
                if i == 0 { table = part } else { table.append(part, lineOffset: lineBase) }
                lineBase += CSVReader.newlines(base, bounds[i], bounds[i + 1])
            }
        }
        let names = table.names
        let cells = table.cells
        let rowLines = table.rowLines
        let rowStarts = table.rowStarts
        let rowEnds = table.rowEnds
        var rejected: [(issue: DataIssue, row: Int)] = table.rejected.map { ($0, 0) }
        var scratch: [UInt8] = []

        // Invalid UTF-8 inside a row.
        var rowRejected = [Bool](repeating: false, count: rowLines.count)
        for r in 0..<rowLines.count {
            if let bad = UTF8Check.firstInvalid(base + rowStarts[r], rowEnds[r] - rowStarts[r]) {
                let at = rowStarts[r] + bad
                let issue = DataIssue(kind: .invalidUTF8(base[at]), line: rowLines[r] + CSVReader.newlines(base, rowStarts[r], at),
                                      offset: at, textStart: rowStarts[r], textEnd: rowEnds[r])
                if options.onError == .fail {
                    throw CSVReader.loadError(issue, base: base, path: path, lineBase: 1, dataStart: dataStart, names: names, kinds: [])
                }
                rowRejected[r] = true
                rejected.append((issue, r))
            }
        }

        // Column kinds: declared, identifier, or from the values.
        for name in options.types.keys.sorted() where !names.contains(name) {
            throw .invalidOption(path: path, reason: "types names column `\(name)`, which the file does not have (columns: \(names.joined(separator: ", ")))")
        }
        let bytes = MappedBytes(base: base)
        let zone = options.zone
        let frozenCells = cells
        let inferred = ParallelSlots<ValueKind>(count: names.count)
        let lanes = min(workers, max(names.count, 1))
        DispatchQueue.concurrentPerform(iterations: lanes) { w in
            var local: [UInt8] = []
            var c = w
            while c < frozenCells.count {
                inferred.set(c, inferKind(frozenCells[c], base: bytes.base, zone: zone, scratch: &local))
                c += lanes
            }
        }
        let inferredKinds = inferred.results()
        var kinds: [ValueKind] = []
        for (c, name) in names.enumerated() {
            if let t = options.types[name] {
                kinds.append(ValueKind(declared: t))
            } else if HeaderNames.isIdentifierColumn(name) {
                kinds.append(.string)
            } else {
                kinds.append(inferredKinds[c] ?? .string)
            }
        }

        // Values that do not fit a declared type reject their row.
        let declaredColumns = names.indices.filter { options.types[names[$0]] != nil && kinds[$0] != .string }
        if !declaredColumns.isEmpty {
            for r in 0..<rowLines.count where !rowRejected[r] {
                for c in declaredColumns {
                    var probe = ColumnAccumulator(kind: kinds[c], declared: true, zone: options.zone, capacity: 1)
                    if appendCell(&probe, cells[c], r, base: base, scratch: &scratch) { continue }
                    let at = cells[c].types[r] == JSONScanner.ValueType.string.rawValue
                        || cells[c].types[r] == JSONScanner.ValueType.escapedString.rawValue ? cells[c].starts[r] - 1 : cells[c].starts[r]
                    let text = cellText(cells[c], r, base: base, scratch: &scratch)
                    let issue = DataIssue(kind: .typeMismatch(column: c, text: text),
                                          line: rowLines[r] + CSVReader.newlines(base, rowStarts[r], at), offset: at,
                                          textStart: rowStarts[r], textEnd: rowEnds[r])
                    if options.onError == .fail {
                        throw CSVReader.loadError(issue, base: base, path: path, lineBase: 1, dataStart: dataStart, names: names, kinds: kinds)
                    }
                    rowRejected[r] = true
                    rejected.append((issue, r))
                    break
                }
            }
        }

        let keptRows = rowRejected.lazy.filter { !$0 }.count
        if rowLines.isEmpty && rejected.isEmpty { throw .noRecords(path: path) }
        // Columns are independent: build them on several threads.
        let built = ParallelSlots<Column>(count: names.count)
        let keep = rowRejected
        let finalKinds = kinds
        DispatchQueue.concurrentPerform(iterations: lanes) { w in
            var local: [UInt8] = []
            var c = w
            while c < frozenCells.count {
                var acc = ColumnAccumulator(kind: finalKinds[c], declared: true, zone: zone, capacity: keptRows)
                for r in 0..<keep.count where !keep[r] {
                    _ = appendCell(&acc, frozenCells[c], r, base: bytes.base, scratch: &local)
                }
                built.set(c, ColumnJoiner.join([acc.finish()], kind: finalKinds[c], rows: keptRows))
                c += lanes
            }
        }
        var fields: [Field] = []
        var columns: [Column] = []
        for (c, column) in built.results().enumerated() {
            let column = column ?? Column.nulls(finalKinds[c].dataType, count: keptRows)
            fields.append(Field(names[c], column.type))
            columns.append(column)
        }
        rejected.sort { $0.issue.offset < $1.issue.offset }
        let rejects = rejected.isEmpty ? nil : RejectsFrame.make(rejected.map { r in
            let e = CSVReader.loadError(r.issue, base: base, path: path, lineBase: 1, dataStart: dataStart, names: names, kinds: kinds)
            let text = String(decoding: UnsafeBufferPointer(start: base + r.issue.textStart, count: max(0, r.issue.textEnd - r.issue.textStart)),
                              as: UTF8.self)
            return (e.position?.line ?? 0, e.position?.column ?? 0, e.reason, text)
        })
        var notes: [String] = []
        if !rejected.isEmpty { notes.append("\(rejected.count) line(s) rejected") }
        options.progress?(Int64(file.count), Int64(file.count))
        return ReadResult(frame: Frame(fields: fields, columns: columns, rowCount: keptRows), rejects: rejects,
                          rejectedCount: rejected.count, format: format, delimiter: nil, bytesRead: Int64(file.count), notes: notes)
    }

    /// The kind of a column from its JSON values.
    static func inferKind(_ col: CellColumn, base: UnsafePointer<UInt8>, zone: Zone, scratch: inout [UInt8]) -> ValueKind {
        var sawNumber = false, sawFloat = false, sawBool = false, sawString = false, sawNested = false
        var layout: TimestampLayout?
        var allTimestamps = true, allIPs = true
        for r in 0..<col.types.count {
            guard let t = JSONScanner.ValueType(rawValue: col.types[r]) else { continue }
            switch t {
            case .null: continue
            case .trueValue, .falseValue: sawBool = true
            case .nested: sawNested = true
            case .number:
                sawNumber = true
                let p = base + col.starts[r], n = col.ends[r] - col.starts[r]
                if NumberParser.int(p, n) == nil {
                    // An integer beyond 64 bits would be rounded as a float: keep the column as text.
                    if NumberParser.isPlainInteger(p, n) { return .string }
                    sawFloat = true
                }
            case .string, .escapedString:
                sawString = true
                guard allTimestamps || allIPs else { continue }
                let check = { (b: UnsafeBufferPointer<UInt8>) in
                    if allTimestamps {
                        if layout == nil { layout = TimestampParser.detectLayout(bytes: b) }
                        if layout == nil || TimestampParser.parse(bytes: b, zone: zone, layout: layout) == nil { allTimestamps = false }
                    }
                    if allIPs, IPAddress.parse(b) == nil { allIPs = false }
                }
                if t == .escapedString {
                    JSONScanner.unescape(base, col.starts[r], col.ends[r], into: &scratch)
                    scratch.withUnsafeBufferPointer { check($0) }
                } else {
                    check(UnsafeBufferPointer(start: base + col.starts[r], count: col.ends[r] - col.starts[r]))
                }
            }
        }
        let sorts = [sawNumber, sawBool, sawString, sawNested].filter { $0 }.count
        if sorts != 1 { return .string }
        if sawNumber { return sawFloat ? .float : .int }
        if sawBool { return .bool }
        if sawString {
            if allTimestamps, let layout { return .timestamp(layout) }
            if allIPs { return .ip }
        }
        return .string
    }

    /// Appends row `r`'s cell to an accumulator of a fixed kind; false when it does not fit.
    static func appendCell(_ acc: inout ColumnAccumulator, _ col: CellColumn, _ r: Int, base: UnsafePointer<UInt8>,
                           scratch: inout [UInt8]) -> Bool {
        guard let t = JSONScanner.ValueType(rawValue: col.types[r]) else { return false }
        let s = col.starts[r], e = col.ends[r]
        switch t {
        case .null:
            acc.appendNull()
            return true
        case .escapedString:
            JSONScanner.unescape(base, s, e, into: &scratch)
            if scratch.isEmpty { return acc.append(base, 0, quoted: true) }
            return scratch.withUnsafeBufferPointer { acc.append($0.baseAddress!, $0.count, quoted: true) }
        case .string:
            return acc.append(base + s, e - s, quoted: true)
        default:
            if t == .number, acc.kind != .string, acc.kind != .int, acc.kind != .float { return false }
            return acc.append(base + s, e - s, quoted: false)
        }
    }

    /// A cell's text for an error message.
    static func cellText(_ col: CellColumn, _ r: Int, base: UnsafePointer<UInt8>, scratch: inout [UInt8]) -> String {
        let s = col.starts[r], e = col.ends[r]
        if col.types[r] == JSONScanner.ValueType.escapedString.rawValue {
            JSONScanner.unescape(base, s, e, into: &scratch)
            return String(decoding: scratch, as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
    }
}
