import Foundation

/// Reads IPDR.org IPDRDoc XML files (`format=ipdrxml`): one row per `IPDR`
/// element, typed like CSV columns (`CellTable`), the document's attributes
/// as a note, and `IPDRDoc.End count` checked against the records read.
enum IPDRDocReader {
    /// Elements that hold identifiers, kept as text (a leading `+` or `0` survives).
    static let identifiers: Set<String> = ["subscriberid", "msisdn", "imsi", "imei", "callingstationid", "calledstationid", "cmmacaddress"]

    /// Whether the file starts like XML (a declaration) or with an `IPDRDoc` element.
    static func looks(_ file: MappedFile) -> Bool {
        let b = file.rawBytes
        var i = file.bomLength
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
        let head = String(decoding: UnsafeRawBufferPointer(rebasing: b[i..<min(b.count, i + 64)]), as: UTF8.self)
        if head.hasPrefix("<?xml") { return true }
        guard head.hasPrefix("<") else { return false }
        let name = head.dropFirst().prefix { $0 != " " && $0 != ">" && $0 != "\n" && $0 != "\t" && $0 != "\r" && $0 != "/" }
        return XlsxElementScanner.local(String(name)) == "IPDRDoc"
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        let bytes = file.rawBytes
        guard let base = file.base else { throw .emptyFile(path: file.path) }
        // The XML parser's callbacks trap on names that are not UTF-8: such a byte is refused first, with its place.
        if let bad = UTF8Check.firstInvalid(base, file.count) {
            var lineStart = 0
            var line = 1
            for i in 0..<bad where base[i] == 10 { line += 1; lineStart = i + 1 }
            let column = UTF8Check.characterCount(base + lineStart, bad - lineStart) + 1
            throw .invalidUTF8(SourcePosition(file: file.path, line: line, column: column), byte: base[bad])
        }
        let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
        let parser = IPDRDocParser(path: file.path)
        let cutShort = try parser.parse(data, keepComplete: options.onError == .skip)
        let rows = parser.table.rowCount
        var notes: [String] = []
        var warnings: [String] = []
        if let cutShort { warnings.append(cutShort) }
        let d = parser.document
        let about = [("version", d["version"]), ("docId", d["docId"]), ("recorder", d["IPDRRecorderInfo"]), ("created", d["creationTime"])]
            .compactMap { k, v in v.map { "\(k) \($0)" } }
        notes.append("IPDRDoc" + (about.isEmpty ? "" : " " + about.joined(separator: ", ")))
        if let end = parser.end {
            if let text = end["count"] {
                if let count = Int(text.trimmingBlanks()), count == rows {
                    // As declared.
                } else {
                    warnings.append("IPDRDoc.End says count=\(text) but \(rows) IPDR record(s) were read: the document is truncated or padded")
                }
            }
        } else if cutShort == nil {
            warnings.append("the document has no IPDRDoc.End: it may have been cut short (\(rows) IPDR record(s) read)")
        }
        var o = options
        for name in parser.table.names where o.types[name] == nil && identifiers.contains(HeaderKey.of(name)) {
            o.types[name] = .string
        }
        var result = try parser.table.frame(options: o, format: .ipdrxml, bytesRead: Int64(file.count), notes: notes)
        result.warnings = warnings
        return result
    }
}
