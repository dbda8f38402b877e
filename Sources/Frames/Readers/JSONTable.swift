#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The objects of a JSON input (or of one NDJSON chunk) as cell spans per
/// key, before types are decided. Pointers refer to the read-only mapping,
/// which outlives the table.
struct JSONTable: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    private var keys = ByteDictionary()
    private(set) var names: [String] = []
    private(set) var cells: [JSONReader.CellColumn] = []
    /// Line (0-based, relative to the table's start), start and end offset of each row.
    private(set) var rowLines: [Int] = []
    private(set) var rowStarts: [Int] = []
    private(set) var rowEnds: [Int] = []
    /// Rejected lines (skip), with lines relative to the table's start.
    var rejected: [DataIssue] = []
    /// The first syntax error (fail).
    var failure: JSONScanner.SyntaxError?
    var cancelled = false
    private var scratch: [UInt8] = []
    /// Reused per object: the members as parsed, then with their columns.
    private var pending: [(key: (start: Int, end: Int, escaped: Bool), type: UInt8, start: Int, end: Int)] = []
    private var resolved: [(column: Int, type: UInt8, start: Int, end: Int)] = []

    init(base: UnsafePointer<UInt8>) { self.base = base }

    var rowCount: Int { rowLines.count }

    /// The column of a key, added when new.
    private mutating func column(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let c = Int(keys.insert(p, n))
        if c == names.count {
            names.append(keys.strings[c])
            var col = JSONReader.CellColumn()
            for _ in 0..<rowLines.count { col.appendNull() }
            cells.append(col)
        }
        return c
    }

    /// Parses one object at the scanner into a new row (nothing is added on a syntax error).
    mutating func object(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) {
        let row = rowLines.count
        let start = s.pos
        let line = s.line
        guard s.current == 123 else { throw s.error("expected an object, found \(s.found)") }
        s.pos += 1
        s.skipBlanks()
        var closed = s.current == 125
        if closed { s.pos += 1 }
        pending.removeAll(keepingCapacity: true)
        while !closed {
            s.skipBlanks()
            let k = try s.string()
            s.skipBlanks()
            try s.expect(58, "':' after a key")
            s.skipBlanks()
            let v = try s.value()
            s.skipBlanks()
            pending.append((k, v.type.rawValue, v.start, v.end))
            if s.current == 44 { s.pos += 1; continue }
            try s.expect(125, "',' or '}' in an object")
            closed = true
        }
        // Keys become columns only once the object is known to be whole.
        resolved.removeAll(keepingCapacity: true)
        for i in pending.indices {
            let item = pending[i]
            let c: Int
            if item.key.escaped {
                JSONScanner.unescape(base, item.key.start, item.key.end, into: &scratch)
                let bytes = scratch
                c = bytes.withUnsafeBufferPointer { b in column(b.baseAddress ?? base, b.count) }
            } else {
                c = column(base + item.key.start, item.key.end - item.key.start)
            }
            resolved.append((c, item.type, item.start, item.end))
        }
        // A repeated key keeps its last value.
        for i in resolved.indices {
            let (c, t, a, b) = resolved[i]
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

    /// Parses NDJSON lines from `start` (a line start) up to `end` (a line start or the end of the data).
    mutating func parseLines(from start: Int, to end: Int, policy: ErrorPolicy, isCancelled: (@Sendable () -> Bool)?) {
        var scanner = JSONScanner(base: base, start: start, end: end)
        var count = 0
        while true {
            scanner.skipBlanks()
            if scanner.atEnd { return }
            count += 1
            if count & 0xFFF == 1, let isCancelled, isCancelled() { cancelled = true; return }
            let lineStart = scanner.pos
            let lineEnd = memchr(base + lineStart, 10, end - lineStart)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            var line = JSONScanner(base: base, start: lineStart, end: lineEnd)
            line.line = scanner.line
            line.endName = "the end of the line"
            do throws(JSONScanner.SyntaxError) {
                try object(&line)
                line.skipBlanks()
                if !line.atEnd { throw line.error("expected the end of the line after an object, found \(line.found)") }
            } catch {
                if policy == .fail { failure = error; return }
                let textEnd = lineEnd > lineStart && base[lineEnd - 1] == 13 ? lineEnd - 1 : lineEnd
                rejected.append(DataIssue(kind: .json(error.reason), line: error.line, offset: error.offset,
                                          textStart: lineStart, textEnd: textEnd))
            }
            scanner.pos = lineEnd
        }
    }

    /// Appends another table's rows (parsed after this one), shifting its lines by `lineOffset`.
    mutating func append(_ other: JSONTable, lineOffset: Int) {
        var map: [Int] = []
        for name in other.names {
            var n = name
            map.append(n.withUTF8 { column($0.baseAddress ?? base, $0.count) })
        }
        for c in 0..<cells.count {
            if let local = map.firstIndex(of: c) {
                cells[c].types.append(contentsOf: other.cells[local].types)
                cells[c].starts.append(contentsOf: other.cells[local].starts)
                cells[c].ends.append(contentsOf: other.cells[local].ends)
            } else {
                for _ in 0..<other.rowCount { cells[c].appendNull() }
            }
        }
        rowLines.append(contentsOf: other.rowLines.lazy.map { $0 + lineOffset })
        rowStarts.append(contentsOf: other.rowStarts)
        rowEnds.append(contentsOf: other.rowEnds)
        for var issue in other.rejected {
            issue.line += lineOffset
            rejected.append(issue)
        }
    }
}
