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
        switch op {
        case .eq: return run(a) { $0 == s }
        case .ne: return run(a) { $0 != s }
        case .lt: return run(a) { $0 < s }
        case .le: return run(a) { $0 <= s }
        case .gt: return run(a) { $0 > s }
        case .ge: return run(a) { $0 >= s }
        }
    }

    @inline(__always)
    private static func run<T>(_ a: [T], _ test: (T) -> Bool) -> Bitmap {
        let n = a.count
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        a.withUnsafeBufferPointer { src in
            words.withUnsafeMutableBufferPointer { dst in
                let s = UncheckedBox(src), d = UncheckedBox(dst)
                Parallel.forEachRange(n) { range in
                    guard let base = s.value.baseAddress, let out = d.value.baseAddress else { return }
                    var i = range.lowerBound
                    let end = range.upperBound
                    while i + 64 <= end {
                        var word: UInt64 = 0
                        for j in 0..<64 { word |= UInt64(test(base[i + j]) ? 1 : 0) << UInt64(j) }
                        out[i >> 6] = word
                        i += 64
                    }
                    if i < end {
                        var word: UInt64 = 0
                        for j in 0..<(end - i) where test(base[i + j]) { word |= 1 << UInt64(j) }
                        out[i >> 6] = word
                    }
                }
            }
        }
        return Bitmap(words: words, count: n)
    }
}
