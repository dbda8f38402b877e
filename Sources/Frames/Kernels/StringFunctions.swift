import Foundation

extension StringKernels {
    /// lower, upper, len, substr, concat, replace, split_part.
    static func function(_ f: ScalarFunction, _ a: [Operand], _ t: [DataType], _ n: Int) throws(EvaluationError) -> Operand {
        if a.contains(where: \.isNullScalar) { return .scalar(.null) }
        var valid: Bitmap? = nil
        for o in a { valid = Loops.and(valid, o.validity(n)) }
        let s = storage(a[0], n)
        // Extra arguments that are constants let dictionary columns be mapped per entry.
        let extrasConstant = a.dropFirst().allSatisfy { if case .scalar = $0 { return true } else { return false } }
        func finish(_ c: Column) -> Operand {
            .column(Column(c.values, validity: Loops.and(valid, c.validity)))
        }
        switch f {
        case .lower, .upper:
            let up = f == .upper
            return finish(StringRows.mapStrings(s, n, perEntry: true) { b, _, out in
                if StringRows.isASCII(b) {
                    for c in b {
                        out.bytes.append(up ? (c &- 97 < 26 ? c & ~0x20 : c) : fold(c))
                    }
                } else {
                    var str = up ? StringRows.string(b).uppercased() : StringRows.string(b).lowercased()
                    str.withUTF8 { out.appendPart($0) }
                }
                return true
            })
        case .len:
            let (vals, v) = StringRows.mapValues(s, n, zero: Int64(0)) { b -> Int64? in
                StringRows.isASCII(b) ? Int64(b.count) : Int64(StringRows.string(b).count)
            }
            return .column(Column(.int(vals), validity: Loops.and(valid, v)))
        case .substr:
            let start = a[1].int64Side
            let length: Side<Int64>? = a.count > 2 ? a[2].int64Side : nil
            return finish(StringRows.mapStrings(s, n, perEntry: extrasConstant) { b, row, out in
                let st = Int(clamping: value(start, row)), ln = length.map { Int(clamping: value($0, row)) }
                substring(b, st, ln, &out)
                return true
            })
        case .concat:
            let parts = a.map { storage($0, n) }
            return StringRows.withMany(parts) { getters in finish(concatRows(getters, n)) }
        case .replace:
            if let p = scalarString(a[1]), let w = scalarString(a[2]) {
                let r = try regex(p, caseInsensitive: false)
                return finish(StringRows.mapStrings(s, n, perEntry: true) { b, _, out in
                    let str = StringRows.string(b)
                    var res = r.stringByReplacingMatches(in: str, options: [], range: NSRange(str.startIndex..., in: str), withTemplate: w)
                    res.withUTF8 { out.appendPart($0) }
                    return true
                })
            }
            let cache = RegexCache(ci: false)
            let ps = storage(a[1], n), ws = storage(a[2], n)
            var failure: EvaluationError? = nil
            let c = StringRows.with(ps) { gp in
                StringRows.with(ws) { gw in
                    StringRows.mapStrings(s, n, perEntry: false) { b, row, out in
                        guard failure == nil else { return false }
                        do throws(EvaluationError) {
                            let r = try cache.get(StringRows.string(gp(row)))
                            let str = StringRows.string(b)
                            var res = r.stringByReplacingMatches(in: str, options: [], range: NSRange(str.startIndex..., in: str),
                                                                 withTemplate: StringRows.string(gw(row)))
                            res.withUTF8 { out.appendPart($0) }
                            return true
                        } catch {
                            failure = error
                            return false
                        }
                    }
                }
            }
            if let e = failure { throw e }
            return finish(c)
        case .splitPart:
            let seps = storage(a[1], n)
            let index = a[2].int64Side
            return StringRows.with(seps) { gsep in
                finish(StringRows.mapStrings(s, n, perEntry: extrasConstant) { b, row, out in
                    splitPart(b, gsep(Swift.max(row, 0)), value(index, row), &out)
                })
            }
        default:
            throw .typeError(message: "\(f.rawValue) is not a string function")
        }
    }

    @inline(__always)
    static func value<T>(_ s: Side<T>, _ row: Int) -> T {
        switch s {
        case .scalar(let v): return v
        case .array(let a): return a[Swift.max(row, 0)]
        }
    }

    /// Characters `start ..< start + length` (0-based, clamped) of a string.
    static func substring(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int?, _ out: inout PlainStrings) {
        let st = Swift.max(start, 0)
        if let l = length, l <= 0 { return }
        if StringRows.isASCII(b) {
            guard st < b.count else { return }
            let end = length.map { Swift.min(b.count, st + $0) } ?? b.count
            out.appendPart(UnsafeBufferPointer(rebasing: b[st..<end]))
            return
        }
        let str = StringRows.string(b)
        var part = String(length.map { str.dropFirst(st).prefix($0) } ?? str.dropFirst(st))
        part.withUTF8 { out.appendPart($0) }
    }

    /// Part `n` (1-based, negative from the end) of `b` split at `sep`; null for n == 0.
    static func splitPart(_ b: UnsafeBufferPointer<UInt8>, _ sep: UnsafeBufferPointer<UInt8>, _ n: Int64, _ out: inout PlainStrings) -> Bool {
        if n == 0 { return false }
        var ranges: [Range<Int>] = []
        if sep.isEmpty {
            ranges = [0..<b.count]
        } else {
            var start = 0, i = 0
            while i + sep.count <= b.count {
                var hit = true
                for k in 0..<sep.count where b[i + k] != sep[k] { hit = false; break }
                if hit {
                    ranges.append(start..<i)
                    i += sep.count
                    start = i
                } else {
                    i += 1
                }
            }
            ranges.append(start..<b.count)
        }
        let k = n > 0 ? Int(n - 1) : ranges.count + Int(clamping: n)
        if k >= 0 && k < ranges.count {
            out.appendPart(UnsafeBufferPointer(rebasing: b[ranges[k]]))
        }
        return true
    }

    static func concatRows(_ getters: [(Int) -> UnsafeBufferPointer<UInt8>], _ n: Int) -> Column {
        var out = PlainStrings()
        out.offsets.reserveCapacity(n + 1)
        for i in 0..<n {
            for g in getters { out.appendPart(g(i)) }
            out.closeString()
        }
        return Column(.string(.plain(out)))
    }
}

extension StringRows {
    /// Calls `body` with a row accessor for each of several string storages.
    static func withMany<R>(_ parts: [StringStorage], _ body: ([(Int) -> UnsafeBufferPointer<UInt8>]) -> R) -> R {
        func go(_ k: Int, _ acc: [(Int) -> UnsafeBufferPointer<UInt8>]) -> R {
            if k == parts.count { return body(acc) }
            return with(parts[k]) { g in
                withoutActuallyEscaping(g) { eg in go(k + 1, acc + [eg]) }
            }
        }
        return go(0, [])
    }
}
