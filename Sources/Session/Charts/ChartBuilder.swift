import Foundation
import Frames
import Language

/// Computes a chart's numbers from a pipeline's result: bars as they are,
/// timeline counts per bucket, histogram counts per bin.
public struct ChartBuilder: Sendable {
    /// Formats labels and values as tables do (grouped ints, timestamps in the session zone).
    public var formatter: ValueFormatter

    /// Series drawn by `by=` at most; past that the smallest are summed as `other`.
    public static let maximumSeries = 8
    /// Buckets a timeline may have at most.
    public static let maximumBuckets = 100_000
    /// Bars kept for drawing (the table keeps every row): more cannot be read in a terminal or a page.
    public static let maximumBars = 1_000
    /// The most bins Sturges' rule picks.
    public static let maximumDefaultBins = 40

    public init(zone: Zone) {
        formatter = ValueFormatter(zone: zone, groupDigits: true)
    }

    /// The chart of `frame` (the result of the pipeline the plan's `chart` ends).
    public func build(_ chart: ChartPlan, from frame: Frame) throws(ChartError) -> ChartData {
        switch chart {
        case .bar(let x, let y): return bars(frame, x: x, y: y)
        case .timeline(let time, let step, let by): return try timeline(frame, time: time, step: step, by: by)
        case .histogram(let value, let bins): return histogram(frame, value: value, bins: bins)
        }
    }

    // MARK: - Bars

    func bars(_ frame: Frame, x: Int, y: Int) -> ChartData {
        let labels = frame.columns[x], values = frame.columns[y]
        var bars: [ChartData.Bar] = []
        let drawn = min(frame.rowCount, Self.maximumBars)
        bars.reserveCapacity(drawn)
        for r in 0..<drawn {
            let label = formatter.text(labels, r).map(Self.firstLine) ?? "null"
            var value: Double?
            if values.isValid(r) {
                switch values.values {
                case .int(let a): value = Double(a[r])
                case .float(let a): value = a[r].isFinite ? a[r] : nil
                default: break
                }
            }
            bars.append(ChartData.Bar(label: label, value: value, text: formatter.text(values, r) ?? "null"))
        }
        let title = "bar chart of \(frame.fields[y].name) by \(frame.fields[x].name): \(rows(frame.rowCount))"
        let table = frame.projecting([x, y])
        return ChartData(title: title, body: .bars(bars), table: table, totalBars: frame.rowCount)
    }

    // MARK: - Timeline

