import Audit
import Foundation
import Frames

/// The work of a `load`: reads the file with its options while hashing its
/// bytes, and takes the provenance sidecar `save` wrote beside a text
/// export. Runs on any thread.
struct LoadRequest: Sendable {
    var path: String
    var options: ReadOptions

    /// What the read gave.
    struct Output: Sendable {
        /// The frame read, or why it could not be.
        var result: Result<ReadResult, LoadError>
        /// The file's SHA-256 (also when the read failed), nil when it was not hashed.
        var sha256: String?
        /// The read's time.
        var seconds: Double
    }

    /// Reads the file; only a cancellation is thrown (a failed read is
    /// returned, so that the file is still recorded as evidence).
    func run(_ control: JobControl) throws(StatementError) -> Output {
        var read = options
        read.isCancelled = { control.isCancelled }
        read.progress = { done, total in control.report(done: done, total: total) }
        let digest = StreamingDigest(isCancelled: { control.isCancelled })
        read.contentObserver = { digest.consume($0) }
        let started = DispatchTime.now().uptimeNanoseconds
        var result: ReadResult
        do {
            result = try FrameReader.read(path: path, options: read)
        } catch {
            if case .cancelled = error { throw .cancelled }
            return Output(result: .failure(error), sha256: digest.hex, seconds: Self.seconds(since: started))
        }
        // A read that finished while the hash was being cancelled has no evidence: it must not be stored.
        if control.isCancelled || digest.hex == nil { throw .cancelled }
        if !result.format.isTyped { Session.applySidecar(path, to: &result) }
        return Output(result: .success(result), sha256: digest.hex, seconds: Self.seconds(since: started))
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
