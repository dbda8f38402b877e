import Foundation
import Synchronization
import Testing
@testable import Frames

/// A write's content observer sees exactly the file's bytes, in order, for
/// buffered text and for large blocks written straight from column memory.
@Suite struct WriteObserverTests {
    final class Collected: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let pieces = Mutex(0)
        func add(_ b: UnsafeRawBufferPointer) {
            bytes.withLock { $0.append(contentsOf: b) }
            pieces.withLock { $0 += 1 }
        }
    }

    /// 300,000 rows: Arrow buffers above the block threshold, CSV text over many 1 MiB flushes.
    func frame() -> Frame {
        let n = 300_000
        var ids = ColumnBuilder(.int), names = ColumnBuilder(.string), ips = ColumnBuilder(.ip)
        for i in 0..<n {
            ids.append(i % 7 == 0 ? .null : .int(Int64(i) * 7919))
            names.append(.string("subscriber-\(i % 1_000)"))
            ips.append(.ip(IPAddress(high: 0, low: UInt64(0xFFFF_0A00_0000) | UInt64(i))))
        }
        return Frame([("id", ids.finish()), ("name", names.finish()), ("ip", ips.finish())])
    }

    @Test(arguments: ["out.arrow", "out.csv"])
    func observerSeesTheFileBytes(_ name: String) throws {
        let t = TempFolder()
        let path = t.path + "/" + name
        let seen = Collected()
        var o = WriteOptions()
        o.contentObserver = { seen.add($0) }
        let written = try FrameWriter.write(frame(), to: path, options: o)
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Int64(file.count) == written)
        #expect(seen.bytes.withLock { $0 } == file)
        #expect(seen.pieces.withLock { $0 } > 1)
    }

    @Test func aRefusedWriteShowsNothingAndLeavesTheFile() throws {
        let t = TempFolder()
        let path = t.file("kept.csv", "a\n1\n")
        let seen = Collected()
        var o = WriteOptions()
        o.contentObserver = { seen.add($0) }
        #expect(throws: WriteError.exists(path: path)) { try FrameWriter.write(frame(), to: path, options: o) }
        #expect(seen.bytes.withLock { $0 }.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n1\n")
    }
}
