#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON array of objects, or NDJSON (one object per line), into a frame.
///
/// Columns are the union of keys in first-seen order; a missing key is a
/// null; nested objects and arrays are kept as their JSON text. Numbers
/// become int or float columns; strings are read as timestamps or addresses
/// when every value of the column is one, else as strings.
enum JSONReader {
    /// The cells of one column: value type and span per row.
    struct CellColumn {
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
        var scanner = JSONScanner(base: base, start: dataStart, end: file.count)
        var keys = ByteDictionary()
        var names: [String] = []
        var cells: [CellColumn] = []
        var rowLines: [Int] = []
        var rowStarts: [Int] = []
        var rowEnds: [Int] = []
        var rejected: [(issue: DataIssue, row: Int)] = []
        var scratch: [UInt8] = []

        func syntax(_ e: JSONScanner.SyntaxError) -> LoadError {
            .jsonSyntax(CSVReader.position(base, path: path, offset: e.offset, line: 1 + e.line, dataStart: dataStart), reason: e.reason)
        }

        /// Parses one object into a new row.
        func object(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) {
            let row = rowLines.count
            let start = s.pos
            let line = s.line
            guard s.current == 123 else { throw s.error("expected an object, found \(s.found)") }
            s.pos += 1
            s.skipBlanks()
            var closed = s.current == 125
            if closed { s.pos += 1 }
            var pending: [(column: Int, type: UInt8, start: Int, end: Int)] = []
            while !closed {
                s.skipBlanks()
                let k = try s.string()
                s.skipBlanks()
                try s.expect(58, "':' after a key")
                s.skipBlanks()
                let v = try s.value()
                s.skipBlanks()
                var column: Int32
                if k.escaped {
                    JSONScanner.unescape(base, k.start, k.end, into: &scratch)
                    column = scratch.withUnsafeBufferPointer { keys.insert($0.baseAddress ?? base, $0.count) }
                } else {
                    column = keys.insert(base + k.start, k.end - k.start)
                }
                if Int(column) == names.count {
                    let nameBytes = keys.strings
                    names.append(nameBytes[Int(column)])
                    var c = CellColumn()
                    for _ in 0..<row { c.appendNull() }
                    cells.append(c)
                }
                pending.append((Int(column), v.type.rawValue, v.start, v.end))
                if s.current == 44 { s.pos += 1; continue }
                try s.expect(125, "',' or '}' in an object")
                closed = true
            }
            // The object is complete: commit its cells (a repeated key keeps its last value).
            for (c, t, a, b) in pending {
                if cells[c].types.count == row {
                    cells[c].types.append(t); cells[c].starts.append(a); cells[c].ends.append(b)
                } else {
                    cells[c].types[row] = t; cells[c].starts[row] = a; cells[c].ends[row] = b
                }
            }
            for c in 0..<cells.count where cells[c].types.count == row { cells[c].appendNull() }
            rowLines.append(line)
            rowStarts.append(start)
            rowEnds.append(s.pos)
        }

        do {
            scanner.skipBlanks()
            if scanner.atEnd { throw LoadError.emptyFile(path: path) }
            if format == .json {
                do {
                    try scanner.expect(91, "'[' (a JSON array of objects)")
                    scanner.skipBlanks()
                    if scanner.current == 93 {
                        scanner.pos += 1
                    } else {
                        while true {
                            scanner.skipBlanks()
                            try object(&scanner)
                            scanner.skipBlanks()
                            if scanner.current == 44 { scanner.pos += 1; continue }
                            try scanner.expect(93, "',' or ']' after an object")
                            break
                        }
                    }
                    scanner.skipBlanks()
                    if !scanner.atEnd { throw scanner.error("unexpected \(scanner.found) after the array") }
                } catch let e as JSONScanner.SyntaxError {
                    throw syntax(e)
                }
            } else {
                var count = 0
                while true {
                    scanner.skipBlanks()
                    if scanner.atEnd { break }
                    count += 1
                    if count & 0xFFF == 0, let isCancelled = options.isCancelled, isCancelled() { throw LoadError.cancelled(path: path) }
                    // One object per line: the line bounds the scanner.
                    let lineStart = scanner.pos
                    let lineEnd = memchr(base + lineStart, 10, file.count - lineStart)
                        .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? file.count
                    var lineScanner = JSONScanner(base: base, start: lineStart, end: lineEnd)
                    lineScanner.line = scanner.line
                    lineScanner.endName = "the end of the line"
                    do {
                        try object(&lineScanner)
                        lineScanner.skipBlanks()
                        if !lineScanner.atEnd {
                            throw lineScanner.error("expected the end of the line after an object, found \(lineScanner.found)")
                        }
                    } catch let e as JSONScanner.SyntaxError {
                        if options.onError == .fail { throw syntax(e) }
                        // Drop any partial row and reject the line.
                        for c in 0..<cells.count where cells[c].types.count > rowLines.count {
                            cells[c].types.removeLast(); cells[c].starts.removeLast(); cells[c].ends.removeLast()
                        }
                        let textEnd = lineEnd > lineStart && base[lineEnd - 1] == 13 ? lineEnd - 1 : lineEnd
                        let issue = DataIssue(kind: .json(e.reason), line: e.line, offset: e.offset, textStart: lineStart, textEnd: textEnd)
                        rejected.append((issue, rowLines.count))
                    }
                    scanner.pos = lineEnd
                }
            }
        } catch let e as LoadError {
            throw e
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }

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
        var kinds: [ValueKind] = []
        for (c, name) in names.enumerated() {
            if let t = options.types[name] {
                kinds.append(ValueKind(declared: t))
            } else if HeaderNames.isIdentifierColumn(name) {
                kinds.append(.string)
            } else {
                kinds.append(inferKind(cells[c], base: base, zone: options.zone, scratch: &scratch))
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
        var fields: [Field] = []
        var columns: [Column] = []
        for c in 0..<names.count {
            var acc = ColumnAccumulator(kind: kinds[c], declared: true, zone: options.zone, capacity: keptRows)
            for r in 0..<rowLines.count where !rowRejected[r] {
                _ = appendCell(&acc, cells[c], r, base: base, scratch: &scratch)
            }
            let column = ColumnJoiner.join([acc.finish()], kind: kinds[c], rows: keptRows)
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
                if !sawFloat, NumberParser.int(base + col.starts[r], col.ends[r] - col.starts[r]) == nil { sawFloat = true }
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
