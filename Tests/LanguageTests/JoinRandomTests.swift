import Testing
import Frames
import TestSupport
@testable import Language

/// The optimised join (shared key ids, interval index, pair filter) against a
/// nested loop over random small frames with duplicate and null keys and
/// overlapping intervals, for every kind and for report=true.
struct JoinRandomTests {
    struct Sides {
        var left: Frame
        var right: Frame
    }

    static let second: Int64 = 1_000_000

    static func make(_ rng: inout SplitMix) -> Sides {
        let nl = Int.random(in: 0...14, using: &rng), nr = Int.random(in: 0...14, using: &rng)
        func maybe(_ v: Value) -> Value { Int.random(in: 0..<6, using: &rng) == 0 ? .null : v }
        func key() -> Value { maybe(.int(Int64.random(in: 0..<3, using: &rng))) }
        func str() -> Value { maybe(.string(["a", "b", "c"][Int.random(in: 0..<3, using: &rng)])) }
        func time() -> Value { maybe(.timestamp(Int64.random(in: 0..<20, using: &rng) * second)) }
        func port() -> Value { maybe(.int(Int64.random(in: 0..<5, using: &rng))) }
        var lk: [Value] = [], ls: [Value] = [], lt: [Value] = [], lp: [Value] = []
        for _ in 0..<nl { lk.append(key()); ls.append(str()); lt.append(time()); lp.append(port()) }
        var rk: [Value] = [], rs: [Value] = [], ra: [Value] = [], rb: [Value] = [], rp: [Value] = []
        for _ in 0..<nr {
            rk.append(key()); rs.append(str()); rp.append(port())
            let a = Int64.random(in: 0..<20, using: &rng)
            // Mostly proper intervals, some long, a few reversed (they match nothing).
            let len = Int64.random(in: -2..<(Bool.random(using: &rng) ? 4 : 15), using: &rng)
            ra.append(maybe(.timestamp(a * second)))
            rb.append(maybe(.timestamp((a + len) * second)))
        }
        // Right strings dictionary-encoded half the time, to join plain with dictionary keys.
        var rsc = Column.from(.string, rs)
        if Bool.random(using: &rng), case .string(.plain(let p)) = rsc.values {
            var dict: [String] = [], idx: [Int32] = []
            for i in 0..<p.count {
                let s = p[i]
                if let j = dict.firstIndex(of: s) { idx.append(Int32(j)) } else { idx.append(Int32(dict.count)); dict.append(s) }
            }
            rsc = Column(.string(.dictionary(indices: idx, dictionary: PlainStrings(dict))), validity: rsc.validity)
        }
        let left = Frame([("lid", Column(.int((0..<Int64(nl)).map { $0 }))), ("k", Column.from(.int, lk)), ("s", Column.from(.string, ls)),
                          ("t", Column.from(.timestamp, lt)), ("p", Column.from(.int, lp))])
        let right = Frame([("rid", Column(.int((0..<Int64(nr)).map { $0 }))), ("k", Column.from(.int, rk)), ("s", rsc),
                           ("a", Column.from(.timestamp, ra)), ("b", Column.from(.timestamp, rb)), ("p", Column.from(.int, rp))])
        return Sides(left: left, right: right)
    }

    /// A condition and the same condition over (left row, right row) values.
    struct Case: Sendable {
        var condition: String
        var matches: @Sendable (_ l: [Value], _ r: [Value]) -> Bool
    }

    static func int(_ v: Value) -> Int64? { if case .int(let x) = v { return x }; if case .timestamp(let x) = v { return x }; return nil }
    static func eq(_ a: Value, _ b: Value) -> Bool { a != .null && b != .null && a == b }

