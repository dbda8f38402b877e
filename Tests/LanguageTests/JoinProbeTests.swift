import Testing
import Frames
import TestSupport
@testable import Language

/// Joins of a small frame with a large one (the probed path: the small side's keys
/// in a table, every large row looked up on all cores, 1,024 rows at a time)
/// against a reference computed row by row, in both orientations, with address,
/// integer and dictionary-string keys, nulls, and `| count`.
struct JoinProbeTests {
    struct Sides {
        var small: Frame
        var large: Frame
        /// Key tuples (nil: a null key) of each side, for the reference.
        var smallKeys: [[Value]]
        var largeKeys: [[Value]]
    }

    static let addresses = ["10.0.0.1", "27.57.1.73", "2409:4070::1", "100.64.0.2", "::ffff:1.2.3.4"].compactMap(IPAddress.init)
    static let words = ["alpha", "beta", "gamma", "delta"]

    static func make(_ rng: inout SplitMix, large n: Int, small m: Int) -> Sides {
        func maybe(_ v: Value) -> Value { Int.random(in: 0..<20, using: &rng) == 0 ? .null : v }
        func keys() -> [Value] {
            [maybe(.ip(addresses[Int.random(in: 0..<addresses.count, using: &rng)])),
             maybe(.int(Int64.random(in: 0..<6, using: &rng))),
             maybe(.string(words[Int.random(in: 0..<words.count, using: &rng)])),
             // Never null: a single dictionary-string key takes the probe's shortcut.
             .string(words[Int.random(in: 0..<words.count, using: &rng)])]
        }
        let lk = (0..<n).map { _ in keys() }, sk = (0..<m).map { _ in keys() }
        func frame(_ id: String, _ k: [[Value]], dictionary: Bool) -> Frame {
            func strings(_ c: Int) -> Column {
                let plain = Column.from(.string, k.map { $0[c] })
                return dictionary ? dictionaryEncoded(plain) : plain
            }
            return Frame([(id, Column(.int((0..<Int64(k.count)).map { $0 }))), ("ip", Column.from(.ip, k.map { $0[0] })),
                          ("p", Column.from(.int, k.map { $0[1] })), ("s", strings(2)), ("g", strings(3))])
        }
        return Sides(small: frame("sid", sk, dictionary: false), large: frame("lid", lk, dictionary: true), smallKeys: sk, largeKeys: lk)
    }

    /// The same strings stored as a dictionary of distinct entries.
    static func dictionaryEncoded(_ c: Column) -> Column {
        guard case .string(.plain(let p)) = c.values else { return c }
        var dict: [String] = [], idx: [Int32] = []
        for i in 0..<p.count {
            if let j = dict.firstIndex(of: p[i]) { idx.append(Int32(j)) } else { idx.append(Int32(dict.count)); dict.append(p[i]) }
        }
        if let v = c.validity { for i in idx.indices where !v[i] { idx[i] = 0 } }
        return Column(.string(.dictionary(indices: idx, dictionary: PlainStrings(dict))), validity: c.validity)
    }

    static func run(_ text: String, _ frames: [String: Frame]) throws -> Frame {
        let schemas = StaticSchemas(frames.mapValues(\.fields))
        let parsed = Parser.parse(SourceFile(name: "t", text: text))
        try #require(!parsed.hasErrors, "\(parsed.diagnostics)")
        guard case .pipeline(let p)? = parsed.statements.first?.statement else { throw BindError.unsupportedStage("?", .at(0)) }
        return try PlanExecutor().run(try Binder(schemas: schemas).bind(p)) { frames[$0] }
    }

    static func ids(_ f: Frame, _ name: String) -> [Int64] {
        guard let c = f.column(name), case .int(let a) = c.values else { return [] }
        return a
    }

    /// The key of a row over the key columns used (`columns` picks ip, p, s); nil when one is null.
    static func key(_ row: [Value], _ columns: [Int]) -> String? {
        var parts: [String] = []
        for c in columns {
            if row[c] == .null { return nil }
            parts.append("\(row[c])")
        }
        return parts.joined(separator: "\u{1}")
    }

