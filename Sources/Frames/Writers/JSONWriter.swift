/// Writes a JSON array of objects or NDJSON. Nulls are `null`; timestamps,
/// durations and addresses are strings; non-finite floats (not valid JSON
/// numbers) are written as `null`.
enum JSONWriter {
    static func write(_ frame: Frame, array: Bool, zone: Zone, to sink: inout ByteSink) {
        let keys: [[UInt8]] = frame.names.map { name in
            var out = ByteSink.Scratch()
            var n = name
            n.withUTF8 { string($0, to: &out) }
            return out.bytes
        }
        if array { sink.byte(91) }
        for r in 0..<frame.rowCount {
            if array { sink.text(r == 0 ? "\n" : ",\n") }
            sink.byte(123)
            for (c, column) in frame.columns.enumerated() {
                if c > 0 { sink.byte(44) }
                keys[c].withUnsafeBufferPointer { sink.bytes($0) }
                sink.byte(58)
                value(column, r, zone: zone, to: &sink)
            }
            sink.byte(125)
            if !array { sink.byte(10) }
        }
        if array { sink.text(frame.rowCount == 0 ? "]\n" : "\n]\n") }
        sink.flush()
    }

    static func value(_ column: Column, _ r: Int, zone: Zone, to sink: inout ByteSink) {
        guard column.isValid(r) else { sink.text("null"); return }
        switch column.values {
        case .int(let a): sink.int(a[r])
        case .float(let a):
            if a[r].isFinite { sink.text(a[r].description) } else { sink.text("null") }
        case .bool(let b): sink.text(b[r] ? "true" : "false")
        case .string(let s):
            ValueText.withStringBytes(s, r) { b in
                var out = ByteSink.Scratch()
                string(b, to: &out)
                out.bytes.withUnsafeBufferPointer { sink.bytes($0) }
            }
        case .timestamp, .duration, .ip:
            var out = ByteSink.Scratch()
            var t = textOf(column, r, zone: zone)
            t.withUTF8 { string($0, to: &out) }
            out.bytes.withUnsafeBufferPointer { sink.bytes($0) }
        }
    }

    static func textOf(_ column: Column, _ r: Int, zone: Zone) -> String {
        switch column.values {
        case .timestamp(let a): return ValueText.timestamp(a[r], zone: zone)
        case .duration(let a): return TimeFormat.duration(micros: a[r])
        case .ip(let a): return a[r].description
        default: return column.value(at: r).description
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string literal for UTF-8 bytes.
    static func string(_ b: UnsafeBufferPointer<UInt8>, to out: inout ByteSink.Scratch) {
        out.bytes.append(34)
        for c in b {
            switch c {
            case 34: out.bytes.append(contentsOf: [92, 34])
            case 92: out.bytes.append(contentsOf: [92, 92])
            case 10: out.bytes.append(contentsOf: [92, 110])
            case 13: out.bytes.append(contentsOf: [92, 114])
            case 9: out.bytes.append(contentsOf: [92, 116])
            case 0..<32: out.bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.bytes.append(c)
            }
        }
        out.bytes.append(34)
    }
}
