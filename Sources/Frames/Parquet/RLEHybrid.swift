/// Parquet's RLE / bit-packing hybrid encoding, used for definition levels,
/// dictionary indices and (in v2 pages) booleans: a sequence of runs, each a
/// varint header followed by either one repeated value (RLE run, header bit 0
/// clear) or groups of 8 bit-packed values (header bit 0 set).
enum RLEHybrid {
    /// The number of bits needed for values up to `maxValue`.
    static func bitWidth(_ maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Encodes `count` values read by `value(i)` at `bitWidth` bits each.
    static func encode(count: Int, bitWidth: Int, _ value: (Int) -> UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + count * max(bitWidth, 1) / 8 / 4)
        let valueBytes = (bitWidth + 7) / 8
        var packed: [UInt32] = []
        packed.reserveCapacity(512)

        func varint(_ v: Int) {
            var v = UInt64(v)
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }
        func flushPacked() {
            guard !packed.isEmpty else { return }
            while packed.count % 8 != 0 { packed.append(0) }
            varint((packed.count / 8) << 1 | 1)
            var acc: UInt64 = 0, bits = 0
            for v in packed {
                acc |= UInt64(v) << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    bits -= 8
                }
            }
            if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
            packed.removeAll(keepingCapacity: true)
        }

        var i = 0
        while i < count {
            let v = value(i)
            var run = 1
            while i + run < count, value(i + run) == v { run += 1 }
            if run >= 8 && packed.count % 8 == 0 {
                flushPacked()
                varint(run << 1)
                for b in 0..<valueBytes { out.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * b))) }
                i += run
            } else {
                let take = packed.count % 8 == 0 ? min(8, count - i) : min(8 - packed.count % 8, count - i)
                for k in 0..<take { packed.append(value(i + k)) }
                i += take
                // Long bit-packed runs are fine; keep headers small by flushing now and then.
                if packed.count >= 504 && packed.count % 8 == 0 { flushPacked() }
            }
        }
        flushPacked()
        return out
    }

    /// Decodes `count` values from `input` into `output`; returns the bytes consumed.
    @discardableResult
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int,
                       into output: UnsafeMutableBufferPointer<UInt32>) throws(ParquetFormatError) -> Int {
        guard bitWidth >= 0, bitWidth <= 32 else { throw .damaged("an RLE bit width of \(bitWidth)") }
        guard output.count >= count else { throw .damaged("an RLE output buffer is too small") }
        var at = 0, n = 0
        let valueBytes = (bitWidth + 7) / 8
        let mask: UInt64 = bitWidth == 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        while n < count {
            let header = try Varint.read(input, at: &at, what: "RLE data after \(n) of \(count) values")
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                guard run > 0 else { throw .damaged("an empty RLE run") }
                guard at + valueBytes <= input.count else { throw .damaged("RLE data ends inside a run") }
                var v: UInt32 = 0
                for b in 0..<valueBytes { v |= UInt32(input[at + b]) << UInt32(8 * b) }
                v &= UInt32(truncatingIfNeeded: mask)
                at += valueBytes
                let take = min(run, count - n)
                output.baseAddress.map { ($0 + n).update(repeating: v, count: take) }
                n += take
            } else {
                let groups = Int(clamping: header >> 1)
                guard groups > 0 else { throw .damaged("an empty bit-packed run") }
                // Checked by division, so a huge header cannot overflow the byte count.
                guard bitWidth == 0 || groups <= (input.count - at) / bitWidth else {
                    throw .damaged("RLE data ends inside a bit-packed run")
                }
                let byteCount = groups * bitWidth
                let take = min(min(groups, (count - n + 7) / 8) * 8, count - n)
                var acc: UInt64 = 0, bits = 0, p = at
                for k in 0..<take {
                    while bits < bitWidth {
                        acc |= UInt64(input[p]) << UInt64(bits)
                        p += 1
                        bits += 8
                    }
                    output[n + k] = UInt32(truncatingIfNeeded: acc & mask)
                    acc >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
                n += take
                at += byteCount
            }
        }
        return at
    }
}
