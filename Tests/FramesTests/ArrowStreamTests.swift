import Foundation
import Testing
import TestSupport
@testable import Frames

/// Arrow IPC streams (pyarrow's `new_stream`, see fixtures/make_arrow_stream.py:
/// three batches, a delta dictionary, LZ4 buffers) read like files; damaged or
/// cut-short streams are errors, never traps.
@Suite struct ArrowStreamTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/fixtures/arrow-stream.arrows"

    func decode(_ b: [UInt8]) throws(ArrowFormatError) -> Frame {
        let r: Result<Frame, ArrowFormatError> = b.withUnsafeBytes { raw in
            Result { () throws(ArrowFormatError) in try ArrowFileReader.decode(raw).frame }
        }
        return try r.get()
    }

    @Test func streamReadsEveryBatch() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        #expect(bytes.withUnsafeBytes { ArrowFileReader.isStream($0) })
        let frame = try decode(bytes)
        #expect(frame.rowCount == 6)
        #expect((0..<6).map { frame.columns[0].value(at: $0) } == [.int(1), .null, .int(3), .int(4), .int(5), .int(6)])
        #expect((0..<6).map { frame.columns[1].value(at: $0) }
                == [.string("jionet"), .string("ims"), .string("jionet"), .string("ims"), .string("internet"), .null])
    }

    @Test func damagedStreamsNeverTrap() throws {
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        var rng = SplitMix(seed: 43)
        for i in 0..<good.count {
            var damaged = good
            damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            _ = try? decode(damaged)
        }
        // A stream cut inside a message is an error (cut between messages, it is the batches so far).
        #expect((try? decode(Array(good.prefix(good.count - 3)))) == nil)
    }

    /// A file (not a stream) that lost its end is still named as such.
    @Test func cutFileIsNotTakenForAStream() throws {
        var sink = ByteSink.memory()
        ArrowFileWriter.write(RoundTripTests.randomFrame(seed: 2, rows: 5), metadata: [], to: &sink)
        var bytes = sink.collected
        bytes.removeLast(6)
        #expect(throws: ArrowFormatError.damaged("the file does not start and end with ARROW1 (truncated?)")) { _ = try decode(bytes) }
    }
}
