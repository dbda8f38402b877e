import Audit
import Foundation
import Frames
import Language

/// The work of a `save`, with everything it needs as values: the bound
/// pipeline, the frames as they were when the statement was issued, the
/// target and the write options. Runs on any thread.
struct SaveRequest: Sendable {
    var plan: Plan
    var pipeline: Pipeline
    /// The frames the pipeline reads, as they were when the statement was issued.
    var frames: Catalog
    var zone: Zone
    var path: String
    var write: WriteOptions
    /// Write the chart the pipeline ends in as SVG.
    var svg: Bool
    /// Write identifier columns so that spreadsheets keep them as text.
    var textIDs: Bool
    /// The fingerprint the saved frame already has, if it is saved as it is.
    var knownFingerprint: String?
    /// The statement, session and evidence; fingerprint and size are filled in here.
    var provenance: ExportProvenance

    /// What a save did, for the session to record.
    struct Output: Sendable {
        /// The frame written (a chart's data table for SVG).
        var result: Frame
        var fingerprint: String
        /// The files written, with their SHA-256.
        var evidence: [Evidence]
        /// `saved 3 rows to out.csv (120 B)`.
        var message: String
    }

    /// Evaluates the pipeline and writes the file (and its sidecar); a
    /// cancelled write leaves neither the target nor a temporary file.
    func run(_ control: JobControl) throws(StatementError) -> Output {
        let (result, chart) = try Session.runPlan(plan, pipeline: pipeline, frames: frames, zone: zone, flag: control.flag)
        var write = self.write
        write.isCancelled = { control.isCancelled }
        write.progress = { control.report(done: $0, total: 0) }
        if svg, let chart { return try saveSVG(chart, write: write) }
        let frame = chart?.table ?? result
        let fingerprint = knownFingerprint ?? FrameFingerprint.of(frame)
        if textIDs { write.textColumns = Set(frame.names.filter(HeaderNames.isIdentifierColumn)) }
        let provenance = filled(frame, fingerprint: fingerprint)
        let format = FrameWriter.format(for: path, options: write)
        if format.isTyped { write.metadata = provenance.metadata }
        let sidecar = ExportProvenance.sidecarPath(path)
        if !format.isTyped, !write.overwrite {
            // The data file is reported first; a stray sidecar alone is refused too.
            if FileManager.default.fileExists(atPath: path) { throw .write(.exists(path: path)) }
            if FileManager.default.fileExists(atPath: sidecar) { throw .write(.exists(path: sidecar)) }
        }
        let digest = RunningDigest()
        write.contentObserver = { digest.update($0) }
        let outcome: FrameWriter.Outcome
        do {
            outcome = try FrameWriter.writeReporting(frame, to: path, options: write)
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .write(error)
        }
        var evidence = [FileEvidence.describe(path: path, role: .written, sha256: digest.hex)].compactMap { $0 }
        if !format.isTyped {
            do {
                _ = try FrameWriter.writeBytes(provenance.sidecar(file: path, escaped: write.neutralizeFormulas && (format == .csv || format == .tsv)), to: sidecar, overwrite: write.overwrite)
            } catch {
                throw .write(error)
            }
            if let e = FileEvidence.describe(path: sidecar, role: .written) { evidence.append(e) }
        }
        var message = "saved \(ValueFormatter.grouped(Int64(frame.rowCount))) rows to \(path) (\(ByteCount.text(outcome.bytes)))"
        if outcome.neutralizedCells > 0 {
            message += "; \(ValueFormatter.grouped(Int64(outcome.neutralizedCells))) formula-like cells prefixed with ' for spreadsheets (raw=true keeps them)"
        }
        return Output(result: frame, fingerprint: fingerprint, evidence: evidence, message: message)
    }

    /// Writes a chart as a self-contained SVG file with `PATH.provenance.json`
    /// beside it (the fingerprint is that of the chart's data table).
    private func saveSVG(_ chart: ChartData, write: WriteOptions) throws(StatementError) -> Output {
        let fingerprint = FrameFingerprint.of(chart.table)
        let provenance = filled(chart.table, fingerprint: fingerprint)
        let sidecar = ExportProvenance.sidecarPath(path)
        if !write.overwrite {
            if FileManager.default.fileExists(atPath: path) { throw .write(.exists(path: path)) }
            if FileManager.default.fileExists(atPath: sidecar) { throw .write(.exists(path: sidecar)) }
        }
        if write.isCancelled?() == true { throw .cancelled }
        var evidence: [Evidence] = []
        let bytes: Int64
        do {
            bytes = try FrameWriter.writeBytes(Array(ChartSVG().render(chart).utf8), to: path, overwrite: write.overwrite)
            if let e = FileEvidence.describe(path: path, role: .written) { evidence.append(e) }
            _ = try FrameWriter.writeBytes(provenance.sidecar(file: path, escaped: false), to: sidecar, overwrite: write.overwrite)
            if let e = FileEvidence.describe(path: sidecar, role: .written) { evidence.append(e) }
        } catch {
            throw .write(error)
        }
        return Output(result: chart.table, fingerprint: fingerprint, evidence: evidence,
                      message: "saved chart to \(path) (\(ByteCount.text(bytes)))")
    }

    private func filled(_ frame: Frame, fingerprint: String) -> ExportProvenance {
        var p = provenance
        p.fingerprint = fingerprint
        p.rows = frame.rowCount
        p.columns = frame.columns.count
        return p
    }
}
