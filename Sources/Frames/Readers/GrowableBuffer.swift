#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable buffer of plain values with a single owner: the per-value
/// storage of a column accumulator.
///
/// Appending is a capacity check and a store (no reference counting or
/// uniqueness check, as an `Array` append has); growth doubles the capacity
/// with `realloc`, which moves large buffers by remapping pages.
struct GrowableBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` values.
    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = GrowableBuffer.allocate(self.capacity)
    }

    deinit { free(base) }

    private static func allocate(_ n: Int) -> UnsafeMutablePointer<Element> {
        guard let raw = malloc(n * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return raw.bindMemory(to: Element.self, capacity: n)
    }

    /// Value `i` (which must be below `count`).
    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// The last value (the buffer must not be empty).
    var last: Element { base[count - 1] }

    @inline(__always)
    mutating func append(_ v: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: v)
        count += 1
    }

    /// Appends `n` copies of `v`.
    mutating func append(repeating v: Element, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(repeating: v, count: n)
        count += n
    }

    /// Appends the values of `p[0..<n]`.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<Element>, count n: Int) {
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).initialize(from: p, count: n)
        count += n
    }

    /// Drops the last `n` values.
    mutating func removeLast(_ n: Int = 1) {
        precondition(n <= count, "removing more values than the buffer holds")
        count -= n
    }

    /// Drops every value, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// The values.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Hands the values over to a shared, immutable buffer; this buffer is left empty.
    mutating func take() -> ChunkBuffer<Element> {
        let shrunk = realloc(base, max(count, 1) * MemoryLayout<Element>.stride) ?? UnsafeMutableRawPointer(base)
        let out = ChunkBuffer(taking: shrunk.bindMemory(to: Element.self, capacity: max(count, 1)), count: count)
        capacity = 8
        count = 0
        base = GrowableBuffer.allocate(capacity)
        return out
    }

    @inline(never)
    private mutating func grow(to minimum: Int) {
        let n = max(minimum, capacity * 2)
        guard let raw = realloc(base, n * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        base = raw.bindMemory(to: Element.self, capacity: n)
        capacity = n
    }
}
