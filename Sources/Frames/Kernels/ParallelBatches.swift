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
