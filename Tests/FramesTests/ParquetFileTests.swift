import Foundation
import Testing
import TestSupport
@testable import Frames

/// The Parquet writer and reader: round trips of every type with and without
/// nulls over pages, row groups and codecs, dictionaries and their plain
/// fallback, metadata, the encodings' building blocks, and damaged files.
@Suite struct ParquetFileTests {
    let dir = TempFolder()

    func parquetBytes(_ frame: Frame, metadata: [(String, String)] = [], codec: Compression? = .zstd,
                      groupRows: Int = ParquetFileWriter.rowGroupRows) -> [UInt8] {
        var sink = ByteSink.memory()
        ParquetFileWriter.write(frame, metadata: metadata, codec: codec, groupRows: groupRows, to: &sink)
        return sink.collected
    }

    func decode(_ bytes: [UInt8]) throws(ParquetFormatError) -> ParquetFileReader.Contents {
        try ParquetBytes.with(bytes) { (raw) throws(ParquetFormatError) in try ParquetFileReader.decode(raw) }
    }

    @Test(arguments: [0, 1, 63, 64, 65, 300, 70_000], [UInt64(1), 2])
    func writeThenReadGivesSameFrame(_ rows: Int, _ seed: UInt64) throws {
        let frame = RoundTripTests.randomFrame(seed: seed, rows: rows)
        let path = dir.path + "/rt-\(rows)-\(seed).parquet"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        let back = try load(path)
        #expect(back.format == .parquet)
        #expect(back.frame.fields == frame.fields)
        #expect(firstDifference(frame, back.frame) == nil)
        if rows > 0, let c = back.frame.column("apn name"), case .string(let s) = c.values {
            if case .dictionary = s {} else { Issue.record("apn name came back plain") }
        }
    }

    @Test(arguments: [Compression.zstd, .snappy, nil], [1, 7, 1_000])
    func codecsAndRowGroups(_ codec: Compression?, _ groupRows: Int) throws {
        let frame = RoundTripTests.randomFrame(seed: 3, rows: 2_500)
        let back = try decode(parquetBytes(frame, codec: codec, groupRows: groupRows))
        #expect(back.frame.rowCount == 2_500)
        #expect(firstDifference(frame, back.frame) == nil)
    }

    @Test(arguments: DataType.allCases)
    func everyTypeWithoutNulls(_ type: DataType) throws {
        let frame = RoundTripTests.randomFrame(seed: 9, rows: 200)
        guard let i = frame.index(of: "c_\(type)") else { Issue.record("no column"); return }
        var column = frame.columns[i]
        column.validity = nil
        let one = Frame([("x", column)])
        let back = try decode(parquetBytes(one)).frame
        #expect(back.columns[0].validity == nil)
        #expect(firstDifference(one, back) == nil)
    }

    @Test(arguments: DataType.allCases)
    func everyTypeAllNull(_ type: DataType) throws {
        let one = Frame([("x", Column.nulls(type, count: 70))])
        let back = try decode(parquetBytes(one)).frame
        #expect(back.fields == one.fields)
        #expect(back.columns[0].nullCount == 70)
    }

    /// Long strings end a page before its row count (page sizes are 32-bit in the format).
    @Test func longStringsSplitPages() throws {
        let frame = RoundTripTests.randomFrame(seed: 12, rows: 3_000)
        var sink = ByteSink.memory()
        ParquetFileWriter.write(frame, metadata: [], codec: .snappy, pageBytes: 200, to: &sink)
        let back = try decode(sink.collected)
        #expect(firstDifference(frame, back.frame) == nil)
        // Many more page headers than the one page per column of the default.
        #expect(sink.collected.count > parquetBytes(frame, codec: .snappy).count + 1_000)
    }

