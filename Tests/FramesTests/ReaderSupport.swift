import Foundation
import Testing
@testable import Frames

/// Temporary files for reader and writer tests; removed when the value goes away.
final class TempFolder: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "ipdr-readers-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (or raw bytes) to `name` and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        file(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func file(_ name: String, bytes: [UInt8]) -> String {
        let p = path + "/" + name
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
}

/// Reads with default options in UTC (plus overrides).
func load(_ path: String, _ configure: (inout ReadOptions) -> Void = { _ in }) throws(LoadError) -> ReadResult {
    var o = ReadOptions(zone: .utc)
    configure(&o)
    return try FrameReader.read(path: path, options: o)
}

/// The error a load throws, or nil.
func loadError(_ path: String, _ configure: (inout ReadOptions) -> Void = { _ in }) -> LoadError? {
    do {
        _ = try load(path, configure)
        return nil
    } catch {
        return error
    }
}

/// Every cell of a frame as boxed values, row by row.
func rows(_ f: Frame) -> [[Value]] {
    (0..<f.rowCount).map { r in f.columns.map { $0.value(at: r) } }
}

/// True when two frames hold the same names, types and values (storage may differ).
func sameContent(_ a: Frame, _ b: Frame) -> Bool { firstDifference(a, b) == nil }

/// A description of the first difference between two frames' content, or nil.
func firstDifference(_ a: Frame, _ b: Frame) -> String? {
    if a.names != b.names { return "names \(a.names) vs \(b.names)" }
    if a.fields.map(\.type) != b.fields.map(\.type) { return "types \(a.fields.map(\.type)) vs \(b.fields.map(\.type))" }
    if a.rowCount != b.rowCount { return "rows \(a.rowCount) vs \(b.rowCount)" }
    for c in 0..<a.columns.count {
        for r in 0..<a.rowCount {
            let x = a.columns[c].value(at: r), y = b.columns[c].value(at: r)
            if case .float(let u) = x, case .float(let v) = y, u.isNaN, v.isNaN { continue }
            if x != y { return "column \(a.names[c]) row \(r): \(x) vs \(y)" }
        }
    }
    return nil
}
