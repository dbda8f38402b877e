/// Stable multi-key sorting and top-N.
public enum Sorting {
    /// One sort key: a column and a direction.
    public struct Key: Sendable {
        public var column: Column
        public var descending: Bool
        public init(_ column: Column, descending: Bool = false) {
            self.column = column
            self.descending = descending
        }
    }

    /// The permutation that sorts rows by the keys: stable (ties keep row order),
    /// nulls last whatever the direction.
    ///
    /// - Complexity: O(n log n) comparisons.
    public static func order(_ keys: [Key], rowCount n: Int) -> [Int32] {
        var idx = (0..<n).map { Int32($0) }
        if keys.isEmpty || n < 2 { return idx }
        let ok = keys.map { OrderKey($0.column, descending: $0.descending) }
        // Single int-like key without nulls: sort (key, row) pairs directly.
        if ok.count == 1, ok[0].validity == nil, case .ints(let x) = ok[0].payload {
            let desc = ok[0].descending
            // Bitwise not reverses the order without overflow.
            var pairs = (0..<n).map { (desc ? ~x[$0] : x[$0], Int32($0)) }
            pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            return pairs.map(\.1)
        }
        idx.sort { a, b in less(ok, Int(a), Int(b)) }
        return idx
    }

    /// True when row i sorts before row j (ties broken by row number).
    @inline(__always)
    static func less(_ keys: [OrderKey], _ i: Int, _ j: Int) -> Bool {
        for k in keys {
            let c = k.compare(i, j)
            if c != 0 { return c < 0 }
        }
        return i < j
    }

    /// The first `count` rows of `order(keys)`, found with a bounded heap (no full sort).
    ///
    /// - Complexity: O(n log count).
    public static func top(_ count: Int, _ keys: [Key], rowCount n: Int) -> [Int32] {
        let k = Swift.max(0, Swift.min(count, n))
        if k == 0 { return [] }
        if keys.isEmpty { return (0..<k).map { Int32($0) } }
        let ok = keys.map { OrderKey($0.column, descending: $0.descending) }
        // Max-heap (by sort order) of the best k rows seen so far: the root is the worst kept row.
        var heap: [Int32] = []
        heap.reserveCapacity(k)
        func worse(_ a: Int32, _ b: Int32) -> Bool { less(ok, Int(b), Int(a)) }
        func siftUp(_ start: Int) {
            var c = start
            while c > 0 {
                let p = (c - 1) / 2
                if worse(heap[c], heap[p]) { heap.swapAt(c, p); c = p } else { break }
            }
        }
        func siftDown() {
            var p = 0
            while true {
                let l = 2 * p + 1, r = l + 1
                var m = p
                if l < heap.count && worse(heap[l], heap[m]) { m = l }
                if r < heap.count && worse(heap[r], heap[m]) { m = r }
                if m == p { return }
                heap.swapAt(p, m)
                p = m
            }
        }
        for i in 0..<n {
            let row = Int32(i)
            if heap.count < k {
                heap.append(row)
                siftUp(heap.count - 1)
            } else if less(ok, i, Int(heap[0])) {
                heap[0] = row
                siftDown()
            }
        }
        heap.sort { less(ok, Int($0), Int($1)) }
        return heap
    }

    /// A frame sorted by key columns (evaluated by the caller).
    public static func sorted(_ f: Frame, by keys: [Key]) -> Frame {
        Selection.gather(f, order(keys, rowCount: f.rowCount))
    }
}