    /// A dictionary too large for one page is written as plain strings and reads back the same.
    @Test func largeDictionaryFallsBackToPlain() throws {
        var dict = PlainStrings()
        for i in 0..<60_000 { dict.append("subscriber-\(i)-" + String(repeating: "x", count: 30)) }
        let indices = (0..<60_000).map { Int32(($0 * 7) % 60_000) }
        let frame = Frame([("s", Column(.string(.dictionary(indices: indices, dictionary: dict))))])
        let bytes = parquetBytes(frame)
        let meta = try ParquetBytes.with(bytes) { (raw) throws(ParquetFormatError) in try ParquetFileReader.metadata(raw) }
        #expect(meta.rowGroups[0].chunks[0].start == 4, "no dictionary page before the data")
        #expect(firstDifference(frame, try decode(bytes).frame) == nil)
    }

    /// Random identifiers do not compress: the chunk is stored uncompressed.
    @Test func incompressibleChunkIsStoredPlain() throws {
        var rng = SplitMix(seed: 4)
        let frame = Frame([("n", Column(.int((0..<5_000).map { _ in Int64(bitPattern: rng.next()) })))])
        let bytes = parquetBytes(frame, codec: .zstd)
        let meta = try ParquetBytes.with(bytes) { (raw) throws(ParquetFormatError) in try ParquetFileReader.metadata(raw) }
        #expect(meta.rowGroups[0].chunks[0].codec == nil)
        #expect(firstDifference(frame, try decode(bytes).frame) == nil)
    }

    @Test func metadataAndSourceNamesTravel() throws {
        let frame = Frame(fields: [Field("msisdn", .string, sourceName: "MSISDN No"), Field("d", .duration)],
                          columns: [Column.from(.string, [.string("+919800000001"), .null]), Column.from(.duration, [.duration(-5), .null])])
        let back = try decode(parquetBytes(frame, metadata: [("ipdr.statement", "save x to \"m.parquet\""), ("k", "")]))
        #expect(back.frame.fields == frame.fields)
        #expect(back.metadata.map(\.0) == ["ipdr.statement", "k"], "ARROW:schema is not provenance")
        #expect(back.metadata.first?.1 == "save x to \"m.parquet\"")
    }

    @Test func fileLayout() {
        let bytes = parquetBytes(RoundTripTests.randomFrame(seed: 3, rows: 10))
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
    }

    @Test func rleHybridRoundTrips() throws {
        var rng = SplitMix(seed: 21)
        for trial in 0..<300 {
            let width = Int(rng.next() % 33)
            let count = Int(rng.next() % 2_000)
            let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
            // Runs and noise mixed, so both run kinds appear.
            var values: [UInt32] = []
            while values.count < count {
                let v = UInt32(truncatingIfNeeded: rng.next() & mask)
                let run = rng.next() % 3 == 0 ? Int(rng.next() % 40) + 1 : 1
                values.append(contentsOf: repeatElement(v, count: min(run, count - values.count)))
            }
            let encoded = RLEHybrid.encode(count: count, bitWidth: width) { values[$0] }
            var out = [UInt32](repeating: 0, count: count)
            let used = try encoded.withUnsafeBytes { raw in
                try out.withUnsafeMutableBufferPointer { try RLEHybrid.decode(raw, bitWidth: width, count: count, into: $0) }
            }
            #expect(out == values, "trial \(trial): width \(width), \(count) values")
            #expect(used == encoded.count)
        }
    }

