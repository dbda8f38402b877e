/// Unique rows and the `describe` statistics.
public enum Distinct {
    /// The first row of every distinct combination of `columns`, in first-seen order.
    public static func firstRows(_ columns: [Column], rowCount n: Int) -> [Int32] {
        if n == 0 { return [] }
        return GroupIds(columns, rowCount: n).firstRows
    }

    /// The distinct combinations of the columns at `indices` of `f`, in first-seen order
    /// (the output holds just those columns).
    public static func distinct(_ f: Frame, columns indices: [Int]) -> Frame {
        let p = f.projecting(indices)
        return Selection.gather(p, firstRows(p.columns, rowCount: p.rowCount))
    }
}
