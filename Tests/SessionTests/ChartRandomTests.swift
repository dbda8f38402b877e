import Frames
import Language
import Testing
@testable import Session

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
