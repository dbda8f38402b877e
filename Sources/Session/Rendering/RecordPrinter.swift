import Frames

/// Machine-readable result output for `--output csv` and `--output json`
/// (one JSON object per line): the same encoding `save` writes to files —
/// plain numbers, ISO 8601 timestamps in the session zone, every row.
public struct RecordPrinter: Sendable {
    public enum Style: Sendable { case csv, json }

    public var style: Style
    public var zone: Zone

    /// Rows encoded per piece handed to the output.
    static let batchRows = 8192

    public init(style: Style, zone: Zone) {
        self.style = style
        self.zone = zone
    }

    /// Writes the frame in batches, so large results never sit in memory as one string.
    public func write(_ frame: Frame, to sink: any OutputSink) {
        if frame.rowCount == 0 {
            sink.standard(render(frame))
            return
        }
        var start = 0
        while start < frame.rowCount {
            let end = min(frame.rowCount, start + Self.batchRows)
            sink.standard(render(Selection.slice(frame, start..<end), header: start == 0))
            start = end
        }
    }

    /// The whole frame as text (a header line for CSV; one JSON object per row).
    public func render(_ frame: Frame) -> String {
        render(frame, header: true)
    }

    private func render(_ frame: Frame, header: Bool) -> String {
        let format: FileFormat = style == .csv ? .csv : .ndjson
        let bytes = FrameWriter.encode(frame, format: format, options: WriteOptions(zone: zone, header: header))
        return String(decoding: bytes, as: UTF8.self)
    }
}
