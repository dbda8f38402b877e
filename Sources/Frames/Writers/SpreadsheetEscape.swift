/// The reversible escape that keeps spreadsheets from running CSV cells as
/// formulas: a string cell that begins with `=`, `+`, `-`, `@`, tab or CR —
/// after any number of `'` — gets one more `'` in front. Removing one `'`
/// from every cell that begins with `'` then one of those characters after
/// any further `'`s gives the original cells back exactly.
public enum SpreadsheetEscape {
    /// The prefix added (an apostrophe).
    public static let prefix: UInt8 = 39

    @inline(__always)
    static func isFormulaStart(_ b: UInt8) -> Bool {
        b == 61 || b == 43 || b == 45 || b == 64 || b == 9 || b == 13
    }

    /// True when the cell needs the prefix: `'`* then a formula character.
    @inline(__always)
    static func needsPrefix(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count, b[i] == prefix { i += 1 }
        return i < b.count && isFormulaStart(b[i])
    }

    /// True when the cell was escaped: `'`, then `'`*, then a formula character.
    static func isEscaped(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.first == prefix && needsPrefix(UnsafeBufferPointer(rebasing: b[1...]))
    }

    /// The strings with one `'` removed from each escaped cell.
    public static func unescape(_ strings: PlainStrings) -> PlainStrings {
        var out = PlainStrings()
        out.offsets.reserveCapacity(strings.offsets.count)
        out.bytes.reserveCapacity(strings.bytes.count)
        strings.bytes.withUnsafeBufferPointer { all in
            for i in 0..<strings.count {
                let cell = UnsafeBufferPointer(rebasing: all[Int(strings.offsets[i])..<Int(strings.offsets[i + 1])])
                out.append(bytes: isEscaped(cell) ? UnsafeBufferPointer(rebasing: cell[1...]) : cell)
            }
        }
        return out
    }

    /// The column with its escaped cells restored (string columns; others as they are).
    public static func unescape(_ column: Column) -> Column {
        guard case .string(let storage) = column.values else { return column }
        switch storage {
        case .plain(let p): return Column(.string(.plain(unescape(p))), validity: column.validity)
        case .dictionary(let indices, let d): return Column(.string(.dictionary(indices: indices, dictionary: unescape(d))), validity: column.validity)
        }
    }

    /// The frame with every string column restored.
    public static func unescape(_ frame: Frame) -> Frame {
        Frame(fields: frame.fields, columns: frame.columns.map(unescape), rowCount: frame.rowCount)
    }
}
