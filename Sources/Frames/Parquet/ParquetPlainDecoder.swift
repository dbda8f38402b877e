/// Decodes PLAIN-encoded Parquet values of a column's physical type into
/// ipdr values, converting units, decimals and INT96 times on the way.
struct ParquetPlainDecoder {
    let leaf: ParquetLeaf

    /// Microseconds from a count of `units` per second; nanoseconds are cut (floor).
    static func micros(_ v: Int64, units: Int64) throws(ParquetFormatError) -> Int64 {
        switch units {
        case 1_000_000: return v
        case 1_000_000_000: return v >= 0 ? v / 1_000 : -((-(v + 1)) / 1_000) - 1
        default:
            let (r, overflow) = v.multipliedReportingOverflow(by: 1_000_000 / units)
            if overflow { throw .unsupported("a value of \(v) out of the range of microsecond times") }
            return r
        }
    }

    /// Microseconds of `days` days plus `micros`, or an error when that is out of range.
    static func checkedMicros(days: Int64, plus micros: Int64, column: String) throws(ParquetFormatError) -> Int64 {
        let (d, o1) = days.multipliedReportingOverflow(by: 86_400_000_000)
        let (r, o2) = d.addingReportingOverflow(micros)
        if o1 || o2 { throw .unsupported("column `\(column)` holds a time \(days) days from the epoch, out of the range of microsecond times") }
        return r
    }

