import Dispatch

/// Hands the bytes of a file being written to an observer (the audit log's
/// hash) on a thread of its own, in order, so that hashing overlaps writing.
///
/// Buffered bytes are copied before the writer reuses its buffer; a large block
/// written straight from memory is lent without a copy while the writer writes
/// it, and the writer waits for the observer before the block may go away.
/// At most `limit` pieces are in flight, so a slow observer holds back the
/// writer instead of memory growing without bound.
final class WriteObserverQueue: @unchecked Sendable {
    private let observer: @Sendable (UnsafeRawBufferPointer) -> Void
    private let queue = DispatchQueue(label: "ipdr.write-observer")
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore

    init(_ observer: @escaping @Sendable (UnsafeRawBufferPointer) -> Void, limit: Int = 16) {
        self.observer = observer
        slots = DispatchSemaphore(value: limit)
    }

    /// Passes a copy of `bytes` (the caller may reuse them at once).
    func copy(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        let piece = [UInt8](bytes)
        slots.wait()
        queue.async(group: group) { [observer, slots] in
            piece.withUnsafeBytes { observer($0) }
            slots.signal()
        }
    }

    /// Passes `bytes` without a copy: they must stay valid and unchanged until `wait` returns
    /// (`ByteSink.block` waits right after writing them).
    func lend(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        let lent = LentBytes(bytes)
        slots.wait()
        queue.async(group: group) { [observer, slots] in
            observer(lent.bytes)
            slots.signal()
        }
    }

    /// Returns once the observer has seen every piece passed so far.
    func wait() {
        group.wait()
    }

    /// Bytes lent across threads; their owner keeps them alive until `wait`.
    private struct LentBytes: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
    }
}
