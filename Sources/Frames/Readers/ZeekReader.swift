/// Reads Zeek TSV logs (`conn.log` and the others): the `#separator`,
/// `#unset_field`, `#empty_field`, `#fields` and `#types` lines give the
/// layout, the rows are parsed by the parallel CSV reader, and the columns get
/// the types `#types` names: `time` → timestamp (epoch seconds), `interval` →
/// duration, `count`/`int`/`port` → int, `double` → float, `addr` → ip,
/// `bool` (`T`/`F`) → bool; `-` is null and `(empty)` an empty string.
enum ZeekReader {
    /// The directives at the top of a Zeek log.
    struct Layout {
        var separator: UInt8 = 9
        var unset = "-"
        var empty = "(empty)"
        var path: String?
        var fields: [String] = []
        var types: [String] = []
        /// Lines of directives before the first row.
        var headerLines = 0
    }

    /// Whether the file starts like a Zeek log.
    static func looks(_ file: MappedFile) -> Bool {
        guard let base = file.base else { return false }
        let tag = Array("#separator".utf8)
        let s = file.bomLength
        guard file.count - s >= tag.count else { return false }
        return (0..<tag.count).allSatisfy { base[s + $0] == tag[$0] }
    }

    /// The directives, read from the lines that start with `#` at the top.
    static func layout(_ file: MappedFile) -> Layout {
        var out = Layout()
        guard let base = file.base else { return out }
        var p = file.bomLength
        while p < file.count, base[p] == UInt8(ascii: "#") {
            var e = p
            while e < file.count, base[e] != 10 { e += 1 }
            var lineEnd = e
            if lineEnd > p, base[lineEnd - 1] == 13 { lineEnd -= 1 }
            let line = String(decoding: UnsafeBufferPointer(start: base + p, count: lineEnd - p), as: UTF8.self)
            out.headerLines += 1
            p = e + 1
            if line.hasPrefix("#separator") {
                let value = line.dropFirst("#separator".count).trimmingCharacters(in: [" ", "\t"])
                if value.hasPrefix("\\x"), let b = UInt8(value.dropFirst(2), radix: 16) {
                    out.separator = b
                } else if let b = value.utf8.first {
                    out.separator = b
                }
                continue
            }
            let parts = line.split(separator: Character(Unicode.Scalar(out.separator)), omittingEmptySubsequences: false).map(String.init)
            guard let key = parts.first else { continue }
            let values = Array(parts.dropFirst())
            switch key {
            case "#unset_field": out.unset = values.first ?? out.unset
            case "#empty_field": out.empty = values.first ?? out.empty
            case "#path": out.path = values.first
            case "#fields": out.fields = values
            case "#types": out.types = values
            default: break
            }
        }
        return out
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        let layout = layout(file)
        guard !layout.fields.isEmpty else {
            throw .formatMismatch(SourcePosition(file: file.path, line: layout.headerLines + 1, column: 1),
                                  reason: "not a Zeek log: no #fields line" + (layout.headerLines == 0 ? "" : " among the \(layout.headerLines) # lines at the top"),
                                  hint: "a Zeek TSV log starts with #separator, then #fields and #types lines; a Zeek JSON log is one object per line ({\"ts\":…}) and loads without format= (or with format=ndjson)")
        }
        var o = options
        o.delimiter = layout.separator
        o.header = false
        o.skipLines = layout.headerLines
        o.footers = ["#close"]
        o.columnNames = layout.fields
        o.unsetField = layout.unset.utf8.count == 1 ? layout.unset.utf8.first ?? 0 : 0
        let names = HeaderNames.unique(layout.fields)
        for (name, type) in zip(names, layout.types) where o.types[name] == nil {
            switch type {
            case "time", "interval", "double": o.types[name] = .float
            case "count", "int", "port": o.types[name] = .int
            case "addr": o.types[name] = .ip
            default: o.types[name] = .string
            }
        }
        var result = try CSVReader.read(file, format: .tsv, options: o)
        let frame = result.frame
        var fields = frame.fields
        var columns = frame.columns
        for (c, type) in zip(0..<columns.count, layout.types) {
            columns[c] = convert(columns[c], zeekType: type, empty: layout.empty)
            fields[c].type = columns[c].type
        }
        result.frame = Frame(fields: fields, columns: columns, rowCount: frame.rowCount)
        result.format = .zeek
        result.notes.insert("Zeek log" + (layout.path.map { " (#path \($0))" } ?? ""), at: 0)
        return result
    }

    /// A column as its Zeek type: epoch seconds as timestamps, seconds as
    /// durations, `T`/`F` as booleans, the empty-field mark as "".
    static func convert(_ c: Column, zeekType: String, empty: String) -> Column {
        switch (zeekType, c.values) {
        case ("time", .float(let a)):
            return Column(.timestamp(a.map { Int64(($0 * 1_000_000).rounded()) }), validity: c.validity)
        case ("interval", .float(let a)):
            return Column(.duration(a.map { Int64(($0 * 1_000_000).rounded()) }), validity: c.validity)
        case ("bool", .string(let s)):
            var bits = Bitmap(count: c.count, value: false)
            var validity = c.validity ?? Bitmap(count: c.count, value: true)
            for i in 0..<c.count where c.isValid(i) {
                switch s[i] {
                case "T": bits[i] = true
                case "F": break
                default: validity[i] = false
                }
            }
            return Column(.bool(bits), validity: validity.allSet ? nil : validity)
        case (_, .string(let s)):
            guard (0..<c.count).contains(where: { c.isValid($0) && s[$0] == empty }) else { return c }
            var b = ColumnBuilder(.string)
            for i in 0..<c.count { b.append(c.isValid(i) ? .string(s[i] == empty ? "" : s[i]) : .null) }
            return b.finish()
        default:
            return c
        }
    }
}
