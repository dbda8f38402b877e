import Crypto
import Dispatch
import Frames

/// A content hash of a frame: its schema (names, types) and values in a
/// canonical encoding, so that the same table gives the same fingerprint
/// whatever its internal layout — plain or dictionary strings, how the reader
/// chunked the file, what null slots hold.
///
/// Definition (version 1), all integers little-endian:
/// - Rows are cut into blocks of `blockRows` (65,536) rows by row number.
///   Each (column, block) gets `SHA256(validity ‖ values)`:
///   - validity: nothing when the column has no nulls; otherwise the block's
///     validity bits, least-significant first in 64-bit words, bits past the
///     last row zero;
///   - values, per row, with null rows encoded as zero / empty:
///     int, timestamp, duration: 8 bytes; float: the IEEE-754 bits (every
///     NaN as `0x7ff8000000000000`); bool: 1 byte (0 or 1); ip: the 16
///     bytes in network order (IPv4 mapped); string: 8-byte length then the
///     UTF-8 bytes.
/// - A column's digest is `SHA256("col" ‖ name length ‖ name ‖ type name
///   length ‖ type name ‖ has-nulls byte ‖ the block digests in order)`.
/// - The fingerprint is `SHA256("ipdr-frame-fingerprint-v1" ‖ rows ‖ columns ‖
///   the column digests in order)` as lower-case hex.
///
/// Blocks of all columns are hashed in parallel.
public enum FrameFingerprint {
    /// Rows per hashed block (part of the definition).
    public static let blockRows = 65_536

    /// The fingerprint of `frame`.
    public static func of(_ frame: Frame) -> String {
        let rows = frame.rowCount
        let blocks = max(1, (rows + blockRows - 1) / blockRows)
        let columns = frame.columns
        let items = columns.count * blocks
        let digests = DigestSlots(count: items)
        DispatchQueue.concurrentPerform(iterations: items) { k in
            let c = k / blocks, b = k % blocks
            let lo = b * blockRows
            digests.set(k, blockDigest(columns[c], rows: lo..<min(rows, lo + blockRows)))
        }
        let all = digests.values
        var top = SHA256()
        top.update(data: Array("ipdr-frame-fingerprint-v1".utf8))
        update(&top, UInt64(rows))
        update(&top, UInt64(columns.count))
        for (c, field) in frame.fields.enumerated() {
            var h = SHA256()
            h.update(data: Array("col".utf8))
            let name = Array(field.name.utf8), type = Array(field.type.description.utf8)
            update(&h, UInt64(name.count))
            h.update(data: name)
            update(&h, UInt64(type.count))
            h.update(data: type)
            h.update(data: [hasNulls(columns[c]) ? 1 : 0])
            for b in 0..<blocks { h.update(data: all[c * blocks + b]) }
            top.update(data: Array(h.finalize()))
        }
        return SHA256Hex.hex(top.finalize())
    }

    static func update(_ h: inout SHA256, _ n: UInt64) {
        withUnsafeBytes(of: n.littleEndian) { h.update(bufferPointer: $0) }
    }

    static func hasNulls(_ c: Column) -> Bool {
        guard let v = c.validity else { return false }
        return !v.allSet
    }

    /// The digest of one block of one column.
    static func blockDigest(_ column: Column, rows: Range<Int>) -> [UInt8] {
        var h = SHA256()
        let validity = hasNulls(column) ? column.validity : nil
        if let v = validity {
            let firstWord = rows.lowerBound / 64
            let lastWord = (rows.upperBound + 63) / 64
            var words = Array(v.words[firstWord..<lastWord])
            let tail = rows.upperBound % 64
            if tail != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(tail)) - 1 }
            for i in words.indices { words[i] = words[i].littleEndian }
            words.withUnsafeBytes { h.update(bufferPointer: $0) }
        }
        var sink = BlockSink()
        switch column.values {
        case .int(let a), .timestamp(let a), .duration(let a):
            if validity == nil {
                a.withUnsafeBytes { raw in
                    h.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[(rows.lowerBound * 8)..<(rows.upperBound * 8)]))
                }
            } else {
                for i in rows { sink.append(validity![i] ? a[i] : 0, into: &h) }
            }
        case .float(let a):
            for i in rows {
                let x = a[i]
                let bits: UInt64 = validity.map { $0[i] } == false ? 0 : (x.isNaN ? 0x7ff8_0000_0000_0000 : x.bitPattern)
                sink.append(Int64(bitPattern: bits), into: &h)
            }
        case .bool(let bits):
            for i in rows { sink.appendByte(validity.map { $0[i] } == false ? 0 : (bits[i] ? 1 : 0), into: &h) }
        case .ip(let a):
            for i in rows {
                let ip = validity.map { $0[i] } == false ? IPAddress(high: 0, low: 0) : a[i]
                sink.append(Int64(bitPattern: ip.rawHigh), into: &h)
                sink.append(Int64(bitPattern: ip.rawLow), into: &h)
            }
        case .string(.plain(let p)):
            p.bytes.withUnsafeBufferPointer { bytes in
                for i in rows {
                    if validity.map({ $0[i] }) == false { sink.append(0, into: &h); continue }
                    let s = Int(p.offsets[i]), e = Int(p.offsets[i + 1])
                    sink.append(Int64(e - s), into: &h)
                    sink.append(UnsafeBufferPointer(rebasing: bytes[s..<e]), into: &h)
                }
            }
        case .string(.dictionary(let idx, let d)):
            d.bytes.withUnsafeBufferPointer { bytes in
                for i in rows {
                    if validity.map({ $0[i] }) == false { sink.append(0, into: &h); continue }
                    let k = Int(idx[i])
                    let s = Int(d.offsets[k]), e = Int(d.offsets[k + 1])
                    sink.append(Int64(e - s), into: &h)
                    sink.append(UnsafeBufferPointer(rebasing: bytes[s..<e]), into: &h)
                }
            }
        }
        sink.flush(into: &h)
        return Array(h.finalize())
    }
}

/// Gathers small pieces into a buffer and hashes it in large updates.
struct BlockSink {
    private var buffer: [UInt8] = []
    private static let limit = 1 << 16

    init() { buffer.reserveCapacity(Self.limit + 4096) }

    mutating func append(_ n: Int64, into h: inout SHA256) {
        withUnsafeBytes(of: n.littleEndian) { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.limit { flush(into: &h) }
    }

    mutating func appendByte(_ b: UInt8, into h: inout SHA256) {
        buffer.append(b)
        if buffer.count >= Self.limit { flush(into: &h) }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, into h: inout SHA256) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.limit { flush(into: &h) }
    }

    mutating func flush(into h: inout SHA256) {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { h.update(bufferPointer: $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Results written by parallel workers, one slot each.
final class DigestSlots: @unchecked Sendable {
    private var slots: [[UInt8]]
    private let lock = NSLockShim()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ i: Int, _ d: [UInt8]) {
        lock.locked { slots[i] = d }
    }

    var values: [[UInt8]] { lock.locked { slots } }
}
