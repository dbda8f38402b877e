import Foundation
import Frames
import Language

extension Session {
    /// The width charts are drawn to: the terminal's in the shell, else `COLUMNS`, else 80.
    var chartWidth: Int {
        if let width = displayWidth?() { return width }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 80
    }

    /// Binds and runs a pipeline; when it ends in `chart`, also computes the chart from its result.
    func evaluateCharted(_ pipeline: Pipeline) throws(StatementError) -> (frame: Frame, chart: ChartData?) {
        try Self.runPlan(try bind(pipeline), pipeline: pipeline, frames: catalog, zone: settings.tz, flag: cancellation)
    }

    /// Prints a chart: drawn in table output, its data table in csv/json output.
    func emitChart(_ chart: ChartData) {
        switch outputFormat {
        case .table:
            output.standard(ChartRenderer(width: chartWidth, maxBars: settings.displayRows).render(chart))
        case .csv, .json:
            emit(chart.table)
        }
    }
}
