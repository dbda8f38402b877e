/// Formats a block of rows as CSV a column at a time — one tight loop per
/// column over its own array, so no per-cell work touches the other columns'
/// storage — then lays the cells out row by row.
struct CSVBlockFormatter {
    let delimiter: UInt8
    let zone: Zone
    let safety: CSVWriter.Safety

    /// Writes rows `range` of `frame` as CSV lines; returns the number of neutralised cells.
    func format(_ frame: Frame, _ range: Range<Int>, to out: inout ByteSink) -> Int {
        let (lines, neutralized) = lines(frame, range)
        lines.withUnsafeBytes { out.block($0) }
        return neutralized
    }

    /// Rows `range` of `frame` as CSV lines, and the number of neutralised cells.
    func lines(_ frame: Frame, _ range: Range<Int>) -> (bytes: [UInt8], neutralized: Int) {
        let n = range.count
        guard n > 0 else { return ([], 0) }
        let columns = frame.columns
        // Room for typical cells (an IPv6 address or a timestamp is ~25 bytes), so the buffer rarely grows.
        var cells = ByteSink.memory(capacity: n * columns.count * 16)
        // ends[c * n + i]: where cell i of column c ends in `cells`; it starts where the one before it ends.
        var ends = [Int](repeating: 0, count: columns.count * n)
        var starts = [Int](repeating: 0, count: columns.count)
        var neutralized = 0
        for c in columns.indices {
            starts[c] = cells.position
            neutralized += formatColumn(columns[c], asText: safety.textColumns.contains(frame.names[c]), range, into: &cells) { i, end in
                ends[c * n + i] = end
            }
        }
        let columnCount = columns.count
        let lines = cells.withMemoryBytes { raw -> [UInt8] in
        // Every cell's bytes, a delimiter between cells and a line end per row: the block's exact size.
        let size = raw.count + n * max(columnCount - 1, 0) + n
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let dst = buffer.baseAddress else { initialized = 0; return }
            var at = 0
            do {
                let bytes = raw.bindMemory(to: UInt8.self)
                ends.withUnsafeBufferPointer { e in
                    guard let src = bytes.baseAddress else {
                        // No cell has bytes: only delimiters and line ends.
                        for _ in 0..<n {
                            for c in 0..<columnCount where c > 0 { dst[at] = delimiter; at += 1 }
                            dst[at] = 10; at += 1
                        }
                        return
                    }
                    for i in 0..<n {
                        for c in 0..<columnCount {
                            if c > 0 { dst[at] = delimiter; at += 1 }
                            let start = i == 0 ? starts[c] : e[c * n + i - 1]
                            let length = e[c * n + i] - start
                            if length > 0 {
                                (dst + at).update(from: src + start, count: length)
                                at += length
                            }
                        }
                        // A lone null in a one-column frame is an empty line, which reads back as a null.
                        dst[at] = 10; at += 1
                    }
                }
            }
            initialized = at
        }
        }
        return (lines, neutralized)
    }

    /// Formats one column's cells of `range` (nulls as nothing) and reports where each ends.
    private func formatColumn(_ column: Column, asText: Bool, _ range: Range<Int>, into sink: inout ByteSink,
                              _ ended: (Int, Int) -> Void) -> Int {
        let validity = column.validity
        var neutralized = 0
        var i = 0
        func valid(_ r: Int) -> Bool { validity?[r] ?? true }
        switch column.values {
        case .int(let a):
            for r in range {
                if valid(r) { sink.int(a[r]) }
                ended(i, sink.position); i += 1
            }
        case .timestamp(let a):
            var stamps = TimestampWriter(zone: zone)
            for r in range {
                if valid(r) { stamps.write(a[r], to: &sink) }
                ended(i, sink.position); i += 1
            }
        case .ip(let a):
            for r in range {
                if valid(r) { IPTextWriter.write(a[r], to: &sink) }
                ended(i, sink.position); i += 1
            }
        case .string(let s):
            for r in range {
                if valid(r) {
                    ValueText.withStringBytes(s, r) { b in
                        if CSVWriter.stringCell(b, asText: asText, safety: safety, delimiter: delimiter, to: &sink) { neutralized += 1 }
                    }
                }
                ended(i, sink.position); i += 1
            }
        case .float, .bool, .duration:
            for r in range {
                if valid(r) { ValueText.write(column, r, zone: zone, to: &sink) }
                ended(i, sink.position); i += 1
            }
        }
        return neutralized
    }
}