    // Columns: left [lid, k, s, t, p], right [rid, k, s, a, b, p].
    static let cases: [Case] = [
        Case(condition: "left.k == right.k and left.t between right.a and right.b") { l, r in
            guard eq(l[1], r[1]), let t = int(l[3]), let a = int(r[3]), let b = int(r[4]) else { return false }
            return a <= t && t <= b
        },
        Case(condition: "left.k == right.k and left.s == right.s and right.a < left.t and left.t <= right.b + 2s") { l, r in
            guard eq(l[1], r[1]), eq(l[2], r[2]), let t = int(l[3]), let a = int(r[3]), let b = int(r[4]) else { return false }
            return a < t && t <= b + 2 * second
        },
        Case(condition: "left.t between right.a - 1s and right.b") { l, r in
            guard let t = int(l[3]), let a = int(r[3]), let b = int(r[4]) else { return false }
            return a - second <= t && t <= b
        },
        Case(condition: "left.t >= right.a and left.t < right.b and left.p <= right.p") { l, r in
            guard let t = int(l[3]), let a = int(r[3]), let b = int(r[4]), let lp = int(l[4]), let rp = int(r[5]) else { return false }
            return a <= t && t < b && lp <= rp
        },
        Case(condition: "left.k == right.k and left.p > right.p") { l, r in
            guard eq(l[1], r[1]), let lp = int(l[4]), let rp = int(r[5]) else { return false }
            return lp > rp
        },
        Case(condition: "k, s") { l, r in eq(l[1], r[1]) && eq(l[2], r[2]) },
    ]

    static func row(_ f: Frame, _ i: Int) -> [Value] { f.columns.map { $0.value(at: i) } }

    static func run(_ sides: Sides, _ text: String) throws -> Frame {
        let schemas = StaticSchemas(["l": sides.left.fields, "r": sides.right.fields])
        let parsed = Parser.parse(SourceFile(name: "t", text: text))
        try #require(!parsed.hasErrors, "\(parsed.diagnostics)")
        guard case .pipeline(let p)? = parsed.statements.first?.statement else { throw BindError.unsupportedStage("?", .at(0)) }
        let plan = try Binder(schemas: schemas).bind(p)
        return try PlanExecutor().run(plan) { $0 == "l" ? sides.left : $0 == "r" ? sides.right : nil }
    }

    static func ints(_ f: Frame, _ name: String) -> [Int64?] {
        guard let c = f.column(name) else { return [] }
        return (0..<c.count).map { int(c.value(at: $0)) }
    }

    @Test(arguments: 0..<60)
    func optimisedJoinEqualsNestedLoop(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
        let sides = JoinRandomTests.make(&rng)
        for c in JoinRandomTests.cases {
            // The nested loop: every pair, left order, then right order.
            var pairs: [(Int64, Int64)] = []
            var counts: [Int64] = []
            for i in 0..<sides.left.rowCount {
                var n: Int64 = 0
                for j in 0..<sides.right.rowCount where c.matches(Self.row(sides.left, i), Self.row(sides.right, j)) {
                    pairs.append((Int64(i), Int64(j)))
                    n += 1
                }
                counts.append(n)
            }
            let inner = try Self.run(sides, "l | join r on \(c.condition)")
            #expect(Self.ints(inner, "lid") == pairs.map { $0.0 }, "inner lid \(c.condition) seed \(seed)")
            #expect(Self.ints(inner, "rid") == pairs.map { $0.1 }, "inner rid \(c.condition) seed \(seed)")
            #expect(inner.names.contains("k_r") && inner.names.contains("p_r"), "clash suffix")
            var leftPairs: [(Int64, Int64?)] = []
            for i in 0..<sides.left.rowCount {
                let m = pairs.filter { $0.0 == Int64(i) }
                if m.isEmpty { leftPairs.append((Int64(i), nil)) } else { leftPairs += m.map { ($0.0, Optional($0.1)) } }
            }
            let outer = try Self.run(sides, "l | join kind=left r on \(c.condition)")
            #expect(Self.ints(outer, "lid") == leftPairs.map { $0.0 }, "left lid \(c.condition) seed \(seed)")
            #expect(Self.ints(outer, "rid") == leftPairs.map { $0.1 }, "left rid \(c.condition) seed \(seed)")
            let semi = try Self.run(sides, "l | join kind=semi r on \(c.condition)")
            #expect(Self.ints(semi, "lid") == counts.indices.filter { counts[$0] > 0 }.map { Int64($0) }, "semi \(c.condition) seed \(seed)")
            let anti = try Self.run(sides, "l | join kind=anti r on \(c.condition)")
            #expect(Self.ints(anti, "lid") == counts.indices.filter { counts[$0] == 0 }.map { Int64($0) }, "anti \(c.condition) seed \(seed)")
            let report = try Self.run(sides, "l | join report=true r on \(c.condition)")
            #expect(Self.ints(report, "matches") == counts.map { Optional($0) }, "report \(c.condition) seed \(seed)")
        }
    }
}
