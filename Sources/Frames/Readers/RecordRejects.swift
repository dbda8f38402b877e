/// Rejected records of a record-oriented reader, put together with the rows
/// `CellTable` rejected for their types, in file order.
struct RecordRejects {
    private(set) var rows: [(line: Int, column: Int, reason: String, text: String)] = []

    /// The number of records rejected so far.
    var count: Int { rows.count }

    /// Rejects a record for `error`, showing `text` in `NAME_rejects`.
    mutating func add(_ error: LoadError, text: String) {
        rows.append((error.position?.line ?? 0, error.position?.column ?? 0, error.reason, text))
    }

    /// `result` with these rejects added to its own, sorted by line and column.
    func merged(into result: ReadResult) -> ReadResult {
        guard !rows.isEmpty else { return result }
        var all = rows
        if let frame = result.rejects, case .int(let lines)? = frame.column("line")?.values,
           case .int(let columns)? = frame.column("column")?.values,
           case .string(let reasons)? = frame.column("reason")?.values, case .string(let texts)? = frame.column("text")?.values {
            for r in 0..<frame.rowCount {
                all.append((Int(lines[r]), Int(columns[r]), reasons[r], texts[r]))
            }
        }
        all.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        var out = result
        out.rejects = RejectsFrame.make(all)
        out.rejectedCount = all.count
        out.notes = out.notes.filter { !$0.hasSuffix("rejected") } + ["\(all.count) record(s) rejected"]
        return out
    }
}
