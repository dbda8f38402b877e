import Foundation

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

    /// Rows formatted per block; blocks are formatted on all cores, a wave of
    /// `2 × cores` blocks at a time, and written in order.
    static let blockRows = 32_768

    /// Writes the frame; returns the number of neutralised cells.
    @discardableResult
    static func write(_ frame: Frame, delimiter: UInt8, header: Bool, zone: Zone, safety: Safety = .none, to sink: inout ByteSink) -> Int {
        if header {
            for (i, name) in frame.names.enumerated() {
                if i > 0 { sink.byte(delimiter) }
                var n = name
                n.withUTF8 { field($0, delimiter: delimiter, forceQuotes: $0.isEmpty, to: &sink) }
            }
            sink.byte(10)
        }
        let blocks = (frame.rowCount + blockRows - 1) / blockRows
        let workers = ProcessInfo.processInfo.activeProcessorCount
        guard blocks > 1, workers > 1 else {
            let n = CSVBlockFormatter(delimiter: delimiter, zone: zone, safety: safety).format(frame, 0..<frame.rowCount, to: &sink)
            sink.flush()
            return n
        }
        var neutralized = 0
        let wave = workers * 2
        var first = 0
        while first < blocks, !sink.cancelled {
            let count = min(wave, blocks - first)
            let texts = ParallelSlots<(bytes: [UInt8], neutralized: Int)>(count: count)
            let base = first
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let start = (base + k) * blockRows
                let block = CSVBlockFormatter(delimiter: delimiter, zone: zone, safety: safety)
                    .lines(frame, start..<min(start + blockRows, frame.rowCount))
                texts.set(k, (block.bytes, block.neutralized))
            }
            for k in 0..<count {
                guard let text = texts.take(k) else { continue }
                text.bytes.withUnsafeBytes { sink.block($0) }
                neutralized += text.neutralized
            }
            first += count
        }
        sink.flush()
        return neutralized
    }

    /// A string cell with its spreadsheet protection: all-digit cells of a text
    /// column as `="DIGITS"`, formula-like cells prefixed with `'` (true then), others quoted when needed.
    @inline(__always)
    static func stringCell(_ b: UnsafeBufferPointer<UInt8>, asText: Bool, safety: Safety, delimiter: UInt8, to sink: inout ByteSink) -> Bool {
        if asText, Safety.isDigits(b) {
            sink.text("\"=\"\"")
            sink.bytes(b)
            sink.text("\"\"\"")
            return false
        }
        if safety.neutralize, SpreadsheetEscape.needsPrefix(b) {
            field(b, delimiter: delimiter, forceQuotes: false, prefix: 39, to: &sink)
            return true
        }
        field(b, delimiter: delimiter, forceQuotes: b.isEmpty, to: &sink)
        return false
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
