/// Key ids for a join whose one side is much smaller than the other (a login
/// log against months of IPDR, a watch list against every session).
///
/// The small side's key combinations go into one open-addressing table (the
/// build); every row of the large side looks its whole key up there, on all
/// cores (the probe). A large-side row whose key the small side lacks gets -1
/// at once, so the rest of the join only ever sees the rows that can match —
/// no numbering, sorting or bucketing of the others.
enum JoinKeyProbe {
    /// Ids of the small side's rows, and the large-side rows that have one with their ids.
    struct Result {
        var small: [Int32]
        /// Large-side rows with an id (ascending).
        var largeRows: [Int32]
        /// The id of each of `largeRows`.
        var largeIds: [Int32]
        var count: Int
    }

    /// Key ids over aligned key columns, or nil when a key column pair has no
    /// word encoding (floats, booleans, plain strings on the large side, mixed types).
    static func ids(small: [Column], large: [Column], smallRows ns: Int, largeRows nl: Int) -> Result? {
        guard !small.isEmpty else { return nil }
        var smallSides: [KeySide] = [], largeSides: [KeySide] = []
        for k in small.indices {
            guard let (s, l) = KeySide.pair(small[k], large[k]) else { return nil }
            smallSides.append(s)
            largeSides.append(l)
        }
        let width = smallSides.reduce(0) { $0 + $1.width }
        var table = KeyTable(width: width, expected: ns)
        let smallIds = KeySide.withReaders(smallSides) { readers in
            [Int32](unsafeUninitializedCapacity: ns) { out, initialized in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: width) { buf in
                    for i in 0..<ns {
                        out[i] = KeySide.fill(buf, readers, i) ? table.insert(buf) : -1
                    }
                }
                initialized = ns
            }
        }
        let found: [(rows: [Int32], ids: [Int32])]
        if smallSides.count == 1, case .codes(let si, let sc, _) = smallSides[0], case .codes(let li?, let lc, nil) = largeSides[0] {
            // One dictionary-string key: a large row's id follows from its dictionary
            // entry alone (the ids the small side's codes got in the table).
            var idOfCode = [Int32](repeating: -1, count: sc.count)
            for i in 0..<ns where smallIds[i] >= 0 { idOfCode[Int(sc[si.map { Int($0[i]) } ?? i])] = smallIds[i] }
            let entryIds = lc.map { $0 >= 0 ? idOfCode[Int($0)] : -1 }
            // Many rows may match (a watch list's sessions): count per piece, then
            // fill arrays of the final size in place, both on all cores.
            found = entryIds.withUnsafeBufferPointer { ep in li.withUnsafeBufferPointer { ip in
                let e = UncheckedBox(ep), x = UncheckedBox(ip)
                let (rows, ids) = ParallelBatches.countThenFill(nl, spare: true, count: { range in
                    var c = 0
                    // Branch-free: whether a row matches is as good as random.
                    for i in range { c &+= Int(~e.value[Int(x.value[i])] >> 31 & 1) }
                    return c
                }, fill: { range, start, spare, rows, ids in
                    // A row goes to the piece's next slot when it matches and to its
                    // spare slot otherwise (branch-free).
                    var at = start
                    for i in range {
                        let id = e.value[Int(x.value[i])]
                        let hit = Int(~id >> 31 & 1)
                        let slot = hit == 1 ? at : spare
                        rows[slot] = Int32(i)
                        ids[slot] = id
                        at &+= hit
                    }
                })
                return [(rows, ids)]
            } }
        } else {
            found = KeySide.withReaders(largeSides) { readers in
                table.withView { view in JoinKeyProbe.probe(nl, width: width, readers: readers, table: view) }
            }
        }
        let rows = found.count == 1 ? found[0].rows : found.flatMap(\.rows)
        let ids = found.count == 1 ? found[0].ids : found.flatMap(\.ids)
        return Result(small: smallIds, largeRows: rows, largeIds: ids, count: table.count)
    }

    /// The (row, id) lists of `0..<n` in consecutive pieces, one per core-sized
    /// piece, each filled by `body` on its own thread.
    private static func collect(_ n: Int, _ body: (Range<Int>, inout [Int32], inout [Int32]) -> Void) -> [(rows: [Int32], ids: [Int32])] {
        let pieces = Swift.max(1, Parallel.chunkCount(n))
        return ParallelBatches.map(pieces) { k in
            var rows: [Int32] = [], ids: [Int32] = []
            body((n * k / pieces)..<(n * (k + 1) / pieces), &rows, &ids)
            return (rows, ids)
        }
    }

    /// Probes every large-side row on all cores, 1,024 rows at a time: their hashes
    /// are built one key column after the other (tight loops), then each row looks
    /// its hash up; key words are compared only when a slot's hash agrees.
    private static func probe(_ n: Int, width: Int, readers: UnsafeBufferPointer<KeyReader>,
                              table: KeyTableView) -> [(rows: [Int32], ids: [Int32])] {
        let r = UncheckedBox(readers), t = UncheckedBox(table)
        return collect(n) { range, rows, ids in
            let chunk = 1024
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunk) { hb in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: chunk) { ok in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: width) { buf in
                var lo = range.lowerBound
                while lo < range.upperBound {
                    let hi = Swift.min(lo + chunk, range.upperBound), m = hi - lo
                    for j in 0..<m { hb[j] = KeyTable.seed; ok[j] = true }
                    for reader in r.value { KeySide.foldHashes(reader, lo, m, hb, ok) }
                    for j in 0..<m where ok[j] {
                        let id = t.value.find(KeyTable.final(hb[j]), r.value, lo + j, buf)
                        if id >= 0 { rows.append(Int32(lo + j)); ids.append(id) }
                    }
                    lo = hi
                }
            } } }
        }
    }
}

