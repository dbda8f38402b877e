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
