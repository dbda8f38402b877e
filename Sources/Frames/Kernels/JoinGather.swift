/// Gathers for the right side of an outer join, where row -1 stands for "no match".
public enum JoinGather {
    /// Row `idx[k]` of `c` for every k, or null where `idx[k]` is -1.
    public static func gather(_ c: Column, _ idx: [Int32]) -> Column {
        var missing = false
        for i in idx where i < 0 { missing = true; break }
        if !missing { return Selection.gather(c, idx) }
        if c.count == 0 { return Column.nulls(c.type, count: idx.count) }
        let safe = idx.map { Swift.max($0, 0) }
        var g = Selection.gather(c, safe)
        var present = Bitmap(idx.lazy.map { $0 >= 0 })
        if let v = g.validity { present = present & v }
        g = Column(g.values, validity: present)
        return g
    }
}
