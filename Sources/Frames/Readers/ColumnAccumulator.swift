/// Builds one column of one chunk from field bytes, inferring its type from
/// the values unless the type was declared.
///
/// Inference starts at the first non-null value (int, float, bool, timestamp,
/// ip, else string). A later value that does not fit widens int to float in
/// place; any other misfit sets `needsString` and the chunk is parsed again
/// with the column read as strings, so no value is lost.
struct ColumnAccumulator: ~Copyable {
    private(set) var kind: ValueKind
    /// True when the type was declared: a misfit is a data error, not a widening.
    let declared: Bool
    let zone: Zone
    private(set) var rows = 0
    /// Set when a value did not fit the inferred type and the column must be re-read as strings.
    private(set) var needsString = false

    private var validity: GrowableBuffer<UInt64>
    private var leadingNulls = 0
    private var ints: GrowableBuffer<Int64>
    private var floats: GrowableBuffer<Double>
    private var bools: GrowableBuffer<UInt64>
    private var ips: GrowableBuffer<IPAddress>
    /// Plain strings: `large_utf8` offsets (with the leading 0) and bytes.
    private var plainOffsets: GrowableBuffer<Int64>
    private var plainBytes: GrowableBuffer<UInt8>
    private var dictionary = ByteDictionary()
    private var indices: GrowableBuffer<Int32>
    private var dictionaryActive = true

    /// Distinct values above which a chunk stops dictionary-encoding, once
    /// they are also more than half of the rows.
    static let dictionaryProbe = 65_536

    init(kind: ValueKind, declared: Bool, zone: Zone, capacity: Int) {
        self.kind = kind
        self.declared = declared
        self.zone = zone
        validity = GrowableBuffer(capacity: capacity / 64 + 1)
        let integers: Bool
        switch kind {
        case .int, .timestamp, .duration: integers = true
        default: integers = false
        }
        ints = GrowableBuffer(capacity: integers ? capacity : 0)
        floats = GrowableBuffer(capacity: kind == .float ? capacity : 0)
        bools = GrowableBuffer(capacity: kind == .bool ? capacity / 64 + 1 : 0)
        ips = GrowableBuffer(capacity: kind == .ip ? capacity : 0)
        indices = GrowableBuffer(capacity: kind == .string ? capacity : 0)
        plainOffsets = GrowableBuffer(capacity: 0)
        plainOffsets.append(0)
        plainBytes = GrowableBuffer(capacity: 0)
    }

    @inline(__always)
    private mutating func pushValidity(_ valid: Bool) {
        if rows & 63 == 0 { validity.append(0) }
        if valid { validity[rows >> 6] |= 1 << UInt64(rows & 63) }
        rows += 1
    }

    @inline(__always)
    private mutating func pushBool(_ v: Bool, at row: Int) {
        if row & 63 == 0 { bools.append(0) }
        if v { bools[row >> 6] |= 1 << UInt64(row & 63) }
    }

    /// Appends a null.
    @inline(__always)
    mutating func appendNull() {
        if needsString { rows += 1; return }
        let row = rows
        pushValidity(false)
        switch kind {
        case .unknown: leadingNulls += 1
        case .int, .timestamp, .duration: ints.append(0)
        case .float: floats.append(0)
        case .bool: pushBool(false, at: row)
        case .ip: ips.append(IPAddress(high: 0, low: 0))
        case .string:
            if dictionaryActive { indices.append(0) } else { plainOffsets.append(plainOffsets.last) }
        }
    }

