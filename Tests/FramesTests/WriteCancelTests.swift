import Foundation
import Synchronization
import Testing
@testable import Frames

/// A write cancelled part-way (after its first MiB, or before the rename)
/// throws `.cancelled` and leaves neither the target nor a temporary file.
@Suite struct WriteCancelTests {
    /// 300,000 rows: many 1 MiB flushes as CSV, blocks above the threshold as Arrow.
    func frame() -> Frame {
        let values = (0..<300_000).map { Value.int(Int64($0) * 7919) }
        return Frame([("a", .from(.int, values)), ("b", .from(.int, values))])
    }

    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-write-cancel-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(arguments: ["out.csv", "out.arrow", "out.ndjson"], [1, 2])
    func cancelledAfterSomeBytesLeavesNothing(_ name: String, cancelAtReport: Int) throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = Mutex(0)
        let written = Mutex<[Int64]>([])
        var options = WriteOptions()
        options.progress = { n in
            reports.withLock { $0 += 1 }
            written.withLock { $0.append(n) }
        }
        options.isCancelled = { reports.withLock { $0 } >= cancelAtReport + 1 }
        #expect(throws: WriteError.cancelled(path: dir + "/" + name)) {
            try FrameWriter.write(frame(), to: dir + "/" + name, options: options)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        #expect(written.withLock { $0.first } == 0)
    }

    @Test func aWriteNotCancelledReportsItsBytes() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let last = Mutex<Int64>(-1)
        var options = WriteOptions()
        options.progress = { n in last.withLock { $0 = n } }
        options.isCancelled = { false }
        let bytes = try FrameWriter.write(frame(), to: dir + "/out.csv", options: options)
        #expect(last.withLock { $0 } == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }
}
