import Testing
import TestSupport
@testable import Frames

@Suite struct RoundTripTests {
    let dir = TempFolder()

    /// A seeded random frame with a column of every type (and a dictionary column), with nulls.
    static func randomFrame(seed: UInt64, rows: Int) -> Frame {
        var rng = SplitMix(seed: seed)
        func maybeNull(_ v: Value) -> Value { rng.next() % 5 == 0 ? .null : v }
        let pieces = ["a", "b", ",", "\"", "\n", "\r\n", " ", "ü", "日本", "007", "+91", "\t", ";", "|", "x\"y", ""]
        var cols: [DataType: [Value]] = [:]
        var dictRows: [Value] = []
        for _ in 0..<rows {
            cols[.int, default: []].append(maybeNull(.int(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 60))))
            let mantissa = Double(Int64(bitPattern: rng.next()) >> 11) / Double(1 << 20)
            let scaled = [mantissa, mantissa * 1e-300, mantissa * 1e290, mantissa.rounded(), 0.1, -0.0][Int(rng.next() % 6)]
            cols[.float, default: []].append(maybeNull(.float(scaled)))
            cols[.bool, default: []].append(maybeNull(.bool(rng.next() % 2 == 0)))
            var s = ""
            for _ in 0..<(rng.next() % 5) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            cols[.string, default: []].append(maybeNull(.string(s)))
            // 1900 ... 2100, microsecond precision.
            let ts = Int64(rng.next() % 6_311_390_400_000_000) - 2_208_988_800_000_000
            cols[.timestamp, default: []].append(maybeNull(.timestamp(ts)))
            cols[.duration, default: []].append(maybeNull(.duration(Int64(rng.next() % 400_000_000_000_000) - 200_000_000_000_000)))
            let ip = rng.next() % 2 == 0 ? IPAddress(v4: UInt32(truncatingIfNeeded: rng.next())) : IPAddress(high: rng.next(), low: rng.next())
            cols[.ip, default: []].append(maybeNull(.ip(ip)))
            dictRows.append(maybeNull(.string(["internet", "ims", ""][Int(rng.next() % 3)])))
        }
        var pairs: [(String, Column)] = DataType.allCases.map { t in ("c_\(t)", Column.from(t, cols[t] ?? [])) }
        // The same strings, dictionary-encoded.
        var dict = ByteDictionary()
        var indices: [Int32] = []
        var valid: [Bool] = []
        for v in dictRows {
            if case .string(var s) = v {
                indices.append(s.withUTF8 { dict.insert($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) })
                valid.append(true)
            } else {
                indices.append(0)
                valid.append(false)
            }
        }
        if dict.count == 0 { _ = dict.insert(UnsafePointer(bitPattern: 1)!, 0) }
        pairs.append(("apn name", Column(.string(.dictionary(indices: indices, dictionary: dict.strings)), validity: Bitmap(valid))))
        return Frame(pairs)
    }

    static func schema(_ f: Frame) -> [String: DataType] {
        Dictionary(uniqueKeysWithValues: f.fields.map { ($0.name, $0.type) })
    }

    @Test(arguments: [FileFormat.csv, .tsv, .ndjson, .json], [UInt64(1), 2, 3, 4])
    func writeThenReadGivesSameFrame(_ format: FileFormat, _ seed: UInt64) throws {
        let frame = Self.randomFrame(seed: seed, rows: 300)
        let path = dir.path + "/rt-\(seed).\(format.rawValue)"
        let zone = try #require(Zone(seed % 2 == 0 ? "Asia/Kolkata" : "-03:30"))
        let bytes = try FrameWriter.write(frame, to: path, options: WriteOptions(format: format, zone: zone))
        #expect(bytes > 0)
        let back = try load(path) { $0.types = Self.schema(frame); $0.format = format }
        #expect(back.rejectedCount == 0)
        #expect(firstDifference(frame, back.frame) == nil)
    }

    @Test(arguments: [FileFormat.csv, .ndjson])
    func oneColumnWithNulls(_ format: FileFormat) throws {
        let frame = Frame([("s", Column.from(.string, [.string("a"), .null, .string(""), .null]))])
        let path = dir.path + "/one.\(format.rawValue)"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        let back = try load(path) { $0.types = ["s": .string] }
        #expect(rows(back.frame) == [[.string("a")], [.null], [.string("")], [.null]])
    }

    @Test func nonFiniteFloatsInCSV() throws {
        let frame = Frame([("x", Column.from(.float, [.float(.infinity), .float(-.infinity), .float(.nan), .float(1)]))])
        let path = dir.path + "/nf.csv"
        _ = try FrameWriter.write(frame, to: path, options: WriteOptions())
        let back = try load(path) { $0.types = ["x": .float] }
        #expect(sameContent(frame, back.frame))
    }
}