    static let conditions: [(text: String, columns: [Int])] = [
        ("ip, p, s", [0, 1, 2]), ("ip, p", [0, 1]), ("s", [2]), ("ip", [0]), ("p, s", [1, 2]), ("g", [3]), ("g, p", [3, 1]),
    ]

    @Test(arguments: [(0, 70_000, 9), (1, 5_000, 1), (2, 130_001, 25), (3, 3, 0)])
    func probedJoinEqualsReference(seed: Int, largeRows: Int, smallRows: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let sides = Self.make(&rng, large: largeRows, small: smallRows)
        let frames = ["small": sides.small, "large": sides.large]
        for c in Self.conditions {
            // Large on the left: pairs in large-row order, then small-row order.
            var smallByKey: [String: [Int64]] = [:]
            for j in 0..<smallRows {
                if let k = Self.key(sides.smallKeys[j], c.columns) { smallByKey[k, default: []].append(Int64(j)) }
            }
            var pairs: [(Int64, Int64)] = []
            for i in 0..<largeRows {
                guard let k = Self.key(sides.largeKeys[i], c.columns) else { continue }
                for j in smallByKey[k] ?? [] { pairs.append((Int64(i), j)) }
            }
            let lr = try Self.run("large | join small on \(c.text)", frames)
            #expect(Self.ids(lr, "lid") == pairs.map(\.0), "\(c.text): large rows")
            #expect(Self.ids(lr, "sid") == pairs.map(\.1), "\(c.text): small rows")
            let counted = try Self.run("large | join small on \(c.text) | count", frames)
            #expect(Self.ids(counted, "count") == [Int64(pairs.count)], "\(c.text): count")
            // Small on the left: the same pairs in small-row order.
            let rl = try Self.run("small | join large on \(c.text)", frames)
            let swapped = pairs.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            #expect(Self.ids(rl, "sid") == swapped.map(\.1), "\(c.text): small-left small rows")
            #expect(Self.ids(rl, "lid") == swapped.map(\.0), "\(c.text): small-left large rows")
            let semi = try Self.run("large | join kind=semi small on \(c.text) | count", frames)
            #expect(Self.ids(semi, "count") == [Int64(Set(pairs.map(\.0)).count)], "\(c.text): semi")
        }
    }
}

/// Join output is gathered lazily (only the columns later stages read); results
/// must equal those over fully materialized inputs, with a pending `where`
/// before the join and `extend`/`summarize` after it, for every kind.
struct JoinLazyOutputTests {
    @Test(arguments: ["inner", "left", "semi", "anti"])
    func pendingSelectionAndLaterStagesMatchMaterializedRun(kind: String) throws {
        var rng = SplitMix(seed: 99)
        let sides = JoinProbeTests.make(&rng, large: 3_000, small: 40)
        let filtered = try JoinProbeTests.run("large | where p >= 2", ["large": sides.large])
        let tail = kind == "semi" || kind == "anti"
            ? "| extend q = p * 10 | summarize n = count(), t = sum(q) by s"
            : "| extend q = p * 10 | summarize n = count(), t = sum(q), r = count(sid) by s"
        let direct = try JoinProbeTests.run("large | where p >= 2 | join kind=\(kind) small on ip, s \(tail)",
                                            ["large": sides.large, "small": sides.small])
        let staged = try JoinProbeTests.run("f | join kind=\(kind) small on ip, s \(tail)", ["f": filtered, "small": sides.small])
        #expect(direct.rowCount > 0)
        #expect(direct.names == staged.names)
        for c in direct.names.indices {
            let a = direct.columns[c], b = staged.columns[c]
            #expect((0..<a.count).map { a.value(at: $0) } == (0..<b.count).map { b.value(at: $0) }, "\(kind): \(direct.names[c])")
        }
        let report = try JoinProbeTests.run("large | where p >= 2 | join report=true small on ip, s | summarize m = sum(`matches`)",
                                            ["large": sides.large, "small": sides.small])
        let inner = try JoinProbeTests.run("large | where p >= 2 | join small on ip, s | count", ["large": sides.large, "small": sides.small])
        #expect(report.columns[0].value(at: 0) == inner.columns[0].value(at: 0))
    }
}
