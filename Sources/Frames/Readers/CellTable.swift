/// The cells of a record-oriented input (RADIUS detail files, NAT syslogs,
/// IPDRDoc XML, spreadsheet sheets) as text per named column, with the place
/// in the file of every cell, typed into a frame the way CSV columns are:
/// declared types first, identifier columns as text, otherwise the type every
/// value fits (int widening to float, anything else falling back to text).
///
/// Readers add rows in file order and set cells by column name; a column first
/// seen on a later row is null on the rows before it.
struct CellTable {
    /// The file, for positions in errors.
    let path: String
    private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    private var cells: [[String?]] = []
    /// Line and column (1-based) of each cell; a null cell has its row's place.
    private var lines: [[Int32]] = []
    private var columns: [[Int32]] = []
    private var rowLines: [Int] = []
    private var rowTexts: [String] = []

    init(path: String) { self.path = path }

    /// Rows added so far.
    var rowCount: Int { rowLines.count }

    /// Starts a row read from `line` of the file; `text` is what `NAME_rejects` shows if it is rejected.
    mutating func addRow(line: Int, text: String) {
        rowLines.append(line)
        rowTexts.append(text)
        for c in cells.indices {
            cells[c].append(nil)
            lines[c].append(Int32(clamping: line))
            columns[c].append(1)
        }
    }

    /// Sets a cell of the last row (the last value wins when a record repeats a name).
    mutating func set(_ name: String, _ value: String?, line: Int, column: Int) {
        guard let r = rowLines.indices.last else { return }
        let c = self.column(name)
        cells[c][r] = value
        lines[c][r] = Int32(clamping: line)
        columns[c][r] = Int32(clamping: column)
    }

    /// The cell of row `r` in column `name`, or nil.
    func value(_ name: String, row r: Int) -> String? {
        guard let c = index[name], r < cells[c].count else { return nil }
        return cells[c][r]
    }

    /// Adds a column (all null so far) so that it exists even when no row sets it.
    @discardableResult
    mutating func column(_ name: String) -> Int {
        if let c = index[name] { return c }
        let c = names.count
        names.append(name)
        index[name] = c
        cells.append([String?](repeating: nil, count: rowLines.count))
        lines.append(rowLines.map { Int32(clamping: $0) })
        columns.append([Int32](repeating: 1, count: rowLines.count))
        return c
    }

    /// The typed frame; values that do not fit a declared type stop the read
    /// (`onError = .fail`) or reject their row (`.skip`).
    func frame(options: ReadOptions, format: FileFormat, bytesRead: Int64, notes: [String] = []) throws(LoadError) -> ReadResult {
        for name in options.types.keys.sorted() where index[name] == nil {
            throw .invalidOption(path: path, reason: "types names column `\(name)`, which the file does not have (columns: \(names.joined(separator: ", ")))")
        }
        var kinds: [ValueKind] = []
        for (c, name) in names.enumerated() {
            if let t = options.types[name] {
                kinds.append(ValueKind(declared: t))
            } else if HeaderNames.isIdentifierColumn(name) {
                kinds.append(.string)
            } else {
                kinds.append(Self.inferKind(cells[c], zone: options.zone))
            }
        }
        var rejectedRow = [Bool](repeating: false, count: rowCount)
        var rejects: [(line: Int, column: Int, reason: String, text: String)] = []
        for c in names.indices where options.types[names[c]] != nil && kinds[c] != .string {
            for r in 0..<rowCount where !rejectedRow[r] {
                guard let text = cells[c][r] else { continue }
                var probe = ColumnAccumulator(kind: kinds[c], declared: true, zone: options.zone, capacity: 1)
                if Self.append(text, to: &probe) { continue }
                let error = LoadError.typeMismatch(SourcePosition(file: path, line: Int(lines[c][r]), column: Int(columns[c][r])),
                                                   column: names[c], type: kinds[c].dataType, text: text)
                if options.onError == .fail { throw error }
                rejectedRow[r] = true
                rejects.append((Int(lines[c][r]), Int(columns[c][r]), error.reason, rowTexts[r]))
            }
        }
        let kept = rejectedRow.lazy.filter { !$0 }.count
        var fields: [Field] = []
        var built: [Column] = []
        for c in names.indices {
            var acc = ColumnAccumulator(kind: kinds[c], declared: true, zone: options.zone, capacity: kept)
            for r in 0..<rowCount where !rejectedRow[r] {
                if let text = cells[c][r] { _ = Self.append(text, to: &acc) } else { acc.appendNull() }
            }
            let column = ColumnJoiner.join([acc.finish()], kind: kinds[c], rows: kept)
            fields.append(Field(names[c], column.type))
            built.append(column)
        }
        rejects.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        var allNotes = notes
        if !rejects.isEmpty { allNotes.append("\(rejects.count) line(s) rejected") }
        return ReadResult(frame: Frame(fields: fields, columns: built, rowCount: kept),
                          rejects: rejects.isEmpty ? nil : RejectsFrame.make(rejects), rejectedCount: rejects.count,
                          format: format, delimiter: nil, bytesRead: bytesRead, notes: allNotes)
    }

    /// The kind every non-null value of a column fits.
    static func inferKind(_ values: [String?], zone: Zone) -> ValueKind {
        var acc = ColumnAccumulator(kind: .unknown, declared: false, zone: zone, capacity: 0)
        for v in values {
            if let v { _ = append(v, to: &acc) } else { acc.appendNull() }
            if acc.needsString { return .string }
        }
        return acc.kind
    }

    /// Appends one value's bytes; false when it does not fit a declared kind.
    static func append(_ text: String, to acc: inout ColumnAccumulator) -> Bool {
        var t = text
        return t.withUTF8 { b in
            guard let p = b.baseAddress, b.count > 0 else {
                // An empty value is an empty string in a text column, otherwise null.
                if acc.kind == .string {
                    var empty: UInt8 = 0
                    return withUnsafePointer(to: &empty) { acc.append($0, 0, quoted: true) }
                }
                acc.appendNull()
                return true
            }
            return acc.append(p, b.count, quoted: false)
        }
    }
}
