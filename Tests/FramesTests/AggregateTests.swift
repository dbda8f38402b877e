import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite struct AggregateTests {
    static func randomFrame(_ n: Int, seed: UInt64) -> Frame {
        var g = SplitMix(state: seed)
        let keys = ["a", "b", "c", "d"]
        var k: [Value] = [], x: [Value] = [], f: [Value] = [], s: [Value] = []
        for _ in 0..<n {
            k.append(Int.random(in: 0..<10, using: &g) == 0 ? .null : .string(keys[Int.random(in: 0..<4, using: &g)]))
            x.append(Int.random(in: 0..<8, using: &g) == 0 ? .null : .int(Int64.random(in: -50...50, using: &g)))
            f.append(Int.random(in: 0..<8, using: &g) == 0 ? .null : .float(Double(Int.random(in: 0...1000, using: &g)) / 8))
            s.append(.string("s\(Int.random(in: 0..<6, using: &g))"))
        }
        return Frame([("k", Column.from(.string, k)), ("x", Column.from(.int, x)), ("f", Column.from(.float, f)), ("s", Column.from(.string, s))])
    }

    /// Naive reference: boxed values grouped with a dictionary.
    static func reference(_ frame: Frame, key: String, column: String, _ fn: ([Value]) -> Value) -> [Value: Value] {
        var groups: [Value: [Value]] = [:]
        let kc = frame.column(key)!, xc = frame.column(column)!
        for i in 0..<frame.rowCount { groups[kc.value(at: i), default: []].append(xc.value(at: i)) }
        return groups.mapValues(fn)
    }

    static func pct(_ v: [Double], _ p: Double) -> Double {
        let s = v.sorted()
        let r = p / 100 * Double(s.count - 1)
        let lo = Int(r.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (s[hi] - s[lo]) * (r - Double(lo))
    }

    @Test(arguments: [(AggregateFunction.sum, "x"), (.count, "x"), (.min, "x"), (.max, "x"), (.avg, "f"), (.stdev, "f"), (.median, "f"),
                      (.percentile, "x"), (.dcount, "s"), (.first, "x"), (.last, "f"), (.min, "s"), (.max, "s")])
    func matchesReference(_ fn: AggregateFunction, _ column: String) throws {
        let frame = Self.randomFrame(2_000, seed: 42)
        let xc = try #require(frame.column(column))
        let type: DataType
        switch fn {
        case .count, .dcount: type = .int
        case .avg, .stdev, .median, .percentile: type = xc.type == .int ? .float : xc.type
        default: type = xc.type
        }
        var input = xc
        if type == .float, xc.type == .int { input = try ExpressionEvaluator().evaluate(.call(.toFloat, arguments: [.column(index: 0, type: .int)], type: .float), columns: [xc], rowCount: xc.count) }
        let agg = AggregateExpr(function: fn, argument: .column(index: 0, type: input.type), percentile: fn == .percentile ? 90 : nil, type: type)
        let out = try Aggregation.run(keys: [(Field("k", .string), frame.column("k")!)], items: [Aggregation.Item(name: "r", aggregate: agg, input: input)], rowCount: frame.rowCount)
        let expected = Self.reference(frame, key: "k", column: column) { vals in
            let nn = vals.filter { !$0.isNull }
            let d: [Double] = nn.map { if case .int(let i) = $0 { return Double(i) }; if case .float(let x) = $0 { return x }; return 0 }
            switch fn {
            case .sum: return nn.isEmpty ? .null : .int(nn.reduce(0) { if case .int(let i) = $1 { return $0 + i }; return $0 })
            case .count: return .int(Int64(nn.count))
            case .min: return nn.min { compareValues($0, $1) < 0 } ?? .null
            case .max: return nn.max { compareValues($0, $1) < 0 } ?? .null
            case .avg: return nn.isEmpty ? .null : .float(d.reduce(0, +) / Double(d.count))
            case .stdev:
                guard d.count > 1 else { return .null }
                let m = d.reduce(0, +) / Double(d.count)
                return .float(sqrt(d.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(d.count - 1)))
            case .median: return nn.isEmpty ? .null : .float(Self.pct(d, 50))
            case .percentile: return nn.isEmpty ? .null : .float(Self.pct(d, 90))
            case .dcount: return .int(Int64(Set(nn).count))
            case .first: return nn.first ?? .null
            case .last: return nn.last ?? .null
            default: return .null
            }
        }
        #expect(out.rowCount == expected.count)
        // Output is sorted by key, nulls last.
        let keysOut = (0..<out.rowCount).map { out.columns[0].value(at: $0) }
        #expect(keysOut == keysOut.sorted { compareValues($0, $1) < 0 })
        for i in 0..<out.rowCount {
            let got = out.columns[1].value(at: i), want = expected[keysOut[i]] ?? .null
            if case .float(let a) = got, case .float(let b) = want {
                #expect(abs(a - b) < 1e-9 * max(1, abs(b)), "\(fn) group \(keysOut[i])")
            } else {
                #expect(got == want, "\(fn) group \(keysOut[i])")
            }
        }
    }

    @Test func countRowsAndCountIfWithoutKeys() throws {
        let frame = Self.randomFrame(500, seed: 7)
        let pred = try ExpressionEvaluator().evaluate(.call(.greater, arguments: [.column(index: 1, type: .int), .literal(.int(0), type: .int)], type: .bool), over: frame)
        let out = try Aggregation.run(keys: [], items: [
            Aggregation.Item(name: "count", aggregate: AggregateExpr(function: .countRows, argument: nil, type: .int), input: nil),
            Aggregation.Item(name: "pos", aggregate: AggregateExpr(function: .countIf, argument: .column(index: 0, type: .bool), type: .int), input: pred),
        ], rowCount: frame.rowCount)
        let x = frame.column("x")!
        let positives = (0..<500).filter { if case .int(let v) = x.value(at: $0) { return v > 0 }; return false }.count
        #expect(out.columns.map { $0.value(at: 0) } == [.int(500), .int(Int64(positives))])
        // No rows still gives one row.
        let empty = try Aggregation.run(keys: [], items: [Aggregation.Item(name: "count", aggregate: AggregateExpr(function: .countRows, argument: nil, type: .int), input: nil)], rowCount: 0)
        #expect(empty.rowCount == 1 && empty.columns[0].value(at: 0) == .int(0))
    }

    @Test func multiKeyGroupingOverTypes() throws {
        let a = Column.from(.int, [.int(1), .int(1), .int(2), .null, .int(1)])
        let b = Column.from(.ip, [.ip(IPAddress("1.1.1.1")!), .ip(IPAddress("::1")!), .ip(IPAddress("1.1.1.1")!), .null, .ip(IPAddress("1.1.1.1")!)])
        let g = GroupIds([a, b], rowCount: 5)
        #expect(g.ids == [0, 1, 2, 3, 0])
        #expect(g.firstRows == [0, 1, 2, 3])
        let f = Column.from(.float, [.float(0), .float(-0.0), .float(1), .null])
        #expect(GroupIds([f], rowCount: 4).count == 3)
    }
}

@Suite struct KernelOrderingTests {
    @Test func stableSortNullsLastBothDirections() {
        let x = Column.from(.int, [.int(2), .null, .int(1), .int(2), .int(1)])
        #expect(Sorting.order([Sorting.Key(x)], rowCount: 5) == [2, 4, 0, 3, 1])
        #expect(Sorting.order([Sorting.Key(x, descending: true)], rowCount: 5) == [0, 3, 2, 4, 1])
        let s = K.strings(["b", "a", "b", nil, "a"], dictionary: true)
        #expect(Sorting.order([Sorting.Key(s), Sorting.Key(x, descending: true)], rowCount: 5) == [4, 1, 0, 2, 3])
        let big = Column.from(.int, [.int(Int64.min), .int(Int64.max), .int(0)])
        #expect(Sorting.order([Sorting.Key(big, descending: true)], rowCount: 3) == [1, 2, 0])
    }

    @Test(arguments: [1, 5, 37, 200, 1000])
    func topEqualsSortThenTake(_ k: Int) {
        var g = SplitMix(state: UInt64(k))
        let n = 400
        let x = Column.from(.int, (0..<n).map { _ in Int.random(in: 0..<9, using: &g) == 0 ? .null : .int(Int64.random(in: 0..<30, using: &g)) })
        let y = Column.from(.float, (0..<n).map { _ in .float(Double(Int.random(in: 0..<5, using: &g))) })
        let keys = [Sorting.Key(x, descending: true), Sorting.Key(y)]
        #expect(Sorting.top(k, keys, rowCount: n) == Array(Sorting.order(keys, rowCount: n).prefix(k)))
    }

    @Test func distinctFirstSeenOrderAndGather() {
        let s = K.strings(["x", "y", "x", nil, "z", "y"], dictionary: false)
        let f = Frame([("s", s), ("n", Column.from(.int, [.int(1), .int(2), .int(3), .int(4), .int(5), .int(6)]))])
        let d = Distinct.distinct(f, columns: [0])
        #expect((0..<d.rowCount).map { d.columns[0].value(at: $0) } == [.string("x"), .string("y"), .null, .string("z")])
        let sliced = Selection.slice(f, 4..<10)
        #expect(sliced.rowCount == 2 && sliced.columns[1].value(at: 0) == .int(5))
        let g = Selection.gather(f, [5, 5, 3])
        #expect((0..<3).map { g.columns[0].value(at: $0) } == [.string("y"), .string("y"), .null])
    }

    @Test func describeStatistics() {
        let f = Frame([("s", K.strings(["b", "a", nil, "b"], dictionary: true)), ("n", Column.from(.int, [.int(3), .null, .int(-1), .int(3)]))])
        let d = FrameStatistics.describe(f)
        #expect(d.names == ["column", "type", "nulls", "distinct", "min", "max"])
        #expect((0..<2).map { d.columns[3].value(at: $0) } == [.int(2), .int(2)])
        #expect((0..<2).map { d.columns[4].value(at: $0) } == [.string("a"), .string("-1")])
        #expect((0..<2).map { d.columns[5].value(at: $0) } == [.string("b"), .string("3")])
        #expect((0..<2).map { d.columns[2].value(at: $0) } == [.int(1), .int(1)])
    }
}

/// Counts and integer sums split over row ranges on all cores (above the
/// parallel threshold) equal a serial loop, with nulls in keys and values; the
/// mean of an integer column keeps its own (serial, floating-point) path.
@Suite struct GroupedCountsTests {
    @Test(arguments: [AggregateFunction.sum, .count, .countRows, .avg])
    func largeFramesMatchASerialLoop(_ fn: AggregateFunction) throws {
        let frame = AggregateTests.randomFrame(200_000, seed: 7)
        let kc = try #require(frame.column("k")), xc = try #require(frame.column("x"))
        let type: DataType = fn == .avg ? .float : .int
        let agg = AggregateExpr(function: fn, argument: fn == .countRows ? nil : .column(index: 0, type: .int), percentile: nil, type: type)
        let out = try Aggregation.run(keys: [(Field("k", .string), kc)],
                                      items: [Aggregation.Item(name: "r", aggregate: agg, input: fn == .countRows ? nil : xc)],
                                      rowCount: frame.rowCount)
        var sums: [Value: Int64] = [:], counts: [Value: Int64] = [:], rows: [Value: Int64] = [:]
        for i in 0..<frame.rowCount {
            let key = kc.value(at: i)
            rows[key, default: 0] += 1
            if case .int(let x) = xc.value(at: i) {
                sums[key, default: 0] += x
                counts[key, default: 0] += 1
            }
        }
        #expect(out.rowCount == rows.count)
        for g in 0..<out.rowCount {
            let key = out.columns[0].value(at: g), got = out.columns[1].value(at: g)
            switch fn {
            case .sum: #expect(got == (counts[key] ?? 0 > 0 ? .int(sums[key] ?? 0) : .null), "\(key)")
            case .count: #expect(got == .int(counts[key] ?? 0), "\(key)")
            case .countRows: #expect(got == .int(rows[key] ?? 0), "\(key)")
            default:
                let want = Double(sums[key] ?? 0) / Double(counts[key] ?? 1)
                guard case .float(let mean) = got else { Issue.record("avg gave \(got)"); continue }
                #expect(abs(mean - want) < 1e-9 * max(1, abs(want)), "\(key)")
            }
        }
    }
}

/// `dcount` partitions (group, value) pairs across cores; on a frame large
/// enough to split it must equal a set per group, nulls excluded.
@Suite struct DistinctCountsTests {
    @Test(arguments: [2_000, 200_000])
    func matchesASetPerGroup(rows: Int) throws {
        var g = SplitMix(state: 11)
        var k: [Value] = [], v: [Value] = []
        for _ in 0..<rows {
            k.append(Int.random(in: 0..<50, using: &g) == 0 ? .null : .int(Int64.random(in: 0..<500, using: &g)))
            v.append(Int.random(in: 0..<10, using: &g) == 0 ? .null : .int(Int64.random(in: 0..<300, using: &g)))
        }
        let kc = Column.from(.int, k), vc = Column.from(.int, v)
        let agg = AggregateExpr(function: .dcount, argument: .column(index: 0, type: .int), percentile: nil, type: .int)
        let out = try Aggregation.run(keys: [(Field("k", .int), kc)], items: [Aggregation.Item(name: "d", aggregate: agg, input: vc)], rowCount: rows)
        var sets: [Value: Set<Value>] = [:]
        for i in 0..<rows {
            sets[k[i], default: []].formUnion(v[i] == .null ? [] : [v[i]])
        }
        #expect(out.rowCount == sets.count)
        for r in 0..<out.rowCount {
            let key = out.columns[0].value(at: r)
            #expect(out.columns[1].value(at: r) == .int(Int64(sets[key]?.count ?? -1)), "\(key)")
        }
    }
}
