import Dispatch

/// Independent pieces of work run on all cores, with their results kept in order.
public enum ParallelBatches {
    /// `body(k)` for every k in `0..<count`, run concurrently; result k is `body(k)`.
    /// `body` must be safe to call from several threads at once.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count <= 1 { return (0..<count).map(body) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { rp in
            let out = UncheckedBox(rp)
            withoutActuallyEscaping(body) { b in
                let f = UncheckedBox(b)
                DispatchQueue.concurrentPerform(iterations: count) { k in
                    out.value[k] = f.value(k)
                }
            }
        }
        return results.map { $0! }
    }
}

extension ParallelBatches {
    /// Two aligned `Int32` arrays built on all cores in two passes over the same
    /// consecutive pieces of `0..<n`: `count` gives each piece's number of
    /// entries, then `fill` writes a piece's entries from position `at` on into
    /// arrays of the final size (no per-piece arrays, no concatenation).
    /// With `spare`, the arrays have one extra slot per piece past the end,
    /// passed to `fill` as `spare` for branch-free writes, and dropped afterwards.
    static func countThenFill(_ n: Int, spare: Bool = false, count: (Range<Int>) -> Int,
                              fill: (_ rows: Range<Int>, _ at: Int, _ spare: Int,
                                     _ first: UnsafeMutableBufferPointer<Int32>, _ second: UnsafeMutableBufferPointer<Int32>) -> Void)
        -> (first: [Int32], second: [Int32]) {
        let pieces = Swift.max(1, Parallel.chunkCount(n))
        func bounds(_ k: Int) -> Range<Int> { (n * k / pieces)..<(n * (k + 1) / pieces) }
        let counts = map(pieces) { count(bounds($0)) }
        var offsets = [0]
        for c in counts { offsets.append(offsets[offsets.count - 1] + c) }
        let total = offsets[pieces], extra = spare ? pieces : 0
        var first = [Int32](repeating: 0, count: total + extra), second = first
        first.withUnsafeMutableBufferPointer { fp in second.withUnsafeMutableBufferPointer { sp in
            let f = UncheckedBox(fp), s = UncheckedBox(sp)
            _ = map(pieces) { k in fill(bounds(k), offsets[k], total + k, f.value, s.value) }
        } }
        first.removeLast(extra)
        second.removeLast(extra)
        return (first, second)
    }
}
