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
///     bytes in network order (IPv4 mapped); string: 4-byte length then the
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
        let sink = BlockSink()
        defer { sink.release() }
        func isNull(_ i: Int) -> Bool { validity.map { !$0[i] } ?? false }
        switch column.values {
        case .int(let a), .timestamp(let a), .duration(let a):
            a.withUnsafeBytes { raw in
                let block = UnsafeRawBufferPointer(rebasing: raw[(rows.lowerBound * 8)..<(rows.upperBound * 8)])
                if validity == nil { h.update(bufferPointer: block); return }
                for i in rows { sink.put(isNull(i) ? 0 : UInt64(bitPattern: a[i]), &h) }
            }
        case .float(let a):
            a.withUnsafeBytes { raw in
                let block = UnsafeRawBufferPointer(rebasing: raw[(rows.lowerBound * 8)..<(rows.upperBound * 8)])
                if validity == nil, !a[rows].contains(where: \.isNaN) { h.update(bufferPointer: block); return }
                for i in rows {
                    let x = a[i]
                    sink.put(isNull(i) ? 0 : (x.isNaN ? 0x7ff8_0000_0000_0000 : x.bitPattern), &h)
                }
            }
        case .bool(let bits):
            for i in rows { sink.put(byte: isNull(i) ? 0 : (bits[i] ? 1 : 0), &h) }
        case .ip(let a):
            a.withUnsafeBytes { raw in
                if validity == nil {
                    h.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[(rows.lowerBound * 16)..<(rows.upperBound * 16)]))
                    return
                }
                for i in rows {
                    let ip = isNull(i) ? IPAddress(high: 0, low: 0) : a[i]
                    sink.put(raw: ip.rawHigh, &h)
                    sink.put(raw: ip.rawLow, &h)
                }
            }
        case .string(.plain(let p)):
            p.bytes.withUnsafeBytes { bytes in
                p.offsets.withUnsafeBufferPointer { off in
                    for i in rows {
                        if isNull(i) { sink.put(length: 0, &h); continue }
                        let s = Int(off[i]), e = Int(off[i + 1])
                        sink.put(length: e - s, &h)
                        sink.put(UnsafeRawBufferPointer(rebasing: bytes[s..<e]), &h)
                    }
                }
            }
        case .string(.dictionary(let idx, let d)):
            d.bytes.withUnsafeBytes { bytes in
                d.offsets.withUnsafeBufferPointer { off in
                    idx.withUnsafeBufferPointer { idx in
                        for i in rows {
                            if isNull(i) { sink.put(length: 0, &h); continue }
                            let k = Int(idx[i])
                            let s = Int(off[k]), e = Int(off[k + 1])
                            sink.put(length: e - s, &h)
                            sink.put(UnsafeRawBufferPointer(rebasing: bytes[s..<e]), &h)
                        }
                    }
                }
            }
        }
        sink.flush(&h)
        return Array(h.finalize())
    }
}

/// Gathers small pieces into a raw buffer and hashes it in large updates.
final class BlockSink {
    private static let capacity = 1 << 16
    private let base = UnsafeMutableRawPointer.allocate(byteCount: BlockSink.capacity, alignment: 8)
    private var used = 0

    func release() { base.deallocate() }

    @inline(__always)
    private func reserve(_ n: Int, _ h: inout SHA256) {
        if used + n > Self.capacity { flush(&h) }
    }

    /// Eight bytes, little-endian.
    @inline(__always)
    func put(_ n: UInt64, _ h: inout SHA256) {
        reserve(8, &h)
        base.storeBytes(of: n.littleEndian, toByteOffset: used, as: UInt64.self)
        used += 8
    }

    /// Eight bytes as they lie in memory (an address's network-order half).
    @inline(__always)
    func put(raw n: UInt64, _ h: inout SHA256) {
        reserve(8, &h)
        base.storeBytes(of: n, toByteOffset: used, as: UInt64.self)
        used += 8
    }

    /// A string length: four bytes, little-endian.
    @inline(__always)
    func put(length: Int, _ h: inout SHA256) {
        reserve(4, &h)
        base.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: used, as: UInt32.self)
        used += 4
    }

    @inline(__always)
    func put(byte: UInt8, _ h: inout SHA256) {
        reserve(1, &h)
        base.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
        used += 1
    }

    @inline(__always)
    func put(_ bytes: UnsafeRawBufferPointer, _ h: inout SHA256) {
        if bytes.count > Self.capacity / 2 {
            flush(&h)
            h.update(bufferPointer: bytes)
            return
        }
        reserve(bytes.count, &h)
        if let src = bytes.baseAddress { (base + used).copyMemory(from: src, byteCount: bytes.count) }
        used += bytes.count
    }

    func flush(_ h: inout SHA256) {
        guard used > 0 else { return }
        h.update(bufferPointer: UnsafeRawBufferPointer(start: base, count: used))
        used = 0
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
