/// Guesses a CSV file's delimiter and whether its first row is a header.
enum CSVSniffer {
    /// Delimiters tried, in order of preference on a tie.
    static let candidates: [UInt8] = [44, 9, 59, 124] // , tab ; |

    /// The delimiter whose count per record is the same on every sampled
    /// record (and highest); `,` when none fits.
    static func delimiter(_ base: UnsafePointer<UInt8>, from start: Int, eof: Int) -> UInt8 {
        let limit = min(eof, start + 65_536)
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var i = start
        var records = 0
        while i < limit, records < 50 {
            let c = base[i]
            if c == 34 {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == 10 {
                    for k in 0..<candidates.count { counts[k].append(current[k]); current[k] = 0 }
                    records += 1
                } else {
                    for k in 0..<candidates.count where candidates[k] == c { current[k] += 1 }
                }
            }
            i += 1
        }
        if i >= eof, current.contains(where: { $0 > 0 }) {
            for k in 0..<candidates.count { counts[k].append(current[k]) }
        }
        var best: UInt8 = 44
        var bestCount = 0
        for (k, list) in counts.enumerated() {
            guard let first = list.first, first > 0, list.allSatisfy({ $0 == first }) else { continue }
            if first > bestCount { best = candidates[k]; bestCount = first }
        }
        if bestCount > 0 { return best }
        // No consistent candidate: the one most frequent on the first record.
        var firstBest = 0
        for (k, list) in counts.enumerated() {
            if let f = list.first, f > firstBest { best = candidates[k]; firstBest = f }
        }
        return best
    }

    /// True when the first record looks like a header: some column whose
    /// sampled values share a typed kind (number, time, address) has a
    /// first-row value that is not of that kind; or, with only text columns,
    /// first-row values that are distinct, non-empty and never repeated below.
    static func hasHeader(first: CSVRecordScanner.Record, samples: [CSVRecordScanner.Record], zone: Zone) -> Bool {
        let ncols = first.fields.count
        if samples.isEmpty {
            // A single row: a header when no field is empty or numeric.
            return first.fields.allSatisfy { f in !f.isEmpty && kind(of: f, quoted: false, zone: zone) == .string }
        }
        var forHeader = 0, against = 0
        var textColumns = 0
        for c in 0..<ncols {
            var columnKind: ValueKind = .unknown
            var mixed = false
            for r in samples where c < r.fields.count {
                let f = r.fields[c]
                if f.isEmpty && !r.quoted[c] { continue }
                let k = kind(of: f, quoted: r.quoted[c], zone: zone)
                if let m = ValueKind.merge(columnKind, k) { columnKind = m } else { mixed = true; break }
            }
            if mixed || columnKind == .string || columnKind == .unknown {
                textColumns += 1
                continue
            }
            let h = first.fields[c]
            if h.isEmpty { continue }
            let hk = kind(of: h, quoted: first.quoted[c], zone: zone)
            if ValueKind.merge(columnKind, hk) == nil { forHeader += 1 } else { against += 1 }
        }
        if forHeader > 0 || against > 0 { return forHeader > against }
        // Only text columns: distinct, non-empty names that do not recur in the data.
        guard textColumns > 0, Set(first.fields).count == ncols, !first.fields.contains(where: \.isEmpty) else { return false }
        for c in 0..<ncols {
            for r in samples where c < r.fields.count && r.fields[c] == first.fields[c] { return false }
        }
        return true
    }

    private static func kind(of field: [UInt8], quoted: Bool, zone: Zone) -> ValueKind {
        if field.isEmpty { return .string }
        return field.withUnsafeBufferPointer { b in
            ColumnAccumulator.infer(b.baseAddress!, b.count, quoted: quoted, zone: zone)
        }
    }
}
