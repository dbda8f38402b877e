import Foundation
import Testing
import TestSupport
@testable import Frames

/// Arrow files with LZ4_FRAME and ZSTD buffers (written by pyarrow, see
/// fixtures/make_compressed_arrow.py) read like uncompressed ones; damaged
/// compressed buffers are errors, never traps.
@Suite struct ArrowCompressionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/fixtures/"

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + name)))
    }

    func decode(_ b: [UInt8]) throws(ArrowFormatError) -> Frame {
        let r: Result<Frame, ArrowFormatError> = b.withUnsafeBytes { raw in
            Result { () throws(ArrowFormatError) in try ArrowFileReader.decode(raw).frame }
        }
        return try r.get()
    }

    @Test(arguments: ["compressed-lz4.arrow", "compressed-zstd.arrow"])
    func compressedFilesRead(_ name: String) throws {
        let frame = try decode(try bytes(name))
        #expect(frame.rowCount == 200)
        #expect(frame.fields.map(\.type) == [.int, .string, .float])
        #expect((0..<4).map { frame.columns[0].value(at: $0) } == [.int(1), .null, .int(3), .int(4)])
        #expect((0..<4).map { frame.columns[1].value(at: $0) } == [.string("jionet"), .null, .string("airtelgprs.com"), .string("ims")])
        #expect(frame.columns[2].nullCount == 50)
    }

    @Test(arguments: ["compressed-lz4.arrow", "compressed-zstd.arrow"])
    func damagedCompressedFilesNeverTrap(_ name: String) throws {
        let good = try bytes(name)
        var rng = SplitMix(seed: 31)
        var failures = 0
        for i in stride(from: 0, to: good.count, by: 3) {
            var damaged = good
            damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            if (try? decode(damaged)) == nil { failures += 1 }
        }
        #expect(failures > 0)
    }
}
