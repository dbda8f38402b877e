/// Writes a chart as a self-contained SVG document: no external fonts,
/// styles or scripts (generic `sans-serif` only), every text escaped. Bars
/// carry their label and value; columns carry each bucket's or bin's label
/// and count as a `<title>` (shown on hover).
public struct ChartSVG: Sendable {
    /// The drawing width in pixels.
    public var width = 800

    static let font = #"font-family="sans-serif" font-size="12""#
    static let barColor = "#4477aa"
    static let negativeColor = "#cc6677"
    static let axisColor = "#333333"

    public init() {}

    /// The SVG text: an XML declaration and `element(chart)`.
    public func render(_ chart: ChartData) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + element(chart)
    }

    /// The `<svg>` element alone, for embedding in an HTML page.
    public func element(_ chart: ChartData) -> String {
        var body: [String] = []
        var height: Int
        switch chart.body {
        case .bars(let bars):
            height = self.bars(bars, into: &body)
            if chart.totalBars > bars.count {
                height += 18
                body.append(#"<text x="10" y="\#(height)" \#(Self.font) fill="\#(Self.axisColor)">(first \#(ValueFormatter.grouped(Int64(bars.count))) of \#(ValueFormatter.grouped(Int64(chart.totalBars))) bars drawn; sort or top N to choose them)</text>"#)
            }
        case .columns(let columns):
            height = columns.series.count <= 1 ? self.columns(columns, into: &body) : strips(columns, into: &body)
        }
        var y = height
        for note in chart.notes {
            y += 18
            body.append(#"<text x="10" y="\#(y)" \#(Self.font) fill="\#(Self.axisColor)">(\#(HTMLText.escape(note)))</text>"#)
        }
        height = y + 12
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)" viewBox="0 0 \#(width) \#(height)">"# + "\n"
        out += "<title>\(HTMLText.escape(chart.title))</title>\n"
        out += ##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff"/>"## + "\n"
        out += #"<text x="10" y="22" font-family="sans-serif" font-size="15" font-weight="bold">\#(HTMLText.escape(chart.title))</text>"# + "\n"
        out += body.joined(separator: "\n") + "\n</svg>\n"
        return out
    }

    // MARK: - Bars

    private func bars(_ bars: [ChartData.Bar], into body: inout [String]) -> Int {
        let top = 40, rowHeight = 22
        // Room for the longest label (an IPv6 address needs about 280 pixels), up to half the width.
        let longest = bars.map { $0.label.count }.max() ?? 0
        let labelRight = min(max(200, 10 + longest * 7), width / 2), area = width - labelRight - 140
        let values = bars.compactMap(\.value)
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 0, 0)
        let spread = high - low
        let zero = Double(labelRight + 10) + (spread > 0 ? Double(area) * -low / spread : 0)
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            body.append(#"<text x="\#(labelRight)" y="\#(y + 15)" \#(Self.font) text-anchor="end">\#(HTMLText.escape(bar.label))</text>"#)
            var end = zero
            if let v = bar.value, spread > 0, v != 0 {
                let length = abs(v) / spread * Double(area)
                let x = v > 0 ? zero : zero - length
                end = v > 0 ? zero + length : zero
                body.append(#"<rect x="\#(Self.number(x))" y="\#(y + 3)" width="\#(Self.number(length))" height="\#(rowHeight - 6)" fill="\#(v > 0 ? Self.barColor : Self.negativeColor)"><title>\#(HTMLText.escape(bar.label)): \#(HTMLText.escape(bar.text))</title></rect>"#)
            }
            body.append(#"<text x="\#(Self.number(end + 6))" y="\#(y + 15)" \#(Self.font)>\#(HTMLText.escape(bar.text))</text>"#)
        }
        let bottom = top + max(bars.count, 1) * rowHeight
        body.append(#"<line x1="\#(Self.number(zero))" y1="\#(top)" x2="\#(Self.number(zero))" y2="\#(bottom)" stroke="\#(Self.axisColor)"/>"#)
        if bars.isEmpty { body.append(#"<text x="10" y="\#(top + 15)" \#(Self.font)>(no rows to chart)</text>"#) }
        return bottom + 10
    }

    // MARK: - Columns

    private func columns(_ chart: ChartData.Columns, into body: inout [String]) -> Int {
        let counts = chart.series.first?.counts ?? []
        let left = 90, right = width - 20, top = 40, plotHeight = 240
        let bottom = top + plotHeight
        let peak = counts.max() ?? 0
        let slot = Double(right - left) / Double(max(counts.count, 1))
        for (i, c) in counts.enumerated() where c > 0 && peak > 0 {
            let h = Double(c) / Double(peak) * Double(plotHeight)
            let label = i < chart.slotLabels.count ? chart.slotLabels[i] : ""
            body.append(#"<rect x="\#(Self.number(Double(left) + Double(i) * slot))" y="\#(Self.number(Double(bottom) - h))" width="\#(Self.number(max(slot - (slot >= 4 ? 1 : 0), 0.5)))" height="\#(Self.number(h))" fill="\#(Self.barColor)"><title>\#(HTMLText.escape(label)): \#(ValueFormatter.grouped(c))</title></rect>"#)
        }
        axes(left: left, right: right, top: top, bottom: bottom, peak: peak, into: &body)
        xLabels(chart, left: left, right: right, y: bottom + 18, into: &body)
        if counts.isEmpty { body.append(#"<text x="\#(left + 10)" y="\#(top + 20)" \#(Self.font)>(no rows to chart)</text>"#) }
        return bottom + 30
    }

    private func strips(_ chart: ChartData.Columns, into body: inout [String]) -> Int {
        let left = 170, right = width - 20, top = 40, stripHeight = 36
        let peak = chart.series.flatMap(\.counts).max() ?? 0
        let slots = chart.series.first?.counts.count ?? 0
        let slot = Double(right - left) / Double(max(slots, 1))
        for (s, series) in chart.series.enumerated() {
            let base = top + (s + 1) * stripHeight
            body.append(#"<text x="\#(left - 8)" y="\#(base - 4)" \#(Self.font) text-anchor="end">\#(HTMLText.escape(series.name))</text>"#)
            for (i, c) in series.counts.enumerated() where c > 0 && peak > 0 {
                let h = Double(c) / Double(peak) * Double(stripHeight - 4)
                let label = i < chart.slotLabels.count ? chart.slotLabels[i] : ""
                body.append(#"<rect x="\#(Self.number(Double(left) + Double(i) * slot))" y="\#(Self.number(Double(base) - h))" width="\#(Self.number(max(slot - (slot >= 4 ? 1 : 0), 0.5)))" height="\#(Self.number(h))" fill="\#(Self.barColor)"><title>\#(HTMLText.escape(series.name)), \#(HTMLText.escape(label)): \#(ValueFormatter.grouped(c))</title></rect>"#)
            }
            body.append(##"<line x1="\##(left)" y1="\##(base)" x2="\##(right)" y2="\##(base)" stroke="#bbbbbb"/>"##)
        }
        let bottom = top + chart.series.count * stripHeight
        body.append(#"<line x1="\#(left)" y1="\#(top)" x2="\#(left)" y2="\#(bottom)" stroke="\#(Self.axisColor)"/>"#)
        xLabels(chart, left: left, right: right, y: bottom + 18, into: &body)
        body.append(#"<text x="10" y="\#(bottom + 40)" \#(Self.font) fill="\#(Self.axisColor)">tallest bar: \#(ValueFormatter.grouped(peak)) rows</text>"#)
        return bottom + 46
    }

    private func axes(left: Int, right: Int, top: Int, bottom: Int, peak: Int64, into body: inout [String]) {
        body.append(#"<line x1="\#(left)" y1="\#(top)" x2="\#(left)" y2="\#(bottom)" stroke="\#(Self.axisColor)"/>"#)
        body.append(#"<line x1="\#(left)" y1="\#(bottom)" x2="\#(right)" y2="\#(bottom)" stroke="\#(Self.axisColor)"/>"#)
        body.append(#"<text x="\#(left - 6)" y="\#(top + 4)" \#(Self.font) text-anchor="end">\#(ValueFormatter.grouped(peak))</text>"#)
        body.append(#"<text x="\#(left - 6)" y="\#(bottom + 4)" \#(Self.font) text-anchor="end">0</text>"#)
    }

    private func xLabels(_ chart: ChartData.Columns, left: Int, right: Int, y: Int, into body: inout [String]) {
        body.append(#"<text x="\#(left)" y="\#(y)" \#(Self.font)>\#(HTMLText.escape(chart.startLabel))</text>"#)
        if chart.endLabel != chart.startLabel {
            body.append(#"<text x="\#(right)" y="\#(y)" \#(Self.font) text-anchor="end">\#(HTMLText.escape(chart.endLabel))</text>"#)
        }
    }

    // MARK: - Numbers

    /// A coordinate with at most two decimals.
    static func number(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == r.rounded() { return String(Int(r)) }
        return String(r)
    }
}
