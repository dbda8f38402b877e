/// Gathers one column over the record batches of an Arrow file into ipdr's
/// buffers: integers widened to int64, times to microseconds, 32-bit string
/// offsets to 64-bit, dictionary indices to int32.
struct ArrowColumnBuilder {
    let field: ArrowField
    private var validity = Bitmap(count: 0, value: false)
    private var sawNull = false
    private var count = 0
    private var ints: [Int64] = []
    private var floats: [Double] = []
    private var bools = Bitmap(count: 0, value: false)
    private var ips: [IPAddress] = []
    private var strings = PlainStrings()
    private var indices: [Int32] = []

    init(_ field: ArrowField) { self.field = field }

    /// Reads this column's node and buffers from `batch`.
    mutating func append(from batch: inout ArrowRecordBatch) throws(ArrowFormatError) {
        let node = try batch.node()
        let n = node.length
        guard n == batch.length else { throw .damaged("column `\(field.name)` has \(n) rows in a batch of \(batch.length)") }
        if case .null = field.kind, field.dictionary == nil {
            appendValidity(Bitmap(count: n, value: false))
            strings.offsets.append(contentsOf: repeatElement(Int64(strings.bytes.count), count: n))
            count += n
            return
        }
        let validityBytes = try batch.buffer()
        if node.nulls > 0 {
            guard validityBytes.count >= (n + 7) / 8 else { throw .damaged("column `\(field.name)`: a validity buffer is too short") }
            appendValidity(Bitmap(arrowBytes: validityBytes, count: n))
        } else {
            appendValidity(nil, count: n)
        }
        if let d = field.dictionary {
            try appendIndices(try batch.buffer(minimum: n * d.bits / 8), count: n, bits: d.bits, signed: d.signed)
        } else {
            try appendValues(&batch, count: n)
        }
        count += n
    }

    private mutating func appendValidity(_ bits: Bitmap?, count n: Int = 0) {
        if let bits {
            if !sawNull { validity = Bitmap(count: count, value: true) }
            sawNull = true
            validity.append(contentsOf: bits)
        } else if sawNull {
            validity.append(contentsOf: Bitmap(count: n, value: true))
        }
    }