    func timeline(_ frame: Frame, time: Int, step: Int64, by: Int?) throws(ChartError) -> ChartData {
        let times = frame.columns[time]
        guard case .timestamp(let instants) = times.values else {
            return ChartData(title: "", body: .bars([]), table: frame)
        }
        let zone = formatter.zone
        // Bucket index of each row, from local time so that buckets start at local midnight, hours, ...
        var first = Int64.max, last = Int64.min
        var bucketOf = [Int64](repeating: 0, count: frame.rowCount)
        var nulls = 0
        for r in 0..<frame.rowCount {
            guard times.isValid(r) else { nulls += 1; continue }
            let b = TimeFormat.floorDiv(zone.localMicros(fromInstant: instants[r]), step)
            bucketOf[r] = b
            first = min(first, b)
            last = max(last, b)
        }
        let stepText = Self.durationText(step)
        let count: Int64
        if first > last {
            count = 0
        } else {
            let (span, overflow) = last.subtractingReportingOverflow(first)
            if overflow || span >= Int64(Self.maximumBuckets) {
                throw .tooManyBuckets(count: overflow ? Int64.max : span + 1, step: stepText, limit: Self.maximumBuckets)
            }
            count = span + 1
        }
        let n = Int(count)
        let starts = (0..<n).map { zone.instant(fromLocalMicros: (first + Int64($0)) * step) }
        // Series: the values of `by`, largest first; past the limit the rest become `other`.
        var series: [ChartData.Series]
        var seriesOf: [Int] = []
        if let by {
            let keys = frame.columns[by]
            var ids: [Value: Int] = [:]
            var names: [String] = []
            var totals: [Int64] = []
            var idOf = [Int](repeating: -1, count: frame.rowCount)
            for r in 0..<frame.rowCount where times.isValid(r) {
                let v = keys.value(at: r)
                let id: Int
                if let known = ids[v] {
                    id = known
                } else {
                    id = names.count
                    ids[v] = id
                    names.append(formatter.text(keys, r).map(Self.firstLine) ?? "null")
                    totals.append(0)
                }
                totals[id] += 1
                idOf[r] = id
            }
            var order = Array(names.indices).sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : names[$0] < names[$1] }
            var slot = [Int](repeating: 0, count: names.count)
            series = []
            if order.count > Self.maximumSeries {
                let rest = order[(Self.maximumSeries - 1)...]
                order = Array(order[..<(Self.maximumSeries - 1)])
                for id in rest { slot[id] = Self.maximumSeries - 1 }
            }
            for (i, id) in order.enumerated() {
                slot[id] = i
                series.append(ChartData.Series(name: names[id], counts: [Int64](repeating: 0, count: n)))
            }
            if names.count > Self.maximumSeries {
                series.append(ChartData.Series(name: "other", counts: [Int64](repeating: 0, count: n)))
            }
            seriesOf = idOf.map { $0 < 0 ? -1 : slot[$0] }
        } else {
            series = [ChartData.Series(name: "count", counts: [Int64](repeating: 0, count: n))]
        }
        for r in 0..<frame.rowCount where times.isValid(r) {
            let s = by == nil ? 0 : seriesOf[r]
            series[s].counts[Int(bucketOf[r] - first)] += 1
        }
        let labels = starts.map { TimeFormat.display(micros: $0, zone: zone) }
        let charted = frame.rowCount - nulls
        var title = "timeline of \(frame.fields[time].name), rows per \(stepText)"
        if let by { title += " by \(frame.fields[by].name)" }
        title += ": \(rows(charted)) in \(ValueFormatter.grouped(count)) bucket\(count == 1 ? "" : "s")"
        if by != nil { title += ", \(series.count) series" }
        var notes: [String] = []
        if nulls > 0 { notes.append("\(rows(nulls)) with a null \(frame.fields[time].name) not charted") }
        // The table: bucket start, [series], count — one row per bucket (and series), zeros included.
        var bucketColumn: [Int64] = []
        var seriesColumn: [Value] = []
        var countColumn: [Int64] = []
        for b in 0..<n {
            for s in series {
                bucketColumn.append(starts[b])
                if by != nil { seriesColumn.append(.string(s.name)) }
                countColumn.append(s.counts[b])
            }
        }
        var pairs: [(String, Column)] = [(frame.fields[time].name, Column(.timestamp(bucketColumn)))]
        if let by { pairs.append((frame.fields[by].name, Column.from(.string, seriesColumn))) }
        pairs.append(("count", Column(.int(countColumn))))
        let columns = ChartData.Columns(slotLabels: labels, startLabel: labels.first ?? "", endLabel: labels.last ?? "", series: series, slotNoun: "bucket")
        return ChartData(title: title, body: .columns(columns), notes: notes, table: Frame(pairs))
    }

    // MARK: - Histogram

    func histogram(_ frame: Frame, value: Int, bins requested: Int?) -> ChartData {
        let column = frame.columns[value]
        var ints: [Int64] = []
        var floats: [Double] = []
        var skipped = 0
        switch column.values {
        case .int(let a):
            for r in 0..<frame.rowCount { if column.isValid(r) { ints.append(a[r]) } else { skipped += 1 } }
        case .float(let a):
            for r in 0..<frame.rowCount { if column.isValid(r), a[r].isFinite { floats.append(a[r]) } else { skipped += 1 } }
        default:
            break
        }
        let n = max(ints.count, floats.count)
        let bins = requested ?? min(Self.maximumDefaultBins, Self.sturges(n))
        let name = frame.fields[value].name
        var lows: [Value] = [], highs: [Value] = []
        var counts: [Int64] = []
        var labels: [String] = []
        var startLabel = "", endLabel = ""
        var wholeBins = false
        if let lo = ints.min(), let hi = ints.max(), case (let range, false) = hi.subtractingReportingOverflow(lo), range < Int64.max / 2 {
            // Whole-number bins of equal width covering lo...hi.
            wholeBins = true
            let width = max(1, (range + Int64(bins)) / Int64(bins))
            let count = Int(range / width) + 1
            counts = [Int64](repeating: 0, count: count)
            for v in ints { counts[Int((v - lo) / width)] += 1 }
            for i in 0..<count {
                let a = lo + Int64(i) * width
                let b = i == count - 1 ? hi : a + width - 1
                lows.append(.int(a))
                highs.append(.int(b))
                labels.append(ValueFormatter.grouped(a) + "–" + ValueFormatter.grouped(b))
            }
            startLabel = ValueFormatter.grouped(lo)
            endLabel = ValueFormatter.grouped(hi)
        } else if !ints.isEmpty || !floats.isEmpty {
            let values = floats.isEmpty ? ints.map(Double.init) : floats
            let lo = values.min() ?? 0, hi = values.max() ?? 0
            let count = hi > lo ? bins : 1
            let width = (hi - lo) / Double(count)
            counts = [Int64](repeating: 0, count: count)
            for v in values {
                let i = width > 0 ? Int((v - lo) / width) : 0
                counts[min(max(i, 0), count - 1)] += 1
            }
            for i in 0..<count {
                let a = lo + Double(i) * width
                let b = i == count - 1 ? hi : lo + Double(i + 1) * width
                lows.append(.float(a))
                highs.append(.float(b))
                labels.append(formatter.formatFloat(a) + "–" + formatter.formatFloat(b))
            }
            startLabel = formatter.formatFloat(lo)
            endLabel = formatter.formatFloat(hi)
        }
        let type: DataType = wholeBins || (column.type == .int && n == 0) ? .int : .float
        let title = "histogram of \(name) in \(counts.count) bin\(counts.count == 1 ? "" : "s"): \(rows(n))"
        var notes: [String] = []
        if skipped > 0 {
            let what = column.type == .float ? "null or non-finite" : "null"
            notes.append("\(rows(skipped)) with a \(what) \(name) not charted")
            // The table carries them as a row without bounds.
            lows.append(.null)
            highs.append(.null)
            counts.append(Int64(skipped))
        }
        let table = Frame([("low", Column.from(type, lows)), ("high", Column.from(type, highs)), ("count", Column(.int(counts)))])
        let drawn = Array(counts.prefix(labels.count))
        let columns = ChartData.Columns(slotLabels: labels, startLabel: startLabel, endLabel: endLabel, series: [ChartData.Series(name: "count", counts: drawn)], slotNoun: "bin")
        return ChartData(title: title, body: .columns(columns), notes: notes, table: table)
    }

    /// Sturges' rule: ⌈log₂ n⌉ + 1 bins (1 for no data).
    static func sturges(_ n: Int) -> Int {
        guard n > 1 else { return 1 }
        return Int(ceil(log2(Double(n)))) + 1
    }

    // MARK: - Text

    /// `1h`, `15m`, `1d`, `90s`, `250ms`: a duration as it would be written in a script.
    public static func durationText(_ micros: Int64) -> String {
        let units: [(Int64, String)] = [(604_800_000_000, "w"), (86_400_000_000, "d"), (3_600_000_000, "h"), (60_000_000, "m"), (1_000_000, "s"), (1_000, "ms")]
        for (size, unit) in units where micros % size == 0 { return "\(micros / size)\(unit)" }
        return "\(micros)us"
    }

    func rows(_ n: Int) -> String {
        "\(ValueFormatter.grouped(Int64(n))) row\(n == 1 ? "" : "s")"
    }

    static func firstLine(_ s: String) -> String {
        if let nl = s.firstIndex(where: { $0 == "\n" || $0 == "\r" }) { return String(s[..<nl]) + "…" }
        return s
    }
}