/// One key column of one side, as 64-bit words per row.
private enum KeySide {
    case words([Int64], Bitmap?)
    case ips([IPAddress], Bitmap?)
    /// Row code = `codes[indices[i]]` (or `codes[i]`); -1: no small-side row has the value.
    case codes(indices: [Int32]?, codes: [Int32], Bitmap?)

    var width: Int {
        if case .ips = self { return 2 }
        return 1
    }

    /// The encodings of a (small, large) key column pair; nil when it has none.
    static func pair(_ a: Column, _ b: Column) -> (KeySide, KeySide)? {
        switch (a.values, b.values) {
        case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)), (.duration(let x), .duration(let y)):
            return (.words(x, a.validity), .words(y, b.validity))
        case (.ip(let x), .ip(let y)):
            return (.ips(x, a.validity), .ips(y, b.validity))
        case (.string(let xs), .string(.dictionary(let idx, let dict))):
            // Number the small side's distinct strings and the large side's dictionary
            // entries together: small entries come first, so their ids are 0..<k and a
            // large entry with a higher id occurs nowhere on the small side.
            let (sp, si) = JoinKeyIds.entries(xs)
            var all = sp
            let base = all.offsets[all.count]
            all.offsets.append(contentsOf: dict.offsets.dropFirst().map { $0 + base })
            all.bytes.append(contentsOf: dict.bytes)
            let ids = GroupIds.stringIds(all, all.count).ids
            let shift = sp.count
            let k = ids[0..<shift].max().map { Int($0) + 1 } ?? 0
            let smallCodes = Array(ids[0..<shift])
            let largeCodes = ids[shift...].map { Int($0) < k ? $0 : -1 }
            return (.codes(indices: si, codes: smallCodes, a.validity), .codes(indices: idx, codes: largeCodes, b.validity))
        default:
            return nil
        }
    }

    /// Calls `body` with raw readers over `sides`, valid for the duration of the call.
    static func withReaders<R>(_ sides: [KeySide], _ body: (UnsafeBufferPointer<KeyReader>) -> R) -> R {
        func go(_ k: Int, _ acc: inout [KeyReader]) -> R {
            if k == sides.count { return acc.withUnsafeBufferPointer(body) }
            switch sides[k] {
            case .words(let a, let v):
                return a.withUnsafeBufferPointer { p in withValidity(v) { vp in
                    acc.append(KeyReader(kind: .words(p.baseAddress), validity: vp))
                    return go(k + 1, &acc)
                } }
            case .ips(let a, let v):
                return a.withUnsafeBufferPointer { p in withValidity(v) { vp in
                    acc.append(KeyReader(kind: .ips(p.baseAddress), validity: vp))
                    return go(k + 1, &acc)
                } }
            case .codes(let idx, let codes, let v):
                return codes.withUnsafeBufferPointer { c in withValidity(v) { vp in
                    if let idx {
                        return idx.withUnsafeBufferPointer { ip in
                            acc.append(KeyReader(kind: .indexedCodes(ip.baseAddress, c.baseAddress), validity: vp))
                            return go(k + 1, &acc)
                        }
                    }
                    acc.append(KeyReader(kind: .codes(c.baseAddress), validity: vp))
                    return go(k + 1, &acc)
                } }
            }
        }
        var acc: [KeyReader] = []
        acc.reserveCapacity(sides.count)
        return go(0, &acc)
    }

    private static func withValidity<R>(_ v: Bitmap?, _ body: (UnsafePointer<UInt64>?) -> R) -> R {
        guard let v else { return body(nil) }
        return v.words.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// Folds one key column's words of rows `lo..<lo+m` into `h`; clears `ok` for
    /// rows that are null or whose value the small side lacks.
    @inline(__always)
    static func foldHashes(_ r: KeyReader, _ lo: Int, _ m: Int, _ h: UnsafeMutableBufferPointer<UInt64>, _ ok: UnsafeMutableBufferPointer<Bool>) {
        if let v = r.validity {
            for j in 0..<m where (v[(lo + j) >> 6] >> UInt64((lo + j) & 63)) & 1 == 0 { ok[j] = false }
        }
        switch r.kind {
        case .words(let p):
            guard let p else { return }
            for j in 0..<m { h[j] = KeyTable.fold(h[j], UInt64(bitPattern: p[lo + j])) }
        case .ips(let p):
            guard let p else { return }
            for j in 0..<m { h[j] = KeyTable.fold(KeyTable.fold(h[j], p[lo + j].rawHigh), p[lo + j].rawLow) }
        case .codes(let c):
            guard let c else { return }
            for j in 0..<m {
                let code = c[lo + j]
                if code < 0 { ok[j] = false }
                h[j] = KeyTable.fold(h[j], UInt64(bitPattern: Int64(code)))
            }
        case .indexedCodes(let x, let c):
            guard let x, let c else { return }
            for j in 0..<m {
                let code = c[Int(x[lo + j])]
                if code < 0 { ok[j] = false }
                h[j] = KeyTable.fold(h[j], UInt64(bitPattern: Int64(code)))
            }
        }
    }

    /// Writes row `i`'s key words to `buf`; false when a key is null or has no code.
    @inline(__always)
    static func fill(_ buf: UnsafeMutableBufferPointer<UInt64>, _ readers: UnsafeBufferPointer<KeyReader>, _ i: Int) -> Bool {
        var w = 0
        for r in readers {
            if let v = r.validity, (v[i >> 6] >> UInt64(i & 63)) & 1 == 0 { return false }
            switch r.kind {
            case .words(let p):
                guard let p else { return false }
                buf[w] = UInt64(bitPattern: p[i])
                w += 1
            case .ips(let p):
                guard let p else { return false }
                buf[w] = p[i].rawHigh
                buf[w + 1] = p[i].rawLow
                w += 2
            case .codes(let c):
                guard let c, c[i] >= 0 else { return false }
                buf[w] = UInt64(c[i])
                w += 1
            case .indexedCodes(let x, let c):
                guard let x, let c else { return false }
                let code = c[Int(x[i])]
                if code < 0 { return false }
                buf[w] = UInt64(code)
                w += 1
            }
        }
        return true
    }
}

