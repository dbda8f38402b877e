/// Writes CSV/TSV with RFC 4180 quoting: a null is an empty unquoted field,
/// an empty string is `""`, and fields holding the delimiter, a quote or a
/// line break are quoted with inner quotes doubled.
enum CSVWriter {
    static func write(_ frame: Frame, delimiter: UInt8, header: Bool, zone: Zone, to sink: inout ByteSink) {
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
                    ValueText.withStringBytes(s, r) { field($0, delimiter: delimiter, forceQuotes: $0.isEmpty, to: &sink) }
                } else {
                    ValueText.write(column, r, zone: zone, to: &sink)
                }
            }
            // A lone null in a one-column frame is an empty line, which reads back as a null.
            sink.byte(10)
        }
        sink.flush()
    }

    /// One field, quoted when needed.
    static func field(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8, forceQuotes: Bool, to sink: inout ByteSink) {
        var needs = forceQuotes
        if !needs {
            for c in b where c == delimiter || c == 34 || c == 10 || c == 13 { needs = true; break }
        }
        guard needs else { sink.bytes(b); return }
        sink.byte(34)
        for c in b {
            if c == 34 { sink.byte(34) }
            sink.byte(c)
        }
        sink.byte(34)
    }
}
