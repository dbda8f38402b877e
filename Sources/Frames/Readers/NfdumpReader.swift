/// Reads nfdump's CSV output (`nfdump -o csv`): a header that starts
/// `ts,te,td,sa,da`, one line per flow, then a `Summary` line, a header
/// `flows,bytes,packets,avg_bps,avg_pps,avg_bpp` and one line of totals.
///
/// The rows are parsed by the CSV reader, which stops where the `Summary`
/// block starts; the block is not data. Its `flows` total is checked against
/// the rows read: a difference is a warning (a truncated or edited export),
/// and so is an export without the block (cut before nfdump finished it).
enum NfdumpReader {
    /// How nfdump's CSV header starts.
    static let headerStart = Array("ts,te,td,sa,da".utf8)

    /// The `Summary` block at the end of an export.
    struct Summary: Equatable {
        /// Byte offset where the `Summary` line starts.
        var offset: Int
        /// 1-based line of the `Summary` line.
        var line: Int
        /// The `flows` total, when the totals line has one that reads as a number.
        var flows: Int?
    }

    /// Whether the file starts like nfdump's CSV output.
    static func looks(_ file: MappedFile) -> Bool {
        guard let base = file.base else { return false }
        let s = file.bomLength
        guard file.count - s >= headerStart.count else { return false }
        return (0..<headerStart.count).allSatisfy { base[s + $0] == headerStart[$0] }
    }

    /// The `Summary` block among the last lines of the file, or nil.
    static func summary(_ bytes: UnsafeBufferPointer<UInt8>) -> Summary? {
        var lines: [(start: Int, text: String)] = []
        var end = bytes.count
        // The block is the last three non-blank lines; look at a few more in case of trailing text.
        while end > 0, lines.count < 6 {
            var e = end
            if bytes[e - 1] == 10 { e -= 1 }
            var s = e
            while s > 0, bytes[s - 1] != 10 { s -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self).trimmingBlanks()
            if !text.isEmpty { lines.append((s, text)) }
            end = s
        }
        guard let k = lines.firstIndex(where: { $0.text.lowercased() == "summary" }) else { return nil }
        let start = lines[k].start
        let line = 1 + bytes[0..<start].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        var flows: Int?
        if k >= 2 {
            let names = lines[k - 1].text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
            let values = lines[k - 2].text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
            if let i = names.firstIndex(of: "flows"), i < values.count { flows = Int(values[i]) }
        }
        return Summary(offset: start, line: line, flows: flows)
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        guard let base = file.base else { throw .emptyFile(path: file.path) }
        let summary = summary(UnsafeBufferPointer(start: base, count: file.count))
        var o = options
        o.delimiter = o.delimiter ?? 44
        o.header = o.header ?? true
        if let summary {
            o.dataEnd = summary.offset
            // A footer text makes an export of no flows an empty frame, not an error.
            if o.footers.isEmpty { o.footers = ["Summary"] }
        }
        var result = try CSVReader.read(file, format: .csv, options: o)
        result.format = .nfdump
        let read = result.frame.rowCount + result.rejectedCount
        if let summary {
            result.notes.insert("nfdump CSV export (Summary block at line \(summary.line) is not data)", at: 0)
            if let flows = summary.flows, flows != read {
                result.warnings.append("the Summary block counts \(flows) flow\(flows == 1 ? "" : "s") but \(read) row\(read == 1 ? " was" : "s were") read: "
                    + "the export may be truncated or edited (or aggregated with -a/-A, whose rows merge flows)")
            } else if summary.flows == nil {
                result.warnings.append("the Summary block at line \(summary.line) has no flows total: the rows read (\(read)) cannot be checked")
            }
        } else {
            result.notes.insert("nfdump CSV export", at: 0)
            result.warnings.append("no Summary block at the end: the export may be truncated (nfdump -o csv ends with Summary and a line of totals)")
        }
        return result
    }
}
