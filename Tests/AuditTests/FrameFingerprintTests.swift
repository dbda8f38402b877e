import Foundation
import Frames
import Testing
@testable import Audit

@Suite struct FrameFingerprintTests {
    let names = ["916007921234", "919998092727", "", "916007921234"]

    func frame(_ strings: Column) -> Frame {
        Frame([
            ("msisdn", strings),
            ("bytes", Column(.int([1, 2, 0, 4]), validity: Bitmap([true, true, false, true]))),
            ("t", Column(.timestamp([10, 20, 30, 40]))),
            ("ip", Column.from(.ip, [.ip(IPAddress("10.0.0.1")!), .null, .ip(IPAddress("2409:4070::1")!), .ip(IPAddress("10.0.0.1")!)])),
            ("f", Column.from(.float, [.float(1.5), .float(.nan), .null, .float(-0.25)])),
            ("b", Column.from(.bool, [.bool(true), .bool(false), .null, .bool(true)])),
        ])
    }

    @Test func plainAndDictionaryStringsAgree() {
        let plain = Column(.string(.plain(PlainStrings(names))), validity: Bitmap([true, true, false, true]))
        let dict = Column(.string(.dictionary(indices: [1, 2, 0, 1], dictionary: PlainStrings(["", "916007921234", "919998092727"]))),
                          validity: Bitmap([true, true, false, true]))
        #expect(FrameFingerprint.of(frame(plain)) == FrameFingerprint.of(frame(dict)))
    }

    @Test func nullSlotContentsDoNotMatter() {
        let a = Frame([("x", Column(.int([1, 0, 3]), validity: Bitmap([true, false, true])))])
        let b = Frame([("x", Column(.int([1, 99, 3]), validity: Bitmap([true, false, true])))])
        let c = Frame([("x", Column(.float([1, 0.5, .nan]), validity: Bitmap([true, false, true])))])
        let d = Frame([("x", Column(.float([1, 7, -.nan]), validity: Bitmap([true, false, true])))])
        #expect(FrameFingerprint.of(a) == FrameFingerprint.of(b))
        #expect(FrameFingerprint.of(c) == FrameFingerprint.of(d))
    }

    @Test func schemaAndValuesMatter() {
        let base = Frame([("x", Column(.int([1, 2, 3])))])
        let variants = [
            Frame([("y", Column(.int([1, 2, 3])))]),
            Frame([("x", Column(.timestamp([1, 2, 3])))]),
            Frame([("x", Column(.int([1, 2, 4])))]),
            Frame([("x", Column(.int([1, 2, 3]))), ("z", Column(.int([0, 0, 0])))]),
            Frame([("x", Column(.int([1, 2, 3]), validity: Bitmap([true, true, false])))]),
            Frame([("x", Column(.int([1, 2])))]),
        ]
        let fp = FrameFingerprint.of(base)
        for v in variants { #expect(FrameFingerprint.of(v) != fp) }
        #expect(FrameFingerprint.of(Frame([("s", Column(.string(.plain(PlainStrings(["ab", "c"])))))]))
            != FrameFingerprint.of(Frame([("s", Column(.string(.plain(PlainStrings(["a", "bc"])))))])))
    }

    /// The reader cuts a file into a different number of chunks with one
    /// thread than with several; the fingerprint does not change.
    @Test func readerChunkingDoesNotMatter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = "msisdn,bytes,start,ip,note\n"
        for i in 0..<90_000 {
            text += "9199\(100_000 + i % 3000),\(i % 7 == 0 ? "" : String(i * 31)),2025-10-05 \(10 + i % 10):00:0\(i % 10),10.0.\(i % 200).\(i % 250),\(i % 5 == 0 ? "\"x, y\"" : "n\(i % 40)")\n"
        }
        let path = dir.appendingPathComponent("f.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var one = ReadOptions(zone: .utc)
        one.threads = 1
        var many = ReadOptions(zone: .utc)
        many.threads = 4
        let a = try FrameReader.read(path: path, options: one).frame
        let b = try FrameReader.read(path: path, options: many).frame
        #expect(a.rowCount == 90_000)
        #expect(FrameFingerprint.of(a) == FrameFingerprint.of(b))
    }

    @Test func readerHandsTheBytesToTheObserver() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-ev-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.csv").path
        let text = "a,b\n" + (0..<50_000).map { "\($0),x\($0 % 9)" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let digest = StreamingDigest()
        var options = ReadOptions(zone: .utc)
        options.contentObserver = { digest.consume($0) }
        _ = try FrameReader.read(path: path, options: options)
        #expect(digest.hex == SHA256Hex.of(Array(text.utf8)))
        #expect(FileEvidence.describe(path: path, role: .read)?.sha256 == digest.hex)
    }
}
