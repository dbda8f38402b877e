/// Key ids shared by the two sides of a join: equal key combinations get the
/// same id on both sides; a row with a null in any key column gets -1.
///
/// A side probed against a much smaller one lists only its rows that can match
/// (`leftRows`/`rightRows`, ascending) with their ids; its other rows have no
/// partner and are never visited.
public struct JoinKeyIds: Sendable {
    /// The id of every left row (or of every row in `leftRows`), or -1.
    public let left: [Int32]
    /// The id of every right row (or of every row in `rightRows`), or -1.
    public let right: [Int32]
    /// Ids are in 0..<count.
    public let count: Int

    /// The left rows `left` describes, when not all of them.
    public let leftRows: [Int32]?
    /// The right rows `right` describes, when not all of them.
    public let rightRows: [Int32]?

    /// Ids over aligned key columns (`left[k]` and `right[k]` have one type). With no
    /// key columns every row has id 0.
    public init(left lc: [Column], right rc: [Column], leftRows nl: Int, rightRows nr: Int) {
        // One side much larger than the other: build a table of the small side's
        // keys and probe it with every large-side row. Rows whose key the small
        // side lacks get -1 (they still appear, unmatched, in left, anti and report joins).
        if nr > 2 * nl, let p = JoinKeyProbe.ids(small: lc, large: rc, smallRows: nl, largeRows: nr) {
            self.init(ids: p.small, p.largeIds, p.count, leftRows: nil, rightRows: p.largeRows)
            return
        }
        if nl > 2 * nr, let p = JoinKeyProbe.ids(small: rc, large: lc, smallRows: nr, largeRows: nl) {
            self.init(ids: p.largeIds, p.small, p.count, leftRows: p.largeRows, rightRows: nil)
            return
        }
        self.init(numbering: lc, rc, nl, nr)
    }

    private init(ids left: [Int32], _ right: [Int32], _ count: Int, leftRows: [Int32]?, rightRows: [Int32]?) {
        self.left = left
        self.right = right
        self.count = count
        self.leftRows = leftRows
        self.rightRows = rightRows
    }

    /// Numbers every key combination of both sides.
    init(numbering lc: [Column], _ rc: [Column], _ nl: Int, _ nr: Int) {
        let n = nl + nr
        var acc: GroupIds.Raw?
        for k in lc.indices {
            let raw = JoinKeyIds.columnIds(lc[k], rc[k], nl, nr)
            acc = acc.map { GroupIds.combine($0, raw, n) } ?? raw
        }
        var ids = acc?.ids ?? [Int32](repeating: 0, count: n)
        for k in lc.indices {
            if let v = lc[k].validity { for i in 0..<nl where !v[i] { ids[i] = -1 } }
            if let v = rc[k].validity { for i in 0..<nr where !v[i] { ids[nl + i] = -1 } }
        }
        left = Array(ids[0..<nl])
        right = Array(ids[nl..<n])
        count = acc?.cardinality ?? 1
        leftRows = nil
        rightRows = nil
    }

    /// Ids of one key column over the left rows followed by the right rows (null slots get arbitrary ids).
    static func columnIds(_ a: Column, _ b: Column, _ nl: Int, _ nr: Int) -> GroupIds.Raw {
        let n = nl + nr
        switch (a.values, b.values) {
        case (.string(let x), .string(let y)):
            let (ex, ix) = entries(x), (ey, iy) = entries(y)
            var all = ex
            let base = all.offsets[all.count]
            all.offsets.append(contentsOf: ey.offsets.dropFirst().map { $0 + base })
            all.bytes.append(contentsOf: ey.bytes)
            let entryIds = GroupIds.stringIds(all, all.count).ids
            var ids = [Int32](repeating: 0, count: n)
            let shift = ex.count
            // Null slots may point past an empty dictionary; they are cleared by validity later.
            func id(_ e: Int) -> Int32 { e >= 0 && e < entryIds.count ? entryIds[e] : 0 }
            for i in 0..<nl { ids[i] = id(ix.map { Int($0[i]) } ?? i) }
            for i in 0..<nr { ids[nl + i] = id(shift + (iy.map { Int($0[i]) } ?? i)) }
            return GroupIds.Raw(ids: ids, cardinality: Swift.max(all.count, 1))
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.duration(let x), .duration(let y)):
            return GroupIds.columnIds(Column(.int(x + y)), n)
        case (.float(let x), .float(let y)):
            return GroupIds.columnIds(Column(.float(x + y)), n)
        case (.ip(let x), .ip(let y)):
            return GroupIds.columnIds(Column(.ip(x + y)), n)
        case (.bool(let x), .bool(let y)):
            var ids = [Int32](repeating: 0, count: n)
            for i in 0..<nl where x[i] { ids[i] = 1 }
            for i in 0..<nr where y[i] { ids[nl + i] = 1 }
            return GroupIds.Raw(ids: ids, cardinality: 2)
        default:
            // Keys of different types never match: give the right side ids of its own.
            let l = GroupIds.columnIds(a, nl), r = GroupIds.columnIds(b, nr)
            return GroupIds.Raw(ids: l.ids + r.ids.map { $0 + Int32(l.cardinality) }, cardinality: l.cardinality + r.cardinality)
        }
    }

    /// The distinct entries of a string column and each row's entry index (nil: row i is entry i).
    static func entries(_ s: StringStorage) -> (PlainStrings, [Int32]?) {
        switch s {
        case .plain(let p): return (p, nil)
        case .dictionary(let idx, let d): return (d, idx)
        }
    }
}
