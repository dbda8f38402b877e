/// A fixed array of result slots that parallel workers fill, each worker
/// writing only the slots it owns; read after all workers have finished.
final class ParallelSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<T?>
    let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Stores the result of slot `i` (called by exactly one worker per slot).
    func set(_ i: Int, _ value: T) { storage[i] = value }

    /// Moves the value out of slot `i`, leaving it empty (called by the one worker owning it).
    func take(_ i: Int) -> T? {
        let v = storage[i]
        storage[i] = nil
        return v
    }

    /// The results, once every worker is done.
    func results() -> [T?] { (0..<count).map { storage[$0] } }
}
