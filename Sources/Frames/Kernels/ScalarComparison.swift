/// Comparison of a column with one constant, written out per operator so the
/// inner loop has no closure call and packs 64 results into a word at a time.
enum ScalarComparison {
    enum Op { case eq, ne, lt, le, gt, ge }

    /// The operator for `column OP constant`; `flipped` when the constant is on the left.
    static func op(_ f: ScalarFunction, flipped: Bool) -> Op? {
        switch (f, flipped) {
        case (.equal, _): return .eq
        case (.notEqual, _): return .ne
        case (.less, false), (.greater, true): return .lt
        case (.lessOrEqual, false), (.greaterOrEqual, true): return .le
        case (.greater, false), (.less, true): return .gt
        case (.greaterOrEqual, false), (.lessOrEqual, true): return .ge
        default: return nil
        }
    }

    /// Bit i is `a[i] OP s`.
    static func compare<T: Comparable>(_ a: [T], _ s: T, _ op: Op) -> Bitmap {
        let n = a.count
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        a.withUnsafeBufferPointer { src in
            words.withUnsafeMutableBufferPointer { dst in
                guard let base = src.baseAddress, let out = dst.baseAddress else { return }
                let p = UncheckedBox(base), o = UncheckedBox(out)
                Parallel.forEachRange(n) { range in
                    fillSpecialized(p.value, s, op, o.value, range)
                }
            }
        }
        return Bitmap(words: words, count: n)
    }

    /// Fills the words of `range` (which starts on a multiple of 64).
    @inline(never)
    static func fill<T: Comparable>(_ p: UnsafePointer<T>, _ s: T, _ op: Op, _ out: UnsafeMutablePointer<UInt64>, _ range: Range<Int>) {
        switch op {
        case .eq: words(p, out, range) { $0 == s }
        case .ne: words(p, out, range) { $0 != s }
        case .lt: words(p, out, range) { $0 < s }
        case .le: words(p, out, range) { $0 <= s }
        case .gt: words(p, out, range) { $0 > s }
        case .ge: words(p, out, range) { $0 >= s }
        }
    }

    @inline(__always)
    static func words<T>(_ p: UnsafePointer<T>, _ out: UnsafeMutablePointer<UInt64>, _ range: Range<Int>, _ test: (T) -> Bool) {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 64 <= end {
            var word: UInt64 = 0
            for j in 0..<64 { word |= UInt64(test(p[i + j]) ? 1 : 0) << UInt64(j) }
            out[i >> 6] = word
            i += 64
        }
        if i < end {
            var word: UInt64 = 0
            for j in 0..<(end - i) { word |= UInt64(test(p[i + j]) ? 1 : 0) << UInt64(j) }
            out[i >> 6] = word
        }
    }
}

// Specialisations for the fixed-width column types the engine compares.
extension ScalarComparison {
    @_specialize(where T == Int64)
    @_specialize(where T == Double)
    @_specialize(where T == IPAddress)
    static func fillSpecialized<T: Comparable>(_ p: UnsafePointer<T>, _ s: T, _ op: Op, _ out: UnsafeMutablePointer<UInt64>, _ range: Range<Int>) {
        fill(p, s, op, out, range)
    }
}
