/// Text forms of non-string values, shared by the writers.
enum ValueText {
    /// The text of a non-null, non-string cell: numbers plainly, timestamps
    /// as ISO 8601 in `zone`, durations as `[Nd ]HH:MM:SS[.ffffff]`, addresses as text.
    static func write(_ column: Column, _ row: Int, zone: Zone, to sink: inout ByteSink) {
        switch column.values {
        case .int(let a): sink.int(a[row])
        case .float(let a): sink.text(floatText(a[row]))
        case .bool(let b): sink.text(b[row] ? "true" : "false")
        case .timestamp(let a): sink.text(timestamp(a[row], zone: zone))
        case .duration(let a): sink.text(TimeFormat.duration(micros: a[row]))
        case .ip(let a): IPTextWriter.write(a[row], to: &sink)
        case .string(let s): sink.text(s[row])
        }
    }

    /// ISO 8601 in `zone`; in UTC where the zone's offset has seconds (old
    /// local mean times), which an ISO offset cannot carry.
    static func timestamp(_ micros: Int64, zone: Zone) -> String {
        let offset = zone.offset(atUTCSeconds: TimeFormat.floorDiv(micros, TimeFormat.microsPerSecond))
        return TimeFormat.iso8601(micros: micros, zone: offset % 60 == 0 ? zone : .utc)
    }

    /// Shortest text that reads back as the same double.
    static func floatText(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }

    /// Calls `body` with the UTF-8 bytes of row `row` of a string column.
    @inline(__always)
    static func withStringBytes<R>(_ s: StringStorage, _ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let strings: PlainStrings, i: Int
        switch s {
        case .plain(let p): strings = p; i = row
        case .dictionary(let idx, let d): strings = d; i = Int(idx[row])
        }
        let a = Int(strings.offsets[i]), b = Int(strings.offsets[i + 1])
        return strings.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[a..<b])) }
    }
}
