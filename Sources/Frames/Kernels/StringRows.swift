#if canImport(Glibc)
import Glibc
#endif

/// Byte-level helpers over string columns: row access, per-dictionary-entry
/// evaluation, and byte comparisons.
enum StringRows {
    /// Calls `body` with a function returning the bytes of row `i`.
    @inline(__always)
    static func with<R, E: Error>(_ s: StringStorage, _ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch s {
        case .plain(let p):
            return try with(p, body)
        case .dictionary(let idx, let d):
            return try idx.withUnsafeBufferPointer { (ip) throws(E) in
                try with(d) { (get) throws(E) in
                    try withoutActuallyEscaping(get) { (g) throws(E) in try body { g(Int(ip[$0])) } }
                }
            }
        }
    }

    /// Calls `body` with a function returning the bytes of string `i` of plain strings.
    @inline(__always)
    static func with<R, E: Error>(_ p: PlainStrings, _ body: ((Int) -> UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try p.offsets.withUnsafeBufferPointer { (op) throws(E) in
            try p.bytes.withUnsafeBufferPointer { (bp) throws(E) in
                let base = bp.baseAddress
                return try body { i in
                    let s = Int(op[i]), e = Int(op[i + 1])
                    return UnsafeBufferPointer(start: base.map { $0 + s }, count: e - s)
                }
            }
        }
    }

    /// Three-way byte comparison (UTF-8 byte order equals code point order).
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let m = Swift.min(a.count, b.count)
        if m > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let r = memcmp(pa, pb, m)
            if r != 0 { return r < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// True when every byte is ASCII.
    @inline(__always)
    static func isASCII(_ a: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in a where b >= 0x80 { return false }
        return true
    }

    /// A Swift string from bytes (cold paths only).
    @inline(__always)
    static func string(_ a: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: a, as: UTF8.self)
    }

    /// Bits `f(row bytes)`; dictionary columns evaluate once per entry.
    static func mapBits(_ s: StringStorage, _ n: Int, parallel: Bool = true,
                        _ f: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bitmap {
        switch s {
        case .dictionary(let idx, let d):
            let table: [Bool] = with(d) { get in (0..<d.count).map { f(get($0)) } }
            return idx.withUnsafeBufferPointer { ip in
                table.withUnsafeBufferPointer { tp in
                    let bi = UncheckedBox(ip), bt = UncheckedBox(tp)
                    return Loops.bits(n) { bt.value[Int(bi.value[$0])] }
                }
            }
        case .plain(let p):
            return with(p) { get in
                if parallel { return Loops.bits(n) { f(get($0)) } }
                var b = Bitmap(count: n, value: false)
                for i in 0..<n where f(get(i)) { b[i] = true }
                return b
            }
        }
    }

    /// Values `f(row bytes)` with nil meaning null; dictionary columns evaluate once per entry.
    static func mapValues<T>(_ s: StringStorage, _ n: Int, zero: T,
                             _ f: (UnsafeBufferPointer<UInt8>) -> T?) -> ([T], Bitmap?) {
        var out = [T](repeating: zero, count: n)
        var valid: Bitmap? = nil
        func mark(_ i: Int) {
            if valid == nil { valid = Bitmap(count: n, value: true) }
            valid?[i] = false
        }
        switch s {
        case .dictionary(let idx, let d):
            let table: [T?] = with(d) { get in (0..<d.count).map { f(get($0)) } }
            for i in 0..<n {
                if let v = table[Int(idx[i])] { out[i] = v } else { mark(i) }
            }
        case .plain(let p):
            with(p) { get in
                for i in 0..<n {
                    if let v = f(get(i)) { out[i] = v } else { mark(i) }
                }
            }
        }
        return (out, valid)
    }

    /// Strings built by `f` (which appends the bytes of one string with
    /// `appendPart` and returns false for null; the string is closed here).
    /// When `perEntry` is true dictionary columns are mapped once per entry and
    /// keep their indices; otherwise `f` gets the row number.
    static func mapStrings(_ s: StringStorage, _ n: Int, perEntry: Bool,
                           _ f: (UnsafeBufferPointer<UInt8>, Int, inout PlainStrings) -> Bool) -> Column {
        if perEntry, case .dictionary(let idx, let d) = s {
            var out = PlainStrings()
            var entryValid = [Bool](repeating: true, count: d.count)
            with(d) { get in
                for e in 0..<d.count {
                    let before = out.bytes.count
                    if !f(get(e), -1, &out) {
                        out.bytes.removeSubrange(before...)
                        entryValid[e] = false
                    }
                    out.closeString()
                }
            }
            var valid: Bitmap? = nil
            if entryValid.contains(false) {
                valid = Bitmap(idx.lazy.map { entryValid[Int($0)] })
            }
            return Column(.string(.dictionary(indices: idx, dictionary: out)), validity: valid)
        }
        var out = PlainStrings()
        out.offsets.reserveCapacity(n + 1)
        var valid: Bitmap? = nil
        with(s) { get in
            for i in 0..<n {
                let before = out.bytes.count
                if !f(get(i), i, &out) {
                    out.bytes.removeSubrange(before...)
                    if valid == nil { valid = Bitmap(count: n, value: true) }
                    valid?[i] = false
                }
                out.closeString()
            }
        }
        return Column(.string(.plain(out)), validity: valid)
    }
}

extension PlainStrings {
    /// Appends bytes to the string being built without closing it (callers close it with `closeString`).
    mutating func appendPart(_ b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }
    /// Closes the string being built.
    mutating func closeString() { offsets.append(Int64(bytes.count)) }
}