    /// Crafted runs: a bit-packed run of width 0 with a huge group count, and
    /// an RLE run whose value is wider than the bit width.
    @Test func rleHybridCraftedRuns() throws {
        var out = [UInt32](repeating: 9, count: 10)
        let huge: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        try huge.withUnsafeBytes { raw in
            try out.withUnsafeMutableBufferPointer { _ = try RLEHybrid.decode(raw, bitWidth: 0, count: 10, into: $0) }
        }
        #expect(out == [UInt32](repeating: 0, count: 10))
        let wide: [UInt8] = [0x08, 0x03]
        var levels = [UInt32](repeating: 0, count: 4)
        try wide.withUnsafeBytes { raw in
            try levels.withUnsafeMutableBufferPointer { _ = try RLEHybrid.decode(raw, bitWidth: 1, count: 4, into: $0) }
        }
        #expect(levels == [1, 1, 1, 1], "a definition level is one bit")
        let short: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x01]
        var some = [UInt32](repeating: 0, count: 8)
        #expect(throws: ParquetFormatError.self) {
            try short.withUnsafeBytes { raw in
                try some.withUnsafeMutableBufferPointer { _ = try RLEHybrid.decode(raw, bitWidth: 3, count: 8, into: $0) }
            }
        }
    }

    /// A map of bools takes a byte per bool, as in lists; the field after it is read right.
    @Test func thriftMapOfBools() throws {
        let bytes: [UInt8] = [0x1B, 0x02, 0x11, 0x01, 0x02, 0x01, 0x01, 0x15, 0x0A, 0x00]
        let s = try bytes.withUnsafeBytes { raw in
            var r = ThriftReader(raw)
            return try r.readStruct()
        }
        #expect(s.int(2) == 5)
    }

    @Test func outOfRangeTimesAreErrors() throws {
        #expect(try ParquetPlainDecoder.checkedMicros(days: 1, plus: 5, column: "t") == 86_400_000_005)
        #expect(throws: ParquetFormatError.self) { _ = try ParquetPlainDecoder.checkedMicros(days: Int64(Int32.max), plus: 0, column: "t") }
    }

    @Test func thriftRoundTrips() throws {
        var w = ThriftWriter()
        w.i32(1, -7)
        w.i64(3, 1 << 40)
        w.bool(4, true)
        w.string(20, "héllo")
        w.beginStruct(21)
        w.i8(1, -3)
        w.endStruct()
        w.beginList(22, .i32, count: 20)
        for i in 0..<20 { w.elementI32(Int32(i) - 10) }
        let bytes = w.finish()
        let s = try bytes.withUnsafeBytes { raw in
            var r = ThriftReader(raw)
            return try r.readStruct()
        }
        #expect(s.int(1) == -7)
        #expect(s.int(3) == 1 << 40)
        #expect(s.bool(4) == true)
        #expect(s.string(20) == "héllo")
        #expect(s.structure(21)?.int(1) == -3)
        #expect(s.list(22).count == 20)
    }

    /// Cut short at every length, the file gives an error, never a crash.
    @Test func truncatedFilesAreErrors() {
        let bytes = parquetBytes(RoundTripTests.randomFrame(seed: 4, rows: 20))
        for cut in stride(from: 0, to: bytes.count, by: 5) {
            if (try? decode(Array(bytes.prefix(cut)))) != nil { Issue.record("a file cut at \(cut) of \(bytes.count) bytes loaded") }
        }
    }

    /// Any damaged byte loads or gives an error; it never traps.
    @Test(arguments: [Compression.zstd, .snappy, nil])
    func damagedBytesNeverTrap(_ codec: Compression?) {
        let bytes = parquetBytes(RoundTripTests.randomFrame(seed: 5, rows: 12), codec: codec)
        var rng = SplitMix(seed: 11)
        for i in 0..<bytes.count {
            var damaged = bytes
            damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            _ = try? decode(damaged)
        }
    }

    @Test func errorsNameTheFile() throws {
        var bytes = parquetBytes(RoundTripTests.randomFrame(seed: 6, rows: 3))
        bytes.removeLast(4)
        let path = dir.file("cut.parquet", bytes: bytes)
        let error = try #require(loadError(path))
        #expect(error.description.hasPrefix(path + ": error: not a valid Parquet file"))
        #expect(error.description.contains("PAR1"))
    }

    @Test func existingFileIsKept() throws {
        let frame = RoundTripTests.randomFrame(seed: 7, rows: 5)
        let path = dir.path + "/keep.parquet"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: WriteError.exists(path: path)) { _ = try FrameWriter.write(Frame.empty, to: path, options: WriteOptions()) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