/// Raw access to one key column's rows (valid only inside `KeySide.withReaders`).
private struct KeyReader {
    enum Kind {
        case words(UnsafePointer<Int64>?)
        case ips(UnsafePointer<IPAddress>?)
        case codes(UnsafePointer<Int32>?)
        case indexedCodes(UnsafePointer<Int32>?, UnsafePointer<Int32>?)
    }
    var kind: Kind
    var validity: UnsafePointer<UInt64>?
}

/// An open-addressing table of fixed-width word keys, numbering keys in insertion
/// order. Slots keep each key's full hash, so a probe compares key words only
/// when the hashes agree.
private struct KeyTable: Sendable {
    let width: Int
    /// Key words by id.
    private var keys: [UInt64] = []
    private var slots: [Int32]
    private var hashes: [UInt64]
    private let mask: Int
    private(set) var count = 0

    init(width: Int, expected: Int) {
        self.width = width
        var cap = 16
        while cap < expected * 2 { cap <<= 1 }
        mask = cap - 1
        slots = [Int32](repeating: -1, count: cap)
        hashes = [UInt64](repeating: 0, count: cap)
    }

    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    /// One key word folded into a running hash (one multiply per word; `final`
    /// then spreads every bit to the low bits that index the table).
    @inline(__always)
    static func fold(_ h: UInt64, _ w: UInt64) -> UInt64 { (h ^ w) &* 0x9E37_79B9_7F4A_7C15 ^ (h >> 31) }

