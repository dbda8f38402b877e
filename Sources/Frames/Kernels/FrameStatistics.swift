/// Per-column statistics for `describe`.
public enum FrameStatistics {
    /// One row per column of `frame`: `column`, `type`, `nulls`, `distinct` (non-null
    /// distinct values), `min`, `max` (as text; null when the column has no values).
    public static func describe(_ frame: Frame, zone: Zone = .utc) -> Frame {
        var names = ColumnBuilder(.string), types = ColumnBuilder(.string)
        var nulls = ColumnBuilder(.int), distinct = ColumnBuilder(.int)
        var mins = ColumnBuilder(.string), maxs = ColumnBuilder(.string)
        let n = frame.rowCount
        for (field, c) in zip(frame.fields, frame.columns) {
            names.append(.string(field.name))
            types.append(.string(field.type.rawValue))
            nulls.append(.int(Int64(c.nullCount)))
            let g = GroupIds([c], rowCount: n)
            distinct.append(.int(Int64(g.count - (c.nullCount > 0 ? 1 : 0))))
            let key = OrderKey(c)
            var lo = -1, hi = -1
            for i in 0..<n where c.isValid(i) {
                if lo < 0 || key.compare(i, lo) < 0 { lo = i }
                if hi < 0 || key.compare(i, hi) > 0 { hi = i }
            }
            mins.append(lo < 0 ? .null : .string(text(c.value(at: lo), zone)))
            maxs.append(hi < 0 ? .null : .string(text(c.value(at: hi), zone)))
        }
        var out: [(String, Column)] = [("column", names.finish()), ("type", types.finish()), ("nulls", nulls.finish()),
                                       ("distinct", distinct.finish()), ("min", mins.finish()), ("max", maxs.finish())]
        if frame.fields.contains(where: { $0.sourceName != nil }) {
            out.append(("source", .from(.string, frame.fields.map { $0.sourceName.map(Value.string) ?? .null })))
        }
        return Frame(out)
    }

    /// Min/max text: timestamps on the zone's clock, as the table shows them.
    private static func text(_ v: Value, _ zone: Zone) -> String {
        if case .timestamp(let t) = v { return TimeFormat.display(micros: t, zone: zone) }
        return v.description
    }
}
