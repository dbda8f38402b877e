/// Writes one cell's text as a field of the CSV form of a sheet: quoted when
/// it holds a comma or a quote (quotes doubled), line breaks (LF, CR, CRLF)
/// as single spaces so that line numbers stay sheet rows.
enum XlsxCSVField {
    /// Appends `text` as a field; whether it held a line break.
    @inline(__always)
    static func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var quote = false
        var breaks = false
        var i = 0
        while i < text.count {
            let b = text[i]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") { quote = true } else if b == 10 || b == 13 { breaks = true }
            i += 1
        }
        if !quote && !breaks {
            out.append(contentsOf: text)
            return false
        }
        if quote { out.append(UInt8(ascii: "\"")) }
        i = 0
        while i < text.count {
            let b = text[i]
            if b == 13 {
                out.append(UInt8(ascii: " "))
                if i + 1 < text.count, text[i + 1] == 10 { i += 1 }
            } else if b == 10 {
                out.append(UInt8(ascii: " "))
            } else {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            i += 1
        }
        if quote { out.append(UInt8(ascii: "\"")) }
        return breaks
    }

    /// Appends `text` as a field; whether it held a line break.
    static func append(_ text: [UInt8], to out: inout [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { append($0, to: &out) }
    }
}
