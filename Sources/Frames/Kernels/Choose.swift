/// Row-wise choice between two columns of one type (`if`, `coalesce`).
enum Choose {
    /// Row i from `a` where `mask[i]`, else from `b`, validity included.
    static func choose(_ mask: Bitmap, _ a: Column, _ b: Column) -> Column {
        let n = mask.count
        var valid: Bitmap? = nil
        if a.validity != nil || b.validity != nil {
            let av = a.validity ?? Bitmap(count: n, value: true), bv = b.validity ?? Bitmap(count: n, value: true)
            valid = (mask & av) | (~mask & bv)
        }
        func pick<T>(_ x: [T], _ y: [T]) -> [T] {
            var out = y
            for i in mask.setIndices() { out[Int(i)] = x[Int(i)] }
            return out
        }
        switch (a.values, b.values) {
        case let (.int(x), .int(y)): return Column(.int(pick(x, y)), validity: valid)
        case let (.float(x), .float(y)): return Column(.float(pick(x, y)), validity: valid)
        case let (.timestamp(x), .timestamp(y)): return Column(.timestamp(pick(x, y)), validity: valid)
        case let (.duration(x), .duration(y)): return Column(.duration(pick(x, y)), validity: valid)
        case let (.ip(x), .ip(y)): return Column(.ip(pick(x, y)), validity: valid)
        case let (.bool(x), .bool(y)): return Column(.bool((mask & x) | (~mask & y)), validity: valid)
        case let (.string(x), .string(y)):
            var out = PlainStrings()
            out.offsets.reserveCapacity(n + 1)
            StringRows.with(x) { gx in
                StringRows.with(y) { gy in
                    for i in 0..<n { out.append(bytes: mask[i] ? gx(i) : gy(i)) }
                }
            }
            return Column(.string(.plain(out)), validity: valid)
        default:
            return b
        }
    }
}
