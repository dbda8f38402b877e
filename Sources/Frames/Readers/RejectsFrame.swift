/// The frame of rejected lines: `line` int, `column` int, `reason` string, `text` string.
enum RejectsFrame {
    static func make(_ rows: [(line: Int, column: Int, reason: String, text: String)]) -> Frame {
        var line = ColumnBuilder(.int), column = ColumnBuilder(.int)
        var reason = ColumnBuilder(.string), text = ColumnBuilder(.string)
        for r in rows {
            line.append(.int(Int64(r.line)))
            column.append(.int(Int64(r.column)))
            reason.append(.string(r.reason))
            text.append(.string(r.text))
        }
        return Frame([("line", line.finish()), ("column", column.finish()), ("reason", reason.finish()), ("text", text.finish())])
    }
}
