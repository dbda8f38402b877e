import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// String comparisons, predicates, regexes and string functions.
enum StringKernels {
    /// The storage of a string operand; scalars become a one-entry dictionary (no per-row copies).
    static func storage(_ o: Operand, _ n: Int) -> StringStorage {
        if case .string(let s) = o.materialize(.string, n).values { return s }
        return .plain(PlainStrings())
    }

    static func scalarString(_ o: Operand) -> String? {
        if case .scalar(.string(let s)) = o { return s }
        return nil
    }

    /// `== != < <= > >=` on strings, byte-wise.
    static func compare(_ f: ScalarFunction, _ a: Operand, _ b: Operand, _ n: Int) throws(EvaluationError) -> Bitmap {
        @inline(__always) func test(_ c: Int) -> Bool {
            switch f {
            case .equal: return c == 0
            case .notEqual: return c != 0
            case .less: return c < 0
            case .lessOrEqual: return c <= 0
            case .greater: return c > 0
            default: return c >= 0
            }
        }
        if case .column(let c) = a, case .string(let s) = c.values, var lit = scalarString(b) {
            return lit.withUTF8 { l in StringRows.mapBits(s, n) { test(StringRows.compare($0, l)) } }
        }
        if case .column(let c) = b, case .string(let s) = c.values, var lit = scalarString(a) {
            return lit.withUTF8 { l in StringRows.mapBits(s, n) { test(StringRows.compare(l, $0)) } }
        }
        let x = storage(a, n), y = storage(b, n)
        return StringRows.with(x) { gx in
            StringRows.with(y) { gy in
                Loops.bits(n) { test(StringRows.compare(gx($0), gy($0))) }
            }
        }
    }

    /// ASCII lower-casing of one byte.
    @inline(__always)
    static func fold(_ c: UInt8) -> UInt8 { c &- 65 < 26 ? c | 0x20 : c }

    /// contains / startswith / endswith, case-sensitive or not (the `CI` forms fold case with
    /// full Unicode lower-casing; all-ASCII rows take a byte-wise fast path).
    static func predicate(_ f: ScalarFunction, _ a: Operand, _ b: Operand, _ n: Int) throws(EvaluationError) -> Operand {
        if a.isNullScalar || b.isNullScalar { return .scalar(.null) }
        let valid = Loops.and(a.validity(n), b.validity(n))
        let ci = f == .containsCI || f == .startsWithCI || f == .endsWithCI
        let kind: Int = (f == .contains || f == .containsCI) ? 0 : (f == .startsWith || f == .startsWithCI) ? 1 : 2
        @inline(__always) func test(_ h: UnsafeBufferPointer<UInt8>, _ nd: UnsafeBufferPointer<UInt8>) -> Bool {
            if ci {
                if StringRows.isASCII(h) && StringRows.isASCII(nd) { return foldedTest(kind, h, nd) }
                var hs = StringRows.string(h).lowercased(), ns = StringRows.string(nd).lowercased()
                return hs.withUTF8 { hp in ns.withUTF8 { np in rawTest(kind, hp, np) } }
            }
            return rawTest(kind, h, nd)
        }
        let bits: Bitmap
        if case .column(let c) = a, case .string(let s) = c.values, var lit = scalarString(b) {
            bits = lit.withUTF8 { l in StringRows.mapBits(s, n) { test($0, l) } }
        } else {
            let x = storage(a, n), y = storage(b, n)
            bits = StringRows.with(x) { gx in StringRows.with(y) { gy in Loops.bits(n) { test(gx($0), gy($0)) } } }
        }
        return .column(Column(.bool(bits), validity: valid))
    }

    @inline(__always)
    static func rawTest(_ kind: Int, _ h: UnsafeBufferPointer<UInt8>, _ nd: UnsafeBufferPointer<UInt8>) -> Bool {
        if nd.isEmpty { return true }
        if nd.count > h.count { return false }
        guard let hp = h.baseAddress, let np = nd.baseAddress else { return false }
        switch kind {
        case 0:
            let first = Int32(np[0]), last = h.count - nd.count
            var i = 0
            while i <= last {
                guard let hit = memchr(hp + i, first, last - i + 1) else { return false }
                let at = hp.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(hp + at, np, nd.count) == 0 { return true }
                i = at + 1
            }
            return false
        case 1: return memcmp(hp, np, nd.count) == 0
        default: return memcmp(hp + (h.count - nd.count), np, nd.count) == 0
        }
    }

    @inline(__always)
    static func foldedTest(_ kind: Int, _ h: UnsafeBufferPointer<UInt8>, _ nd: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = nd.count
        if m == 0 { return true }
        if m > h.count { return false }
        @inline(__always) func at(_ start: Int) -> Bool {
            for k in 0..<m where fold(h[start + k]) != fold(nd[k]) { return false }
            return true
        }
        switch kind {
        case 1: return at(0)
        case 2: return at(h.count - m)
        default:
            let first = fold(nd[0])
            var i = 0
            while i <= h.count - m {
                if fold(h[i]) == first && at(i) { return true }
                i += 1
            }
            return false
        }
    }

    /// Compiles a regular expression, as a typed error when it is invalid.
    static func regex(_ pattern: String, caseInsensitive: Bool) throws(EvaluationError) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw .badRegex(pattern: pattern, reason: "\(error.localizedDescription)")
        }
    }

    /// A cache of compiled patterns for patterns that come from a column.
    final class RegexCache {
        var map: [String: NSRegularExpression] = [:]
        let ci: Bool
        init(ci: Bool) { self.ci = ci }
        func get(_ p: String) throws(EvaluationError) -> NSRegularExpression {
            if let r = map[p] { return r }
            let r = try StringKernels.regex(p, caseInsensitive: ci)
            map[p] = r
            return r
        }
    }

    static func found(_ r: NSRegularExpression, _ s: String) -> Bool {
        r.firstMatch(in: s, options: [], range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// `s matches pattern`: true when the regex finds a match anywhere in s.
    static func matches(_ a: Operand, _ p: Operand, caseInsensitive: Bool, _ n: Int) throws(EvaluationError) -> Operand {
        if a.isNullScalar || p.isNullScalar { return .scalar(.null) }
        let valid = Loops.and(a.validity(n), p.validity(n))
        let s = storage(a, n)
        if let pattern = scalarString(p) {
            let r = try regex(pattern, caseInsensitive: caseInsensitive)
            let bits = StringRows.mapBits(s, n, parallel: false) { found(r, StringRows.string($0)) }
            return .column(Column(.bool(bits), validity: valid))
        }
        let cache = RegexCache(ci: caseInsensitive)
        let ps = storage(p, n)
        var bits = Bitmap(count: n, value: false)
        let pValid = p.validity(n)
        try StringRows.with(s) { (gs) throws(EvaluationError) in
            try StringRows.with(ps) { (gp) throws(EvaluationError) in
                for i in 0..<n where pValid?[i] ?? true {
                    if found(try cache.get(StringRows.string(gp(i))), StringRows.string(gs(i))) { bits[i] = true }
                }
            }
        }
        return .column(Column(.bool(bits), validity: valid))
    }
}
