/// An evaluated argument: a full column, or one value standing for every row.
enum Operand: Sendable {
    case column(Column)
    case scalar(Value)

    var isNullScalar: Bool { if case .scalar(.null) = self { return true } else { return false } }

    /// The validity of the operand over `n` rows (nil = all valid).
    func validity(_ n: Int) -> Bitmap? {
        switch self {
        case .column(let c): return c.validity
        case .scalar(let v): return v.isNull ? Bitmap(count: n, value: false) : nil
        }
    }

    /// The operand as a column of `n` rows (scalars are repeated).
    func materialize(_ type: DataType, _ n: Int) -> Column {
        switch self {
        case .column(let c): return c
        case .scalar(let v): return Operand.broadcast(v, type, n)
        }
    }

    /// A column of `n` copies of one value.
    static func broadcast(_ v: Value, _ type: DataType, _ n: Int) -> Column {
        switch v {
        case .null: return Column.nulls(type, count: n)
        case .int(let x): return type == .float ? Column(.float(Array(repeating: Double(x), count: n))) : Column(.int(Array(repeating: x, count: n)))
        case .float(let x): return Column(.float(Array(repeating: x, count: n)))
        case .bool(let x): return Column(.bool(Bitmap(count: n, value: x)))
        case .timestamp(let x): return Column(.timestamp(Array(repeating: x, count: n)))
        case .duration(let x): return Column(.duration(Array(repeating: x, count: n)))
        case .ip(let x): return Column(.ip(Array(repeating: x, count: n)))
        case .string(let s):
            if n == 0 { return Column(.string(.plain(PlainStrings()))) }
            return Column(.string(.dictionary(indices: Array(repeating: 0, count: n), dictionary: PlainStrings([s]))))
        }
    }
}

/// One side of a binary kernel: an array, or a constant.
enum Side<T> {
    case array([T])
    case scalar(T)
}

extension Operand {
    /// Int64 payload of int, timestamp and duration operands.
    var int64Side: Side<Int64> {
        switch self {
        case .column(let c):
            switch c.values {
            case .int(let a), .timestamp(let a), .duration(let a): return .array(a)
            default: return .array([])
            }
        case .scalar(let v):
            switch v {
            case .int(let x), .timestamp(let x), .duration(let x): return .scalar(x)
            case .float(let x): return .scalar(Int64(x))
            default: return .scalar(0)
            }
        }
    }

    /// Double payload of float operands (ints converted).
    var doubleSide: Side<Double> {
        switch self {
        case .column(let c):
            switch c.values {
            case .float(let a): return .array(a)
            case .int(let a): return .array(a.map(Double.init))
            default: return .array([])
            }
        case .scalar(let v):
            switch v {
            case .float(let x): return .scalar(x)
            case .int(let x): return .scalar(Double(x))
            default: return .scalar(0)
            }
        }
    }

    /// IP payload.
    var ipSide: Side<IPAddress> {
        switch self {
        case .column(let c):
            if case .ip(let a) = c.values { return .array(a) }
            return .array([])
        case .scalar(let v):
            if case .ip(let x) = v { return .scalar(x) }
            return .scalar(IPAddress(high: 0, low: 0))
        }
    }
}

/// Tight loops over one or two sides.
enum Loops {
    /// `f` applied row by row to two sides of `n` rows.
    @inline(__always)
    static func map2<A, B, R>(_ a: Side<A>, _ b: Side<B>, _ n: Int, _ f: (A, B) -> R) -> [R] {
        [R](unsafeUninitializedCapacity: n) { out, written in
            switch (a, b) {
            case let (.array(x), .array(y)):
                x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: f(xp[i], yp[i])) }
                } }
            case let (.array(x), .scalar(s)):
                x.withUnsafeBufferPointer { xp in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: f(xp[i], s)) }
                }
            case let (.scalar(s), .array(y)):
                y.withUnsafeBufferPointer { yp in
                    for i in 0..<n { (out.baseAddress! + i).initialize(to: f(s, yp[i])) }
                }
            case let (.scalar(s), .scalar(t)):
                let r = f(s, t)
                for i in 0..<n { (out.baseAddress! + i).initialize(to: r) }
            }
            written = n
        }
    }

    /// `f` applied row by row to one array.
    @inline(__always)
    static func map1<A, R>(_ a: [A], _ f: (A) -> R) -> [R] {
        let n = a.count
        return [R](unsafeUninitializedCapacity: n) { out, written in
            a.withUnsafeBufferPointer { xp in
                for i in 0..<n { (out.baseAddress! + i).initialize(to: f(xp[i])) }
            }
            written = n
        }
    }

    /// A bitmap of `n` bits where bit i is `f(i)`, built a word at a time, in parallel for big inputs.
    @inline(__always)
    static func bits(_ n: Int, _ f: (Int) -> Bool) -> Bitmap {
        let wordCount = (n + 63) >> 6
        var words = [UInt64](repeating: 0, count: wordCount)
        words.withUnsafeMutableBufferPointer { wp in
            let w = UncheckedBox(wp)
            Parallel.forEachRange(n) { range in
                var i = range.lowerBound
                while i < range.upperBound {
                    let end = Swift.min(i + 64, range.upperBound)
                    var word: UInt64 = 0
                    var bit: UInt64 = 0
                    for j in i..<end {
                        if f(j) { word |= 1 << bit }
                        bit += 1
                    }
                    w.value[i >> 6] = word
                    i = end
                }
            }
        }
        return Bitmap(words: words, count: n)
    }

    /// A comparison bitmap over two sides.
    @inline(__always)
    static func compare2<A, B>(_ a: Side<A>, _ b: Side<B>, _ n: Int, _ f: (A, B) -> Bool) -> Bitmap {
        switch (a, b) {
        case let (.array(x), .array(y)):
            return x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                let bx = UncheckedBox(xp), by = UncheckedBox(yp)
                return bits(n) { f(bx.value[$0], by.value[$0]) }
            } }
        case let (.array(x), .scalar(s)):
            return x.withUnsafeBufferPointer { xp in
                let bx = UncheckedBox(xp)
                return bits(n) { f(bx.value[$0], s) }
            }
        case let (.scalar(s), .array(y)):
            return y.withUnsafeBufferPointer { yp in
                let by = UncheckedBox(yp)
                return bits(n) { f(s, by.value[$0]) }
            }
        case let (.scalar(s), .scalar(t)):
            return Bitmap(count: n, value: f(s, t))
        }
    }

    /// The and of two optional validity bitmaps (nil = all valid).
    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let x?, nil): return x
        case (nil, let y?): return y
        case (let x?, let y?): return x & y
        }
    }
}
