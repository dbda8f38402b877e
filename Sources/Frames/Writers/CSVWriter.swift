/// Writes CSV/TSV with RFC 4180 quoting: a null is an empty unquoted field,
/// an empty string is `""`, and fields holding the delimiter, a quote or a
/// line break are quoted with inner quotes doubled.
///
/// Spreadsheet safety applies to string cells only: a cell starting with
/// `=`, `+`, `-`, `@`, tab or CR (after any `'`s) gets a leading `'`
/// (`SpreadsheetEscape`: spreadsheets would run it as a formula), and all-digit cells of the `textColumns` (an optional
/// `+` first) are written `="DIGITS"` so that spreadsheets keep them as text.
enum CSVWriter {
    /// How string cells are protected for spreadsheets.
    struct Safety {
        var neutralize: Bool
        var textColumns: Set<String>

        static let none = Safety(neutralize: false, textColumns: [])

        /// True for `+`? then one or more digits.
        static func isDigits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = b.first == 43 ? 1 : 0
            guard i < b.count else { return false }
            while i < b.count {
                guard b[i] >= 48, b[i] <= 57 else { return false }
                i += 1
            }
            return true
        }
    }

    /// Writes the frame; returns the number of neutralised cells.
    @discardableResult
    static func write(_ frame: Frame, delimiter: UInt8, header: Bool, zone: Zone, safety: Safety = .none, to sink: inout ByteSink) -> Int {
        var neutralized = 0
        let asText = frame.names.map { safety.textColumns.contains($0) }
        var stamps = frame.columns.map { _ in TimestampWriter(zone: zone) }
        if header {
            for (i, name) in frame.names.enumerated() {
                if i > 0 { sink.byte(delimiter) }
                var n = name
                n.withUTF8 { field($0, delimiter: delimiter, forceQuotes: $0.isEmpty, to: &sink) }
            }
            sink.byte(10)
        }
        let columns = frame.columns
        for r in 0..<frame.rowCount {
            for (c, column) in columns.enumerated() {
                if c > 0 { sink.byte(delimiter) }
                guard column.isValid(r) else { continue }
                if case .string(let s) = column.values {
                    ValueText.withStringBytes(s, r) { b in
                        if asText[c], Safety.isDigits(b) {
                            sink.text("\"=\"\"")
                            sink.bytes(b)
                            sink.text("\"\"\"")
                        } else if safety.neutralize, SpreadsheetEscape.needsPrefix(b) {
                            neutralized += 1
                            field(b, delimiter: delimiter, forceQuotes: false, prefix: 39, to: &sink)
                        } else {
                            field(b, delimiter: delimiter, forceQuotes: b.isEmpty, to: &sink)
                        }
                    }
                } else {
                    switch column.values {
                    case .timestamp(let a): stamps[c].write(a[r], to: &sink)
                    case .ip(let a) where a[r].isIPv4:
                        let v = a[r].low
                        sink.int(Int64((v >> 24) & 255)); sink.byte(46)
                        sink.int(Int64((v >> 16) & 255)); sink.byte(46)
                        sink.int(Int64((v >> 8) & 255)); sink.byte(46)
                        sink.int(Int64(v & 255))
                    default: ValueText.write(column, r, zone: zone, to: &sink)
                    }
                }
            }
            // A lone null in a one-column frame is an empty line, which reads back as a null.
            sink.byte(10)
        }
        sink.flush()
        return neutralized
    }

    /// One field, quoted when needed.
    static func field(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8, forceQuotes: Bool, prefix: UInt8? = nil, to sink: inout ByteSink) {
        var needs = forceQuotes
        if !needs {
            for c in b where c == delimiter || c == 34 || c == 10 || c == 13 { needs = true; break }
        }
        guard needs else {
            if let prefix { sink.byte(prefix) }
            sink.bytes(b)
            return
        }
        sink.byte(34)
        if let prefix { sink.byte(prefix) }
        for c in b {
            if c == 34 { sink.byte(34) }
            sink.byte(c)
        }
        sink.byte(34)
    }
}