    private static let powers: [Double] = (0...38).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }

    private func scaled(_ v: Double, _ scale: Int) -> Double {
        scale >= 0 && scale < Self.powers.count ? v / Self.powers[scale] : v
    }

    /// A big-endian two's complement integer as a double.
    private static func bigEndian(_ p: UnsafeRawBufferPointer) -> Double {
        guard let first = p.first else { return 0 }
        var v = first >= 0x80 ? -1.0 : 0.0
        var exact: Int64 = first >= 0x80 ? -1 : 0
        var useExact = p.count <= 8
        for b in p {
            if useExact {
                let (m, o) = exact.multipliedReportingOverflow(by: 256)
                if o { useExact = false } else { exact = m | Int64(b) }
            }
            v = v * 256 + Double(b)
        }
        return useExact ? Double(exact) : v
    }

    /// Decodes `count` values; returns them and the bytes used.
    func decode(_ data: UnsafeRawBufferPointer, count: Int, strings: inout ByteDictionary) throws(ParquetFormatError) -> (ParquetValues, Int) {
        func need(_ n: Int) throws(ParquetFormatError) {
            guard n <= data.count else { throw .damaged("a page holds fewer values than it announces") }
        }
        /// `count` values of `size` bytes, checked by division so that no product overflows.
        func need(_ count: Int, of size: Int) throws(ParquetFormatError) {
            guard count <= data.count / size else { throw .damaged("a page holds fewer values than it announces") }
        }
        guard count >= 0, count <= Int(Int32.max) else { throw .damaged("a page announces \(count) values") }
        if case .null = leaf.kind { return (.none, 0) }
        switch leaf.physical {
        case ParquetConstants.boolean:
            try need(count / 8 + (count % 8 == 0 ? 0 : 1))
            var out = [Bool]()
            out.reserveCapacity(count)
            for i in 0..<count { out.append((data[i >> 3] >> UInt8(i & 7)) & 1 == 1) }
            return (.bools(out), (count + 7) / 8)
        case ParquetConstants.int32:
            try need(count, of: 4)
            var raw = [Int32](repeating: 0, count: count)
            raw.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[0..<(count * 4)])) }
            switch leaf.kind {
            case .date: return (.ints(try raw.map { (d: Int32) throws(ParquetFormatError) in try Self.micros(Int64(Int32(littleEndian: d)) * 86_400, units: 1) }), count * 4)
            case .decimal(let scale): return (.doubles(raw.map { scaled(Double(Int32(littleEndian: $0)), scale) }), count * 4)
            case .int(unsigned: true): return (.ints(raw.map { Int64(UInt32(bitPattern: Int32(littleEndian: $0))) }), count * 4)
            default: return (.ints(raw.map { Int64(Int32(littleEndian: $0)) }), count * 4)
            }
        case ParquetConstants.int64:
            try need(count, of: 8)
            var raw = [Int64](repeating: 0, count: count)
            raw.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[0..<(count * 8)])) }
            switch leaf.kind {
            case .timestamp(let units, _), .duration(let units):
                if units != 1_000_000 {
                    for i in raw.indices { raw[i] = try Self.micros(raw[i], units: units) }
                }
                return (.ints(raw), count * 8)
            case .decimal(let scale): return (.doubles(raw.map { scaled(Double($0), scale) }), count * 8)
            case .int(unsigned: true):
                if let big = raw.first(where: { $0 < 0 }) {
                    throw .unsupported("column `\(leaf.name)` holds the unsigned value \(UInt64(bitPattern: big)), above the largest int (2^63−1)")
                }
                return (.ints(raw), count * 8)
            default: return (.ints(raw), count * 8)
            }
        case ParquetConstants.int96:
            try need(count, of: 12)
            var out = [Int64]()
            out.reserveCapacity(count)
            for i in 0..<count {
                let nanos = Int64(littleEndian: data.loadUnaligned(fromByteOffset: i * 12, as: Int64.self))
                let day = Int64(Int32(littleEndian: data.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self)))
                out.append(try Self.checkedMicros(days: day - 2_440_588, plus: nanos / 1_000, column: leaf.name))
            }
            return (.ints(out), count * 12)
        case ParquetConstants.float:
            try need(count, of: 4)
            return (.doubles((0..<count).map { Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))) }), count * 4)
        case ParquetConstants.double:
            try need(count, of: 8)
            var raw = [Double](repeating: 0, count: count)
            raw.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[0..<(count * 8)])) }
            return (.doubles(raw), count * 8)
        case ParquetConstants.byteArray:
            var at = 0
            if case .decimal(let scale) = leaf.kind {
                var out = [Double]()
                for _ in 0..<count {
                    try need(at + 4)
                    let n = Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                    try need(at + 4 + n)
                    out.append(scaled(Self.bigEndian(UnsafeRawBufferPointer(rebasing: data[(at + 4)..<(at + 4 + n)])), scale))
                    at += 4 + n
                }
                return (.doubles(out), at)
            }
            var out = [Int32]()
            out.reserveCapacity(min(count, data.count / 4))
            guard let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                if count == 0 { return (.strings([]), 0) }
                throw .damaged("a page holds fewer values than it announces")
            }
            for _ in 0..<count {
                try need(at + 4)
                let n = Int(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                try need(at + 4 + n)
                out.append(strings.insert(base + at + 4, n))
                at += 4 + n
            }
            return (.strings(out), at)
        case ParquetConstants.fixedLenByteArray:
            let w = leaf.typeLength
            guard w > 0 else { throw .damaged("column `\(leaf.name)` has a fixed length of \(w)") }
            try need(count, of: w)
            if case .interval = leaf.kind {
                var out = [Int64]()
                out.reserveCapacity(count)
                for i in 0..<count {
                    let months = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i * 12, as: UInt32.self))
                    guard months == 0 else {
                        throw .unsupported("column `\(leaf.name)` holds an interval of \(months) months, which has no fixed length; "
                                           + "ipdr reads intervals of days and milliseconds as durations")
                    }
                    let days = Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i * 12 + 4, as: UInt32.self)))
                    let millis = Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i * 12 + 8, as: UInt32.self)))
                    out.append(try Self.checkedMicros(days: days, plus: millis * 1_000, column: leaf.name))
                }
                return (.ints(out), count * 12)
            }
            if case .decimal(let scale) = leaf.kind {
                return (.doubles((0..<count).map { scaled(Self.bigEndian(UnsafeRawBufferPointer(rebasing: data[($0 * w)..<($0 * w + w)])), scale) }), count * w)
            }
            var out = [IPAddress](repeating: IPAddress(high: 0, low: 0), count: count)
            out.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[0..<(count * 16)])) }
            return (.ips(out), count * 16)
        default:
            throw .unsupported("column `\(leaf.name)` has the physical type \(ParquetConstants.typeName(leaf.physical))")
        }
    }
}
