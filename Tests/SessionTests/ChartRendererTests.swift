import Frames
import Language
import Testing
@testable import Session

/// Text charts at a fixed width, checked character by character. Bar lengths:
/// a value v of a largest value M over an area of A cells is v / M × A cells,
/// rounded to eighths (▏ = 1/8 … ▉ = 7/8).
@Suite struct ChartRendererTests {
    @Test func barsUseEighthBlocks() {
        // Labels 3 wide, values 1 wide: area = 40 − 3 − 3 − 1 = 33 cells.
        // a: 8/8 × 33 = 33 cells; b: 3/8 × 33 = 12.375 = 12 cells + 3/8 (▍); c: none.
        let chart = ChartData(title: "bar chart of n by k: 3 rows", body: .bars([
            .init(label: "a", value: 8, text: "8"),
            .init(label: "bb", value: 3, text: "3"),
            .init(label: "ccc", value: 0, text: "0"),
        ]), table: Frame([]))
        let text = ChartRenderer(width: 40).render(chart)
        #expect(text == """
        bar chart of n by k: 3 rows
        a   │█████████████████████████████████ 8
        bb  │████████████▍ 3
        ccc │ 0

        """)
        for line in text.split(separator: "\n") { #expect(line.count <= 40) }
    }

    @Test func everyEighthHasItsBlock() {
        // Width 21, labels and values 1 wide: area = 21 − 1 − 3 − 1 = 16 cells for the largest value 16,
        // so a value k/8 is k/8 of a cell: one partial block each.
        let bars = (1...7).map { ChartData.Bar(label: "\($0)", value: Double($0) / 8, text: "x") } + [ChartData.Bar(label: "M", value: 16, text: "x")]
        let text = ChartRenderer(width: 21).render(ChartData(title: "t", body: .bars(bars), table: Frame([])))
        #expect(text == """
        t
        1 │▏ x
        2 │▎ x
        3 │▍ x
        4 │▌ x
        5 │▋ x
        6 │▊ x
        7 │▉ x
        M │████████████████ x

        """)
    }

    @Test func negativeBarsGrowLeftOfTheAxis() {
        // Area 34 for a spread of 8 (−2…6): 8.5 → 9 cells left of the axis, 25 right.
        // x = −2: 9 whole cells; y = 6: 6/8 × 34 = 25.5 cells, capped at the 25 on the right.
        let chart = ChartData(title: "t", body: .bars([
            .init(label: "x", value: -2, text: "-2"),
            .init(label: "y", value: 6, text: "6"),
            .init(label: "z", value: nil, text: "null"),
        ]), table: Frame([]))
        let text = ChartRenderer(width: 42).render(chart)
        // Value width 4 ("null"): area = 42 − 1 − 3 − 4 = 34.
        #expect(text == """
        t
        x █████████│ -2
        y          │█████████████████████████ 6
        z          │ null

        """)
    }

    @Test func allZeroAndEmptyAndCut() {
        let zero = ChartData(title: "t", body: .bars([.init(label: "a", value: 0, text: "0"), .init(label: "b", value: 0, text: "0")]), table: Frame([]))
        #expect(ChartRenderer(width: 40).render(zero) == "t\na │ 0\nb │ 0\n(all values are zero)\n")
        #expect(ChartRenderer(width: 40).render(ChartData(title: "t", body: .bars([]), table: Frame([]))) == "t\n(no rows to chart)\n")
        let many = ChartData(title: "t", body: .bars((1...5).map { .init(label: "r\($0)", value: Double($0), text: "\($0)") }), table: Frame([]))
        let text = ChartRenderer(width: 40, maxBars: 2).render(many)
        #expect(text.hasSuffix("(5 bars, first 2 shown: sort or top N to choose them, set display.rows for more)\n"))
        // Long labels are cut to a third of the width.
        let long = ChartData(title: "t", body: .bars([.init(label: String(repeating: "x", count: 50), value: 1, text: "1")]), table: Frame([]))
        #expect(ChartRenderer(width: 60).render(long).split(separator: "\n")[1].hasPrefix(String(repeating: "x", count: 19) + "… │"))
    }

    @Test func columnsUseLowerBlocks() {
        // Height 4 = 32 eighths for the top count 8: 1 → 4 eighths (▄), 4 → 16, 2 → 8, 8 → 32.
        // Room = 30 − 1 − 2 = 27 for 5 bins: 5 characters each, 4 drawn and a gap.
        let columns = ChartData.Columns(slotLabels: ["a", "b", "c", "d", "e"], startLabel: "0", endLabel: "40",
                                        series: [.init(name: "count", counts: [1, 4, 2, 0, 8])], slotNoun: "bin")
        let text = ChartRenderer(width: 30, height: 4).render(ChartData(title: "histogram", body: .columns(columns), table: Frame([])))
        #expect(text == """
        histogram
        8 ┤                    ████
          │                    ████
          │     ████           ████
          │▄▄▄▄ ████ ████      ████
        0 └────────────────────────
           0                     40

        """)
    }

    @Test func columnsMergeToFitAndLabelsWrap() {
        // 40 slots in 20 − 1 − 2 = 17 characters: 3 per column, 14 columns; the last sums one slot
        // only (1 of the top 3 = 8/3 eighths → ▃). The labels do not fit side by side in 14.
        let counts = [Int64](repeating: 1, count: 40)
        let columns = ChartData.Columns(slotLabels: counts.map { _ in "" }, startLabel: "2025-10-05 00:00:00", endLabel: "2025-10-06 15:00:00",
                                        series: [.init(name: "count", counts: counts)], slotNoun: "bucket")
        let text = ChartRenderer(width: 20, height: 1).render(ChartData(title: "t", body: .columns(columns), table: Frame([])))
        #expect(text == """
        t
        3 ┤█████████████▃
        0 └──────────────
           2025-10-05 00:00:00
           2025-10-06 15:00:00
        (each column sums 3 buckets to fit the width)

        """)
    }

    @Test func seriesAreStripsOnOneScale() {
        let columns = ChartData.Columns(slotLabels: ["1", "2", "3"], startLabel: "1", endLabel: "3",
                                        series: [.init(name: "web", counts: [8, 4, 0]), .init(name: "dns", counts: [1, 0, 2])], slotNoun: "bucket")
        let text = ChartRenderer(width: 20).render(ChartData(title: "t", body: .columns(columns), notes: ["1 row with a null t not charted"], table: Frame([])))
        // Names 3 wide: room = 20 − 3 − 2 = 15 for 3 slots: 5 characters, 4 drawn and a gap.
        // One cell is the top count 8: 4 → ▄, 1 → ▁, 2 → ▂; the plot is 3 × 5 − 1 = 14 wide.
        #expect(text == """
        t
        web │████ ▄▄▄▄
        dns │▁▁▁▁      ▂▂▂▂
            └──────────────
             1            3
        (a full block is 8 rows)
        (1 row with a null t not charted)

        """)
    }
}

/// Chart numbers from frames: buckets in the session zone, series, bins, nulls.
@Suite struct ChartBuilderTests {
    static func ts(_ s: String) -> Value { .timestamp(TimestampParser.parse(s, zone: .utc) ?? 0) }

    @Test func timelineBucketsAlignInTheSessionZone() throws {
        let zone = try #require(Zone("+05:30"))
        // Local times 05:40, 06:50, 08:35 and a null: hourly buckets 05:00…08:00 local, 07:00 empty.
        let frame = Frame([("t", Column.from(.timestamp, [Self.ts("2025-10-05 00:10:00"), Self.ts("2025-10-05 01:20:00"), .null, Self.ts("2025-10-05 03:05:00")]))])
        let chart = try ChartBuilder(zone: zone).build(.timeline(time: 0, step: 3_600_000_000, by: nil), from: frame)
        #expect(chart.title == "timeline of t, rows per 1h: 3 rows in 4 buckets")
        #expect(chart.notes == ["1 row with a null t not charted"])
        guard case .columns(let c) = chart.body else { Issue.record("not columns"); return }
        #expect(c.series == [.init(name: "count", counts: [1, 1, 0, 1])])
        #expect(c.slotLabels == ["2025-10-05 05:00:00", "2025-10-05 06:00:00", "2025-10-05 07:00:00", "2025-10-05 08:00:00"])
        #expect(chart.table.names == ["t", "count"])
        #expect(chart.table.columns[0].value(at: 0) == Self.ts("2025-10-04 23:30:00"))
        // A day step starts at local midnight: 2025-10-05 00:00 +05:30.
        let daily = try ChartBuilder(zone: zone).build(.timeline(time: 0, step: 86_400_000_000, by: nil), from: frame)
        #expect(daily.table.columns[0].value(at: 0) == Self.ts("2025-10-04 18:30:00"))
        #expect(daily.title == "timeline of t, rows per 1d: 3 rows in 1 bucket")
    }

    @Test func seriesPastEightBecomeOther() throws {
        // Ten values: v0 ten times, v1 nine times, … v9 once; the top 7 are kept, v7…v9 become other.
        var keys: [Value] = [], times: [Value] = []
        for v in 0..<10 {
            for _ in 0..<(10 - v) {
                keys.append(.string("v\(v)"))
                times.append(Self.ts("2025-10-05 00:00:00"))
            }
        }
        let frame = Frame([("t", Column.from(.timestamp, times)), ("k", Column.from(.string, keys))])
        let chart = try ChartBuilder(zone: .utc).build(.timeline(time: 0, step: 3_600_000_000, by: 1), from: frame)
        guard case .columns(let c) = chart.body else { Issue.record("not columns"); return }
        #expect(c.series.map(\.name) == ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "other"])
        #expect(c.series.map { $0.counts[0] } == [10, 9, 8, 7, 6, 5, 4, 6])
        #expect(chart.table.names == ["t", "k", "count"])
        #expect(chart.table.rowCount == 8)
    }

    @Test func tooManyBucketsIsAnError() {
        let frame = Frame([("t", Column.from(.timestamp, [Self.ts("2000-01-01 00:00:00"), Self.ts("2025-01-01 00:00:00")]))])
        #expect(throws: ChartError.self) { try ChartBuilder(zone: .utc).build(.timeline(time: 0, step: 1_000_000, by: nil), from: frame) }
    }

    @Test func barsKeepAThousandForDrawingAndEveryRowInTheTable() throws {
        let frame = Frame([("k", Column(.int((0..<1_500).map { Int64($0) }))), ("v", Column(.int((0..<1_500).map { Int64($0) })))])
        let chart = try ChartBuilder(zone: .utc).build(.bar(x: 0, y: 1), from: frame)
        guard case .bars(let bars) = chart.body else { Issue.record("not bars"); return }
        #expect(bars.count == 1_000)
        #expect(chart.totalBars == 1_500)
        #expect(chart.table.rowCount == 1_500)
        #expect(chart.title == "bar chart of v by k: 1,500 rows")
        let text = ChartRenderer(width: 40, maxBars: 2).render(chart)
        #expect(text.hasSuffix("(1,500 bars, first 2 shown: sort or top N to choose them, set display.rows for more)\n"))
        #expect(ChartSVG().render(chart).contains("(first 1,000 of 1,500 bars drawn; sort or top N to choose them)"))
    }

    @Test func histogramOfIntsHasWholeBins() throws {
        let values: [Value] = (0..<10).map { .int(Int64($0)) } + [.null]
        let frame = Frame([("v", Column.from(.int, values))])
        let chart = try ChartBuilder(zone: .utc).build(.histogram(value: 0, bins: 5), from: frame)
        guard case .columns(let c) = chart.body else { Issue.record("not columns"); return }
        #expect(c.series[0].counts == [2, 2, 2, 2, 2])
        #expect(c.slotLabels == ["0–1", "2–3", "4–5", "6–7", "8–9"])
        #expect(chart.title == "histogram of v in 5 bins: 10 rows")
        #expect(chart.notes == ["1 row with a null v not charted"])
        // The table: low, high, count, and a row without bounds for the nulls.
        #expect(chart.table.names == ["low", "high", "count"])
        #expect(chart.table.rowCount == 6)
        #expect(chart.table.columns[0].isValid(5) == false)
        #expect(chart.table.columns[2].value(at: 5) == .int(1))
        // Sturges: ⌈log₂ 10⌉ + 1 = 5 bins by default.
        #expect(ChartBuilder.sturges(10) == 5)
        #expect(ChartBuilder.sturges(1) == 1)
        #expect(ChartBuilder.sturges(1_000_000_000) == 31)
    }

    @Test func histogramOfFloatsAndOneValue() throws {
        let frame = Frame([("f", Column.from(.float, [.float(0), .float(1), .float(2.5), .float(4), .float(.nan)]))])
        let chart = try ChartBuilder(zone: .utc).build(.histogram(value: 0, bins: 2), from: frame)
        guard case .columns(let c) = chart.body else { Issue.record("not columns"); return }
        #expect(c.series[0].counts == [2, 2])
        #expect(c.slotLabels == ["0–2", "2–4"])
        #expect(chart.notes == ["1 row with a null or non-finite f not charted"])
        let same = Frame([("v", Column.from(.int, [.int(7), .int(7)]))])
        let one = try ChartBuilder(zone: .utc).build(.histogram(value: 0, bins: nil), from: same)
        guard case .columns(let o) = one.body else { Issue.record("not columns"); return }
        #expect(o.series[0].counts == [2])
    }

    @Test func durationText() {
        #expect(ChartBuilder.durationText(3_600_000_000) == "1h")
        #expect(ChartBuilder.durationText(900_000_000) == "15m")
        #expect(ChartBuilder.durationText(86_400_000_000) == "1d")
        #expect(ChartBuilder.durationText(90_000_000) == "90s")
        #expect(ChartBuilder.durationText(1_500) == "1500us")
    }
}

/// Random data through the builder and the renderer: nothing traps, every
/// non-null row is counted once, and drawings stay within the width.
@Suite struct ChartRandomTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: 0..<40)
    func randomCharts(seed: Int) throws {
        var g = Generator(state: UInt64(seed) &* 7919 &+ 1)
        let rows = Int.random(in: 0...300, using: &g)
        let spread = [Int64(3), 1_000, 1 << 40, Int64.max / 4][Int.random(in: 0..<4, using: &g)]
        var ints: [Value] = [], floats: [Value] = [], times: [Value] = [], keys: [Value] = []
        for _ in 0..<rows {
            let null = Int.random(in: 0..<10, using: &g) == 0
            ints.append(null ? .null : .int(Int64.random(in: -spread...spread, using: &g)))
            floats.append(null ? .null : .float(Double.random(in: -1e6...1e6, using: &g)))
            times.append(null ? .null : .timestamp(1_759_622_400_000_000 + Int64.random(in: 0...(3 * 86_400_000_000), using: &g)))
            keys.append(Int.random(in: 0..<8, using: &g) == 0 ? .null : .string("k\(Int.random(in: 0..<12, using: &g))"))
        }
        let frame = Frame([("i", Column.from(.int, ints)), ("f", Column.from(.float, floats)),
                           ("t", Column.from(.timestamp, times)), ("k", Column.from(.string, keys))])
        let nonNull = ints.filter { $0 != .null }.count
        let zone = try #require(Zone("+05:30"))
        let builder = ChartBuilder(zone: zone)
        let width = Int.random(in: 20...160, using: &g)
        let steps: [Int64] = [60_000_000, 3_600_000_000, 86_400_000_000]
        let step = steps[Int.random(in: 0..<3, using: &g)]
        let bins = Int.random(in: 1...200, using: &g)
        var plans: [ChartPlan] = [.bar(x: 3, y: 0), .bar(x: 2, y: 1)]
        plans += [.timeline(time: 2, step: step, by: nil), .timeline(time: 2, step: 3_600_000_000, by: 3)]
        plans += [.histogram(value: 0, bins: bins), .histogram(value: 1, bins: nil), .histogram(value: 0, bins: nil)]
        for plan in plans {
            let chart = try builder.build(plan, from: frame)
            let text = ChartRenderer(width: width).render(chart)
            #expect(text.hasPrefix(chart.title + "\n"))
            switch chart.body {
            case .columns(let c):
                let total = c.series.reduce(Int64(0)) { $0 + $1.counts.reduce(0, +) }
                #expect(total == Int64(nonNull), "\(plan)")
                // Drawn lines (all but the title, the x labels and notes) fit the width.
                for line in text.split(separator: "\n") where line.contains("│") || line.contains("┤") || line.contains("└") {
                    #expect(line.count <= width, "\(plan) at \(width): \(line)")
                }
            case .bars(let bars):
                #expect(bars.count == rows)
                let labelWidth = min(bars.map { $0.label.count }.max() ?? 1, max(8, width / 3))
                let valueWidth = bars.map { $0.text.count }.max() ?? 1
                for line in text.split(separator: "\n").dropFirst() where line.contains("│") {
                    #expect(line.count <= max(width, labelWidth + valueWidth + 11), "\(plan) at \(width): \(line)")
                }
            }
            _ = ChartSVG().render(chart)
        }
    }
}
