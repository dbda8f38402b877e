import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite struct WriterTests {
    let dir = TempFolder()

    static let sample: Frame = {
        let ts: Int64 = 1_759_672_991_500_000 // 2025-10-05T14:03:11.5Z
        return Frame([
            ("id", Column.from(.int, [.int(1), .int(-2), .null])),
            ("note", Column.from(.string, [.string("a,b"), .string("say \"hi\"\nbye"), .string("")])),
            ("t", Column.from(.timestamp, [.timestamp(ts), .null, .timestamp(0)])),
            ("d", Column.from(.duration, [.duration(93_784_000_001), .duration(-1_000_000), .null])),
            ("ip", Column.from(.ip, [.ip(IPAddress("10.0.0.1")!), .ip(IPAddress("2001:db8::1")!), .null])),
            ("ok", Column.from(.bool, [.bool(true), .null, .bool(false)])),
            ("x", Column.from(.float, [.float(1.5), .float(1e-7), .null])),
        ])
    }()

    func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>"
    }

    @Test func csvText() throws {
        let p = dir.path + "/out.csv"
        let n = try FrameWriter.write(Self.sample, to: p, options: WriteOptions(zone: Zone("+05:30")!))
        let expected = """
        id,note,t,d,ip,ok,x
        1,"a,b",2025-10-05T19:33:11.5+05:30,1d 02:03:04.000001,10.0.0.1,true,1.5
        -2,"say ""hi""
        bye",,-00:00:01,2001:db8::1,,1e-07
        ,"",1970-01-01T05:30:00+05:30,,,false,

        """
        #expect(contents(p) == expected)
        #expect(n == Int64(expected.utf8.count))
    }

    @Test func tsvByExtensionWithoutHeader() throws {
        let p = dir.path + "/out.tsv"
        _ = try FrameWriter.write(Self.sample.projecting([0, 1]), to: p, options: WriteOptions(header: false))
        #expect(contents(p) == "1\ta,b\n-2\t\"say \"\"hi\"\"\nbye\"\n\t\"\"\n")
    }

    @Test func ndjsonText() throws {
        let p = dir.path + "/out.ndjson"
        _ = try FrameWriter.write(Self.sample.projecting([0, 1, 2, 5]), to: p, options: WriteOptions())
        #expect(contents(p) == """
        {"id":1,"note":"a,b","t":"2025-10-05T14:03:11.5Z","ok":true}
        {"id":-2,"note":"say \\"hi\\"\\nbye","t":null,"ok":null}
        {"id":null,"note":"","t":"1970-01-01T00:00:00Z","ok":false}

        """)
    }

    @Test func jsonArrayText() throws {
        let p = dir.path + "/out.json"
        _ = try FrameWriter.write(Self.sample.projecting([0, 4]), to: p, options: WriteOptions())
        #expect(contents(p) == "[\n{\"id\":1,\"ip\":\"10.0.0.1\"},\n{\"id\":-2,\"ip\":\"2001:db8::1\"},\n{\"id\":null,\"ip\":null}\n]\n")
        let back = try load(p)
        #expect(back.frame.fields.map(\.type) == [.int, .ip])
    }

    @Test func delimiterOptionAndUnknownExtension() throws {
        let p = dir.path + "/out.dat"
        _ = try FrameWriter.write(Self.sample.projecting([0, 1]), to: p, options: WriteOptions(delimiter: 59))
        #expect(contents(p) == "id;note\n1;a,b\n-2;\"say \"\"hi\"\"\nbye\"\n;\"\"\n")
        let back = try load(p)
        #expect(back.delimiter == 59)
        #expect(firstDifference(back.frame, Self.sample.projecting([0, 1])) == nil)
    }

    @Test func nonFiniteFloatsAreNullInJSON() throws {
        let p = dir.path + "/nf.ndjson"
        _ = try FrameWriter.write(Frame([("x", Column.from(.float, [.float(.nan), .float(-.infinity), .float(2)]))]), to: p, options: WriteOptions())
        #expect(contents(p) == "{\"x\":null}\n{\"x\":null}\n{\"x\":2.0}\n")
    }

    @Test func refusesToOverwrite() throws {
        let p = dir.file("exists.csv", "keep me\n")
        #expect(throws: WriteError.exists(path: p)) {
            try FrameWriter.write(Self.sample, to: p, options: WriteOptions())
        }
        #expect(WriteError.exists(path: p).description == "\(p): error: the file already exists; use overwrite=true to replace it")
        #expect(contents(p) == "keep me\n")
        _ = try FrameWriter.write(Self.sample.projecting([0]), to: p, options: WriteOptions(overwrite: true))
        #expect(contents(p) == "id\n1\n-2\n\n")
    }

    @Test func refusesADirectory() {
        #expect(throws: WriteError.isDirectory(path: dir.path)) {
            try FrameWriter.write(Self.sample, to: dir.path, options: WriteOptions(overwrite: true))
        }
    }

    @Test func createsParentFolders() throws {
        let p = dir.path + "/a/b/c/out.csv"
        _ = try FrameWriter.write(Self.sample.projecting([0]), to: p, options: WriteOptions())
        #expect(contents(p) == "id\n1\n-2\n\n")
    }

    @Test func failureLeavesNoFile() throws {
        let p = dir.path + "/fail.csv"
        let old = dir.file("old.csv", "original\n")
        for target in [p, old] {
            // The disk fills up under the writer (its descriptor now points at /dev/full).
            #expect(throws: WriteError.writeFailed(path: target, reason: "No space left on device")) {
                _ = try AtomicFile.write(to: target, overwrite: true) { (sink: inout ByteSink) throws(WriteError) in
                    let full = open("/dev/full", O_WRONLY)
                    guard full >= 0 else { throw .cannotCreate(path: target, reason: "no /dev/full") }
                    dup2(full, sink.fd)
                    close(full)
                    for _ in 0..<(ByteSink.capacity / 8 + 10) { sink.text("12345678") }
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: p))
        #expect(contents(old) == "original\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["old.csv"])
    }

    @Test func failingBodyLeavesNoFile() throws {
        let p = dir.path + "/body.csv"
        #expect(throws: WriteError.writeFailed(path: p, reason: "test")) {
            _ = try AtomicFile.write(to: p, overwrite: false) { (sink: inout ByteSink) throws(WriteError) in
                sink.text("partial")
                sink.flush()
                throw .writeFailed(path: p, reason: "test")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

/// The byte-level timestamp and IPv4 text of the CSV writer equals the text forms used everywhere else.
@Suite struct CSVValueTextTests {
    @Test(arguments: ["UTC", "+05:30", "-03:30", "Asia/Kolkata", "America/New_York", "Europe/Amsterdam"])
    func timestampsMatchValueText(_ zoneName: String) throws {
        let zone = try #require(Zone(zoneName))
        var rng = SplitMix(seed: 77)
        var values: [Int64] = [0, -1, 1, 86_399_999_999, -62_135_596_800_000_000, 253_402_300_799_999_999, 253_402_300_800_000_000]
        for _ in 0..<3_000 {
            let base = Int64(rng.next() % 8_000_000_000_000_000) - 2_208_988_800_000_000
            values.append(rng.next() % 3 == 0 ? base - base % 1_000_000 : base)
            values.append(values[values.count - 1] + Int64(rng.next() % 10_000_000))
        }
        var writer = TimestampWriter(zone: zone)
        for v in values {
            var sink = ByteSink.memory()
            writer.write(v, to: &sink)
            sink.flush()
            #expect(String(decoding: sink.collected, as: UTF8.self) == ValueText.timestamp(v, zone: zone), "\(v)")
        }
    }

    @Test func ipv4AndIPv6Text() {
        let ips = [IPAddress(v4: 0), IPAddress(v4: 0xFFFF_FFFF), IPAddress(v4: 0x0A00_0001), IPAddress(high: 0x2001_0db8_0000_0000, low: 1)]
        let frame = Frame([("ip", Column.from(.ip, ips.map { .ip($0) }))])
        var sink = ByteSink.memory()
        CSVWriter.write(frame, delimiter: 44, header: false, zone: .utc, to: &sink)
        #expect(String(decoding: sink.collected, as: UTF8.self) == ips.map { $0.description + "\n" }.joined())
    }
}