    private mutating func appendValues(_ batch: inout ArrowRecordBatch, count n: Int) throws(ArrowFormatError) {
        switch field.kind {
        case .int(let bits, let signed):
            try appendIntegers(try batch.buffer(minimum: n * bits / 8), count: n, bits: bits, signed: signed, scale: 1, divide: 1)
        case .float(let bits):
            let b = try batch.buffer(minimum: n * bits / 8)
            floats.reserveCapacity(floats.count + n)
            if bits == 32 {
                for i in 0..<n { floats.append(Double(Float(bitPattern: UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))) }
            } else {
                for i in 0..<n { floats.append(Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
            }
        case .bool:
            bools.append(contentsOf: Bitmap(arrowBytes: try batch.buffer(minimum: (n + 7) / 8), count: n))
        case .timestamp(let units, _), .duration(let units):
            let (scale, divide) = units <= 1_000_000 ? (1_000_000 / units, Int64(1)) : (Int64(1), units / 1_000_000)
            try appendIntegers(try batch.buffer(minimum: n * 8), count: n, bits: 64, signed: true, scale: scale, divide: divide)
        case .date(let days):
            try appendIntegers(try batch.buffer(minimum: n * (days ? 4 : 8)), count: n, bits: days ? 32 : 64, signed: true,
                               scale: days ? 86_400_000_000 : 1_000, divide: 1)
        case .interval(let dayTime):
            let width = dayTime ? 8 : 16
            let b = try batch.buffer(minimum: n * width)
            ints.reserveCapacity(ints.count + n)
            for i in 0..<n {
                let at = i * width
                if !isValid(count + i) {
                    ints.append(0)
                } else if dayTime {
                    let days = Int64(Int32(littleEndian: b.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                    let ms = Int64(Int32(littleEndian: b.loadUnaligned(fromByteOffset: at + 4, as: Int32.self)))
                    ints.append(try micros(days: days, plus: ms * 1_000))
                } else {
                    let months = Int32(littleEndian: b.loadUnaligned(fromByteOffset: at, as: Int32.self))
                    guard months == 0 else {
                        throw .unsupported("column `\(field.name)` holds an interval of \(months) months, which is no fixed duration")
                    }
                    let days = Int64(Int32(littleEndian: b.loadUnaligned(fromByteOffset: at + 4, as: Int32.self)))
                    let nanos = Int64(littleEndian: b.loadUnaligned(fromByteOffset: at + 8, as: Int64.self))
                    let q = nanos / 1_000
                    ints.append(try micros(days: days, plus: (nanos % 1_000 != 0 && nanos < 0) ? q - 1 : q))
                }
            }
        case .ip:
            let b = try batch.buffer(minimum: n * 16)
            let start = ips.count
            ips.append(contentsOf: repeatElement(IPAddress(high: 0, low: 0), count: n))
            if n > 0, let source = b.baseAddress {
                ips.withUnsafeMutableBytes { $0.baseAddress?.advanced(by: start * 16).copyMemory(from: source, byteCount: n * 16) }
            }
        case .utf8(let large):
            let width = large ? 8 : 4
            let offsets = try batch.buffer(minimum: (n + 1) * width)
            let data = try batch.buffer()
            func offset(_ i: Int) -> Int64 {
                large ? Int64(littleEndian: offsets.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    : Int64(Int32(littleEndian: offsets.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
            }
            let first = n == 0 ? 0 : offset(0), last = n == 0 ? 0 : offset(n)
            guard first >= 0, first <= last, last <= Int64(data.count) else { throw .damaged("column `\(field.name)`: string offsets out of bounds") }
            let base = Int64(strings.bytes.count) - first
            strings.offsets.reserveCapacity(strings.offsets.count + n)
            var previous = first
            for i in stride(from: 1, through: n, by: 1) {
                let o = offset(i)
                guard o >= previous else { throw .damaged("column `\(field.name)`: string offsets go backwards") }
                strings.offsets.append(o + base)
                previous = o
            }
            strings.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[Int(first)..<Int(last)]))
        case .null, .unsupported:
            throw .damaged("column `\(field.name)`: no values to read")
        }
    }

    private mutating func appendIntegers(_ b: UnsafeRawBufferPointer, count n: Int, bits: Int, signed: Bool,
                                         scale: Int64, divide: Int64) throws(ArrowFormatError) {
        ints.reserveCapacity(ints.count + n)
        for i in 0..<n {
            var v: Int64
            switch (bits, signed) {
            case (8, true): v = Int64(b.loadUnaligned(fromByteOffset: i, as: Int8.self))
            case (8, false): v = Int64(b.loadUnaligned(fromByteOffset: i, as: UInt8.self))
            case (16, true): v = Int64(Int16(littleEndian: b.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
            case (16, false): v = Int64(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
            case (32, true): v = Int64(Int32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
            case (32, false): v = Int64(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            case (_, true): v = Int64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
            default:
                let u = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                guard let fits = Int64(exactly: u) else { throw .unsupported("column `\(field.name)`: value \(u) does not fit a 64-bit signed int") }
                v = fits
            }
            if scale != 1 {
                let (product, overflow) = v.multipliedReportingOverflow(by: scale)
                guard !overflow || !isValid(count + i) else { throw .unsupported("column `\(field.name)`: value \(v) is out of range in microseconds") }
                v = product
            }
            if divide != 1 {
                let q = v / divide
                v = (v % divide != 0 && v < 0) ? q - 1 : q
            }
            ints.append(v)
        }
    }

    private mutating func appendIndices(_ b: UnsafeRawBufferPointer, count n: Int, bits: Int, signed: Bool) throws(ArrowFormatError) {
        let start = ints.count
        try appendIntegers(b, count: n, bits: bits, signed: signed, scale: 1, divide: 1)
        indices.reserveCapacity(indices.count + n)
        for i in start..<ints.count {
            guard let index = Int32(exactly: ints[i]), index >= 0 || !isValid(count + i - start) else {
                throw .damaged("column `\(field.name)`: dictionary index \(ints[i]) out of range")
            }
            indices.append(index)
        }
        ints.removeAll(keepingCapacity: true)
    }

    private func isValid(_ row: Int) -> Bool { !sawNull || validity[row] }

    /// Days and microseconds as microseconds, or an error when out of range.
    private func micros(days: Int64, plus extra: Int64) throws(ArrowFormatError) -> Int64 {
        let (d, o1) = days.multipliedReportingOverflow(by: 86_400_000_000)
        let (sum, o2) = d.addingReportingOverflow(extra)
        guard !o1, !o2 else { throw .unsupported("column `\(field.name)`: an interval of \(days) days is out of range") }
        return sum
    }

    /// The finished column; `dictionary` holds the strings of a dictionary-encoded column.
    func finish(dictionary: PlainStrings?) throws(ArrowFormatError) -> Column {
        let valid: Bitmap? = sawNull ? validity : nil
        switch field.dataType {
        case .int?, .timestamp?, .duration?:
            let values: ColumnValues = field.dataType == .int ? .int(ints) : field.dataType == .timestamp ? .timestamp(ints) : .duration(ints)
            return Column(values, validity: valid)
        case .float?: return Column(.float(floats), validity: valid)
        case .bool?: return Column(.bool(bools), validity: valid)
        case .ip?: return Column(.ip(ips), validity: valid)
        case .string?:
            guard field.dictionary != nil else { return Column(.string(.plain(strings)), validity: valid) }
            return try dictionaryColumn(dictionary ?? PlainStrings(), validity: valid)
        case nil:
            throw .unsupported("column `\(field.name)` has an Arrow type ipdr does not read")
        }
    }

    /// Indices checked against the dictionary, null rows pointing at entry 0;
    /// flattened when the entries are not distinct (ipdr's dictionaries are).
    private func dictionaryColumn(_ dictionary: PlainStrings, validity: Bitmap?) throws(ArrowFormatError) -> Column {
        var idx = indices
        for i in idx.indices {
            if let v = validity, !v[i] { idx[i] = 0; continue }
            guard Int(idx[i]) < dictionary.count else { throw .damaged("column `\(field.name)`: dictionary index \(idx[i]) out of range") }
        }
        var seen = Set<String>()
        for i in 0..<dictionary.count { seen.insert(dictionary[i]) }
        let storage = StringStorage.dictionary(indices: idx, dictionary: dictionary)
        if dictionary.count == 0 || seen.count != dictionary.count {
            let entries = dictionary.count == 0 ? PlainStrings(Array(repeating: "", count: 1)) : dictionary
            return Column(.string(.plain(StringStorage.dictionary(indices: idx, dictionary: entries).flattened())), validity: validity)
        }
        return Column(.string(storage), validity: validity)
    }
}
