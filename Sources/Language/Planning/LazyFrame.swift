import Frames

/// The frame flowing between operators, with row selections kept pending and
/// columns gathered only when an operator reads them.
///
/// A frame is made of parts: column sets, each with the rows of it currently
/// selected (nil: all, in order). A plain frame is one part; a join's output is
/// the left input's parts taken at the left rows of its pairs plus the right
/// frame taken at the right rows, so `join … | summarize … by x` gathers only
/// the columns the aggregation reads, never the whole joined width.
struct LazyFrame {
    private struct Part {
        var columns: [Column]
        var rows: [Int32]?
        /// Row -1 stands for "no match" (the right side of a left join): nulls.
        var outer: Bool
    }

    private var parts: [Part]
    private(set) var fields: [Field]
    /// Part and column of every current column.
    private var mapping: [(part: Int, column: Int)]
    private var gathered: [Int: Column] = [:]
    private(set) var rowCount: Int

    init(_ f: Frame) {
        parts = [Part(columns: f.columns, rows: nil, outer: false)]
        fields = f.fields
        mapping = f.columns.indices.map { (0, $0) }
        rowCount = f.rowCount
    }

    /// Applies a selection over the current rows.
    mutating func select(_ rows: [Int32]) {
        for k in parts.indices {
            if let r = parts[k].rows {
                parts[k].rows = r.withUnsafeBufferPointer { rp in rows.map { rp[Int($0)] } }
            } else {
                parts[k].rows = rows
            }
        }
        rowCount = rows.count
        gathered = [:]
    }

    /// Appends `columns` (as long as the right frame) under `newFields`, taken at
    /// `rows` of them; with `outer`, row -1 gives nulls. Call after `select` put the
    /// current columns into the same row order.
    mutating func append(_ columns: [Column], rows: [Int32], outer: Bool, fields newFields: [Field]) {
        parts.append(Part(columns: columns, rows: rows, outer: outer))
        let p = parts.count - 1
        mapping += columns.indices.map { (p, $0) }
        fields += newFields
    }

    /// Sets column `name` (replacing it in place, or appending it) to `column`,
    /// which has one value per current row.
    mutating func setting(_ name: String, _ column: Column) {
        parts.append(Part(columns: [column], rows: nil, outer: false))
        let entry = (part: parts.count - 1, column: 0)
        if let i = fields.firstIndex(where: { $0.name == name }) {
            fields[i] = Field(name, column.type, sourceName: fields[i].sourceName)
            mapping[i] = entry
            gathered[i] = column
        } else {
            fields.append(Field(name, column.type))
            mapping.append(entry)
            gathered[fields.count - 1] = column
        }
    }

    /// Keeps the current columns at `idx` under new fields.
    mutating func keep(_ idx: [Int], _ newFields: [Field]) {
        var g: [Int: Column] = [:]
        for (k, i) in idx.enumerated() { if let c = gathered[i] { g[k] = c } }
        mapping = idx.map { mapping[$0] }
        fields = newFields
        gathered = g
    }

    /// Current column `i`, gathered through its part's selection.
    mutating func column(_ i: Int) -> Column {
        if let c = gathered[i] { return c }
        let (p, j) = mapping[i]
        let part = parts[p]
        let c0 = part.columns[j]
        let c: Column
        if let rows = part.rows {
            c = part.outer ? JoinGather.gather(c0, rows) : Selection.gather(c0, rows)
        } else {
            c = c0
        }
        gathered[i] = c
        return c
    }

    /// Columns for evaluating `exprs`: the referenced ones gathered, others left as
    /// placeholders of the wrong length (expressions never read them).
    mutating func columns(for exprs: [Expr]) -> [Column] {
        var need = Set<Int>()
        for e in exprs { need.formUnion(e.referencedColumns) }
        return columns(indices: Array(need))
    }

    mutating func columns(indices need: [Int]) -> [Column] {
        var out: [Column] = []
        out.reserveCapacity(fields.count)
        let needed = Set(need)
        for i in fields.indices {
            out.append(needed.contains(i) ? column(i) : parts[mapping[i].part].columns[mapping[i].column])
        }
        return out
    }

    /// Every current column gathered.
    mutating func materialized() -> Frame {
        var cols: [Column] = []
        for i in fields.indices { cols.append(column(i)) }
        return Frame(fields: fields.indices.map { Field(fields[$0].name, cols[$0].type, sourceName: fields[$0].sourceName) },
                     columns: cols, rowCount: rowCount)
    }
}
