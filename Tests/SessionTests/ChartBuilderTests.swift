import Frames
import Language
import Testing
@testable import Session

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
