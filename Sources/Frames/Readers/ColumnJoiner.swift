/// Joins the chunk columns of one column, in chunk order, into a `Column`.
enum ColumnJoiner {
    /// One column from its chunk parts; `kind` is the merged kind of the parts.
    static func join(_ parts: [ChunkColumn], kind: ValueKind, rows: Int) -> Column {
        var validity = BitAppender(capacity: rows)
        for part in parts {
            if part.kind == .unknown { validity.append(repeating: false, part.rows) } else { validity.append(part.validity.buffer, part.rows) }
        }
        let valid = validity.bitmap
        switch kind {
        case .unknown:
            return Column.nulls(.string, count: rows)
        case .int, .timestamp, .duration:
            var out: [Int64] = []
            out.reserveCapacity(rows)
            for part in parts {
                if part.kind == .unknown { out.append(contentsOf: repeatElement(0, count: part.rows)) } else { out.append(contentsOf: part.ints.buffer) }
            }
            switch kind {
            case .int: return Column(.int(out), validity: valid)
            case .duration: return Column(.duration(out), validity: valid)
            default: return Column(.timestamp(out), validity: valid)
            }
        case .float:
            var out: [Double] = []
            out.reserveCapacity(rows)
            for part in parts {
                switch part.kind {
                case .unknown: out.append(contentsOf: repeatElement(0, count: part.rows))
                case .int: out.append(contentsOf: part.ints.buffer.lazy.map { Double($0) })
                default: out.append(contentsOf: part.floats.buffer)
                }
            }
            return Column(.float(out), validity: valid)
        case .bool:
            var bits = BitAppender(capacity: rows)
            for part in parts {
                if part.kind == .unknown { bits.append(repeating: false, part.rows) } else { bits.append(part.bools.buffer, part.rows) }
            }
            return Column(.bool(bits.bitmap), validity: valid)
        case .ip:
            var out: [IPAddress] = []
            out.reserveCapacity(rows)
            for part in parts {
                if part.kind == .unknown {
                    out.append(contentsOf: repeatElement(IPAddress(high: 0, low: 0), count: part.rows))
                } else {
                    out.append(contentsOf: part.ips.buffer)
                }
            }
            return Column(.ip(out), validity: valid)
        case .string:
            return Column(.string(joinStrings(parts, rows: rows)), validity: valid)
        }
    }

    /// Merges per-chunk dictionaries when every chunk kept one and the
    /// merged one stays under half the rows; plain strings otherwise.
    static func joinStrings(_ parts: [ChunkColumn], rows: Int) -> StringStorage {
        let allDictionary = parts.allSatisfy { $0.kind == .unknown || $0.rows == 0 || $0.dictionary != nil }
        if allDictionary {
            var merged = ByteDictionary()
            var indices: [Int32] = []
            indices.reserveCapacity(rows)
            var fits = true
            for part in parts {
                guard let d = part.dictionary else {
                    indices.append(contentsOf: repeatElement(0, count: part.rows))
                    continue
                }
                var remap = [Int32](repeating: 0, count: d.count)
                d.bytes.withUnsafeBufferPointer { bp in
                    let fallback = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
                    defer { fallback.deallocate() }
                    for i in 0..<d.count {
                        let s = Int(d.offsets[i]), e = Int(d.offsets[i + 1])
                        remap[i] = merged.insert(bp.baseAddress.map { $0 + s } ?? UnsafePointer(fallback), e - s)
                    }
                }
                if merged.count * 2 > rows { fits = false; break }
                for i in part.indices.buffer { indices.append(remap[Int(i)]) }
            }
            if fits, merged.count > 0 {
                return .dictionary(indices: indices, dictionary: merged.strings)
            }
        }
        var out = PlainStrings()
        out.offsets.reserveCapacity(rows + 1)
        for part in parts {
            if part.kind == .unknown || (part.plain == nil && part.dictionary == nil) {
                for _ in 0..<part.rows { out.appendEmpty() }
            } else if let p = part.plain {
                let base = Int64(out.bytes.count)
                out.bytes.append(contentsOf: p.bytes.buffer)
                out.offsets.append(contentsOf: p.offsets.buffer.dropFirst().lazy.map { $0 + base })
            } else if let d = part.dictionary {
                d.bytes.withUnsafeBufferPointer { bp in
                    for (r, i) in part.indices.buffer.enumerated() {
                        let valid = (part.validity[r >> 6] >> UInt64(r & 63)) & 1 == 1
                        if !valid { out.appendEmpty(); continue }
                        let s = Int(d.offsets[Int(i)]), e = Int(d.offsets[Int(i) + 1])
                        out.append(bytes: UnsafeBufferPointer(rebasing: bp[s..<e]))
                    }
                }
            }
        }
        return .plain(out)
    }
}