    @inline(__always)
    static func final(_ h: UInt64) -> UInt64 { GroupIds.mix(h) }

    static func hash(_ key: UnsafeMutableBufferPointer<UInt64>) -> UInt64 {
        var h = seed
        for w in key { h = fold(h, w) }
        return final(h)
    }

    /// The id of `key`, adding it when new. The table never fills: it is sized for every small-side row.
    mutating func insert(_ key: UnsafeMutableBufferPointer<UInt64>) -> Int32 {
        let h = KeyTable.hash(key)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[s]
            if id < 0 {
                slots[s] = Int32(count)
                hashes[s] = h
                keys.append(contentsOf: key)
                count += 1
                return Int32(count - 1)
            }
            if hashes[s] == h, keys.withUnsafeBufferPointer({ KeyTable.equal($0, Int(id) * width, key) }) { return id }
            s = (s + 1) & mask
        }
    }

    /// Calls `body` with a read-only view for probing, valid during the call.
    func withView<R>(_ body: (KeyTableView) -> R) -> R {
        slots.withUnsafeBufferPointer { sp in hashes.withUnsafeBufferPointer { hp in keys.withUnsafeBufferPointer { kp in
            body(KeyTableView(slots: sp, hashes: hp, keys: kp, mask: mask, width: width))
        } } }
    }

    @inline(__always)
    static func equal(_ kp: UnsafeBufferPointer<UInt64>, _ at: Int, _ key: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        for k in 0..<key.count where kp[at + k] != key[k] { return false }
        return true
    }
}

/// Raw read-only access to a `KeyTable` for the probe loops.
private struct KeyTableView {
    let slots: UnsafeBufferPointer<Int32>
    let hashes: UnsafeBufferPointer<UInt64>
    let keys: UnsafeBufferPointer<UInt64>
    let mask: Int
    let width: Int

    /// The id of large-side row `i` with finished hash `h`, or -1; the row's key
    /// words are read (into `buf`) only when a slot's hash agrees.
    @inline(__always)
    func find(_ h: UInt64, _ readers: UnsafeBufferPointer<KeyReader>, _ i: Int, _ buf: UnsafeMutableBufferPointer<UInt64>) -> Int32 {
        var s = Int(truncatingIfNeeded: h) & mask
        var filled = false
        while true {
            let id = slots[s]
            if id < 0 { return -1 }
            if hashes[s] == h {
                if !filled {
                    if !KeySide.fill(buf, readers, i) { return -1 }
                    filled = true
                }
                if KeyTable.equal(keys, Int(id) * width, buf) { return id }
            }
            s = (s + 1) & mask
        }
    }
}
