#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable values of one column of one chunk, handed from the parser that
/// filled them to the joiner without a copy; freed with the last reference.
final class ChunkBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>?
    /// The number of values.
    let count: Int

    /// No values.
    init() {
        base = nil
        count = 0
    }

    /// Takes ownership of `count` values in memory from `malloc`.
    init(taking base: UnsafeMutablePointer<Element>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Values from an array (a copy).
    convenience init(_ values: [Element]) {
        guard let raw = malloc(max(values.count, 1) * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        let p = raw.bindMemory(to: Element.self, capacity: max(values.count, 1))
        values.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: values.count) } }
        self.init(taking: p, count: values.count)
    }

    deinit { free(base) }

    /// The values.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Value `i`.
    subscript(i: Int) -> Element { buffer[i] }
}
