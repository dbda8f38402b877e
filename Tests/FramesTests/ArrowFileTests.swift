import Foundation
import Testing
import TestSupport
@testable import Frames

/// The Arrow IPC writer and reader: round trips of every type with and
/// without nulls, dictionaries, metadata, the layout other tools rely on,
/// and damaged files.
@Suite struct ArrowFileTests {
    let dir = TempFolder()

    func arrowBytes(_ frame: Frame, metadata: [(String, String)] = []) -> [UInt8] {
        var o = WriteOptions(format: .arrow)
        o.metadata = metadata
        return FrameWriter.encode(frame, format: .arrow, options: o)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 300, 70_000], [UInt64(1), 2])
    func writeThenReadGivesSameFrame(_ rows: Int, _ seed: UInt64) throws {
        let frame = RoundTripTests.randomFrame(seed: seed, rows: rows)
        let path = dir.path + "/rt-\(rows)-\(seed).arrow"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        let back = try load(path)
        #expect(back.format == .arrow)
        #expect(back.frame.fields == frame.fields)
        #expect(firstDifference(frame, back.frame) == nil)
        // The dictionary column stays dictionary-encoded (when it has entries).
        if rows > 0, let c = back.frame.column("apn name"), case .string(let s) = c.values {
            if case .dictionary = s {} else { Issue.record("apn name came back plain") }
        }
    }

    @Test(arguments: DataType.allCases)
    func everyTypeWithoutNulls(_ type: DataType) throws {
        let frame = RoundTripTests.randomFrame(seed: 9, rows: 200)
        guard let i = frame.index(of: "c_\(type)") else { Issue.record("no column"); return }
        var column = frame.columns[i]
        column.validity = nil
        let one = Frame([("x", column)])
        let path = dir.path + "/nn-\(type).arrow"
        _ = try FrameWriter.write(one, to: path, options: WriteOptions())
        let back = try load(path).frame
        #expect(back.columns[0].validity == nil)
        #expect(firstDifference(one, back) == nil)
    }

    @Test func metadataAndSourceNamesTravel() throws {
        let frame = Frame(fields: [Field("msisdn", .string, sourceName: "MSISDN No")],
                          columns: [Column.from(.string, [.string("+919800000001"), .null])])
        let path = dir.file("m.arrow", bytes: arrowBytes(frame, metadata: [("ipdr.statement", "save x to \"m.arrow\""), ("k", "")]))
        let back = try load(path)
        #expect(back.frame.fields[0].sourceName == "MSISDN No")
        #expect(back.metadata.map(\.0) == ["ipdr.statement", "k"])
        #expect(back.metadata.first?.1 == "save x to \"m.arrow\"")
    }

    @Test func fileLayout() {
        let bytes = arrowBytes(RoundTripTests.randomFrame(seed: 3, rows: 10))
        #expect(Array(bytes.prefix(8)) == Array("ARROW1".utf8) + [0, 0])
        #expect(Array(bytes.suffix(6)) == Array("ARROW1".utf8))
        // The first message starts with the continuation marker and an 8-aligned metadata length.
        #expect(Array(bytes[8..<12]) == [0xFF, 0xFF, 0xFF, 0xFF])
        let length = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
        #expect(length % 8 == 0)
    }

    @Test func flatBuffersRoundTrip() throws {
        let value = FlatValue.table([.int16(-3), .string("héllo"), nil, .int64(1 << 40), .bool(true),
                                     .vector([.table([.string("a")]), .table([.string("b")])]),
                                     .structs(size: 16, bytes: ArrowSchemaEncoding.pairs([(1, 2), (3, 4)]))])
        let bytes = FlatBufferEncoder.encode(value)
        try bytes.withUnsafeBytes { raw in
            let t = try FlatBufferTable(root: raw)
            #expect(try t.scalar(0, Int16(0)) == -3)
            #expect(try t.string(1) == "héllo")
            #expect(try t.string(2) == nil)
            #expect(try t.scalar(3, Int64(0)) == 1 << 40)
            #expect(try t.bool(4))
            #expect(try t.tables(5).map { try $0.string(0) } == ["a", "b"])
            let s = try t.structs(6, size: 16)
            #expect(try s.map { try t.int64(at: $0 + 8) } == [2, 4])
            #expect(try t.scalar(9, Int32(7)) == 7)
        }
    }

    /// Cut short at every length, the file gives an error, never a crash.
    @Test func truncatedFilesAreErrors() throws {
        let bytes = arrowBytes(RoundTripTests.randomFrame(seed: 4, rows: 20))
        for cut in stride(from: 6, to: bytes.count, by: 7) {
            let result = Array(bytes.prefix(cut)).withUnsafeBytes { raw in Result { () throws(ArrowFormatError) in try ArrowFileReader.decode(raw) } }
            if case .success = result { Issue.record("a file cut at \(cut) of \(bytes.count) bytes loaded") }
        }
    }

    /// Any single damaged byte loads or gives an error; it never traps.
    @Test func damagedBytesNeverTrap() {
        let bytes = arrowBytes(RoundTripTests.randomFrame(seed: 5, rows: 12))
        var rng = SplitMix(seed: 11)
        for i in 0..<bytes.count {
            var damaged = bytes
            damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            _ = damaged.withUnsafeBytes { raw in try? ArrowFileReader.decode(raw) }
        }
    }

    @Test func notArrowAtTheEnd() throws {
        var bytes = arrowBytes(RoundTripTests.randomFrame(seed: 6, rows: 3))
        bytes.removeLast(6)
        let path = dir.file("cut.arrow", bytes: bytes)
        let error = try #require(loadError(path))
        #expect(error.description.contains("not a valid Arrow IPC file"))
        #expect(error.description.hasPrefix(path + ": error:"))
    }

    @Test func existingFileIsKept() throws {
        let frame = RoundTripTests.randomFrame(seed: 7, rows: 5)
        let path = dir.path + "/keep.arrow"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        #expect(throws: WriteError.exists(path: path)) { _ = try FrameWriter.write(frame, to: path, options: WriteOptions()) }
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions(overwrite: true))
    }
}
