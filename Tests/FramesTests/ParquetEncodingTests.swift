import Foundation
import Testing
import TestSupport
@testable import Frames

/// Parquet v2 encodings — DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
/// DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT — in a file pyarrow wrote (see
/// fixtures/make_parquet_v2.py) read to the values the script put in, and
/// damaged copies of it never trap.
@Suite struct ParquetEncodingTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/fixtures/parquet-v2-encodings.parquet"

    func decode(_ bytes: [UInt8]) throws(ParquetFormatError) -> Frame {
        try ParquetBytes.with(bytes) { (raw) throws(ParquetFormatError) in try ParquetFileReader.decode(raw).frame }
    }

    @Test func valuesAreThoseWritten() throws {
        let frame = try decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture))))
        #expect(frame.rowCount == 300)
        for i in [0, 1, 7, 11, 150, 299] {
            #expect(frame.column("i64")?.value(at: i) == (i % 7 == 0 ? .null : .int(Int64(i * 3 - 100))))
            #expect(frame.column("i32")?.value(at: i) == (i % 11 == 0 ? .null : .int(Int64((i * 37) % 1000 - 500))))
            let name = "subscriber-" + String(repeating: "0", count: 4 - String(i % 30).count) + String(i % 30)
            #expect(frame.column("s")?.value(at: i) == (i % 5 == 0 ? .null : .string(name)))
            let cell = "cell-" + String(repeating: "0", count: 3 - String(i / 10).count) + String(i / 10) + "-\(i % 10)"
            #expect(frame.column("p")?.value(at: i) == .string(cell))
            #expect(frame.column("f")?.value(at: i) == (i % 9 == 0 ? .null : .float(Double(i) / 8)))
            #expect(frame.column("ts")?.value(at: i) == .timestamp(1_759_622_400_000_000 + Int64(i) * 1_000_000))
        }
    }

    @Test func damagedCopiesNeverTrap() throws {
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        var rng = SplitMix(seed: 41)
        for i in stride(from: 0, to: good.count, by: 2) {
            var damaged = good
            damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            _ = try? decode(damaged)
        }
        for cut in stride(from: 0, to: good.count, by: 37) {
            #expect((try? decode(Array(good.prefix(cut)))) == nil)
        }
    }
}