    /// Appends a value given as its (unescaped) bytes. Returns false when the
    /// value does not fit a declared type; nothing is appended then.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) -> Bool {
        if needsString { rows += 1; return true }
        if case .unknown = kind { startKind(p, n, quoted: quoted) }
        let row = rows
        switch kind {
        case .string:
            appendString(p, n)
        case .int:
            if !(quoted && n == 0), let v = NumberParser.int(p, n) {
                ints.append(v)
            } else if !declared, !(quoted && n == 0), !NumberParser.isPlainInteger(p, n), let f = NumberParser.float(p, n) {
                for i in 0..<ints.count { floats.append(Double(ints[i])) }
                ints.removeAll()
                kind = .float
                floats.append(f)
            } else {
                return misfit()
            }
        case .float:
            if !declared, NumberParser.isPlainInteger(p, n), NumberParser.int(p, n) == nil { return misfit() }
            guard let v = NumberParser.float(p, n, special: declared) else { return misfit() }
            floats.append(v)
        case .bool:
            guard let v = NumberParser.bool(p, n) else { return misfit() }
            pushBool(v, at: row)
        case .timestamp(let layout):
            guard let v = TimestampParser.parse(bytes: UnsafeBufferPointer(start: p, count: n), zone: zone, layout: declared ? nil : layout)
            else { return misfit() }
            ints.append(v)
        case .duration:
            guard let v = DurationParser.parse(bytes: UnsafeBufferPointer(start: p, count: n)) else { return misfit() }
            ints.append(v)
        case .ip:
            guard let v = IPParser.parse(p, n) else { return misfit() }
            ips.append(v)
        case .unknown:
            return misfit()
        }
        pushValidity(true)
        return true
    }

    private mutating func misfit() -> Bool {
        if declared { return false }
        needsString = true
        rows += 1
        return true
    }

    /// Infers the kind from the first non-null value and fills the buffer for the nulls before it.
    private mutating func startKind(_ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool) {
        kind = ColumnAccumulator.infer(p, n, quoted: quoted, zone: zone)
        let nulls = leadingNulls
        switch kind {
        case .int, .timestamp, .duration: ints.append(repeating: 0, count: nulls)
        case .float: floats.append(repeating: 0, count: nulls)
        case .bool: for r in 0..<nulls { pushBool(false, at: r) }
        case .ip: ips.append(repeating: IPAddress(high: 0, low: 0), count: nulls)
        case .string: indices.append(repeating: 0, count: nulls)
        case .unknown: break
        }
    }

    /// The kind one value suggests.
    static func infer(_ p: UnsafePointer<UInt8>, _ n: Int, quoted: Bool, zone: Zone) -> ValueKind {
        if n == 0 { return .string }
        if NumberParser.int(p, n) != nil { return .int }
        // An integer too long for 64 bits stays text: rounding it would change it.
        if !NumberParser.isPlainInteger(p, n), NumberParser.float(p, n) != nil { return .float }
        if NumberParser.bool(p, n) != nil { return .bool }
        let b = UnsafeBufferPointer(start: p, count: n)
        if let layout = TimestampParser.detectLayout(bytes: b),
           TimestampParser.parse(bytes: b, zone: zone, layout: layout) != nil {
            return .timestamp(layout)
        }
        if IPParser.parse(p, n) != nil { return .ip }
        return .string
    }

    @inline(__always)
    private mutating func appendString(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if dictionaryActive {
            indices.append(dictionary.insert(p, n))
            if dictionary.count > ColumnAccumulator.dictionaryProbe, dictionary.count * 2 > rows + 1 {
                flattenDictionary(extraRow: true)
            }
        } else {
            plainBytes.append(p, count: n)
            plainOffsets.append(Int64(plainBytes.count))
        }
    }

    /// Turns the dictionary-encoded rows into plain strings. With `extraRow`,
    /// the last index belongs to a row whose validity is not yet pushed (it is a value).
    private mutating func flattenDictionary(extraRow: Bool) {
        plainOffsets.removeAll()
        plainBytes.removeAll()
        plainOffsets.append(0)
        let d = dictionary.strings
        d.bytes.withUnsafeBufferPointer { bp in
            for r in 0..<indices.count {
                let valid = r >= rows || (validity[r >> 6] >> UInt64(r & 63)) & 1 == 1
                if valid, let b = bp.baseAddress {
                    let i = Int(indices[r])
                    let s = Int(d.offsets[i]), e = Int(d.offsets[i + 1])
                    plainBytes.append(b + s, count: e - s)
                }
                plainOffsets.append(Int64(plainBytes.count))
            }
        }
        indices.removeAll()
        dictionary = ByteDictionary()
        dictionaryActive = false
    }

    /// Removes the last row (a declared-type row of a rejected record).
    mutating func removeLast() {
        guard rows > 0 else { return }
        rows -= 1
        if needsString { return }
        let r = rows
        let valid = (validity[r >> 6] >> UInt64(r & 63)) & 1 == 1
        validity[r >> 6] &= ~(1 << UInt64(r & 63))
        if r & 63 == 0 { validity.removeLast() }
        switch kind {
        case .unknown: leadingNulls -= 1
        case .int, .timestamp, .duration: ints.removeLast()
        case .float: floats.removeLast()
        case .bool: if r & 63 == 0 { bools.removeLast() } else { bools[r >> 6] &= ~(1 << UInt64(r & 63)) }
        case .ip: ips.removeLast()
        case .string:
            if dictionaryActive {
                indices.removeLast()
            } else {
                let last = plainOffsets.last
                plainOffsets.removeLast()
                let prev = plainOffsets.last
                if valid { plainBytes.removeLast(Int(last - prev)) }
            }
        }
    }

    /// The finished column.
    mutating func finish() -> ChunkColumn {
        if case .string = kind, dictionaryActive, !(dictionary.count > 0 && dictionary.count * 2 <= rows) {
            flattenDictionary(extraRow: false)
        }
        var c = ChunkColumn(kind: kind, rows: rows, validity: validity.take())
        switch kind {
        case .unknown: break
        case .int, .timestamp, .duration: c.ints = ints.take()
        case .float: c.floats = floats.take()
        case .bool: c.bools = bools.take()
        case .ip: c.ips = ips.take()
        case .string:
            if dictionaryActive, dictionary.count > 0, dictionary.count * 2 <= rows {
                c.indices = indices.take()
                c.dictionary = dictionary.strings
            } else {
                c.plain = (plainOffsets.take(), plainBytes.take())
            }
        }
        return c
    }
}
