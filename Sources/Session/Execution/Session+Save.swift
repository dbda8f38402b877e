import Audit
import Foundation
import Frames
import Language

extension Session {
    /// `save NAME-or-PIPELINE to PATH [with K=V, ...]`.
    ///
    /// Arrow and Parquet files carry the provenance in their key-value metadata; text exports
    /// get `PATH.provenance.json` beside them, written atomically after the
    /// file and recorded as evidence too. CSV/TSV string cells that would run
    /// as a formula are neutralised unless `raw=true`.
    func save(_ source: Pipeline, path: Located<String>, options: [Option]) throws(StatementError) {
        var write = WriteOptions(zone: settings.tz)
        write.neutralizeFormulas = true
        var textIDs = false
        var compression: OptionValue?
        var svg = path.value.lowercased().hasSuffix(".svg")
        for option in options {
            let key = option.name.name
            let value = option.value
            switch key {
            case "overwrite":
                write.overwrite = try bool(value, option: key)
            case "format":
                if value.text.lowercased() == "svg" {
                    svg = true
                    continue
                }
                svg = false
                let f = try fileFormat(value)
                guard f.isWritable else {
                    let writable = (FileFormat.allCases.filter(\.isWritable).map(\.rawValue) + ["svg (a chart)"]).joined(separator: ", ")
                    throw .diagnostic(.error("save cannot write \(f.rawValue) files", span: value.span, hint: "formats save writes: \(writable)"))
                }
                write.format = f
            case "header":
                write.header = try bool(value, option: key)
            case "delimiter":
                write.delimiter = try delimiter(value)
            case "raw":
                write.neutralizeFormulas = !(try bool(value, option: key))
            case "text_ids":
                textIDs = try bool(value, option: key)
            case "compression":
                compression = value
            default:
                let known = LanguageVocabulary.saveOptionNames
                throw .diagnostic(.error("unknown save option '\(key)'", span: option.name.span, hint: Suggest.closest(to: key, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        let (result, chart) = try evaluateCharted(source)
        if svg {
            guard let chart else {
                throw .diagnostic(.error("only a chart can be saved as SVG", span: source.span,
                                         hint: "end the pipeline with '| chart bar …', '| chart timeline …' or '| chart histogram …' (help chart)"))
            }
            try saveSVG(chart, path: path, overwrite: write.overwrite)
            return
        }
        let frame = chart?.table ?? result
        // A frame saved as it is keeps the fingerprint its own statement recorded.
        let known = source.stages.isEmpty ? catalog.entry(source.source.name)?.fingerprint : nil
        let fingerprint = known ?? FrameFingerprint.of(frame)
        noteResult(frame, name: nil, fingerprint: fingerprint)
        if textIDs { write.textColumns = Set(frame.names.filter(HeaderNames.isIdentifierColumn)) }
        let provenance = exportProvenance(frame, fingerprint: fingerprint)
        let format = FrameWriter.format(for: path.value, options: write)
        if let compression {
            guard format == .parquet else {
                throw .diagnostic(.error("compression= applies to Parquet files", span: compression.span,
                                         hint: "save to a .parquet file (or format=parquet), or leave compression= out"))
            }
            switch compression.text.lowercased() {
            case "zstd": write.compression = .zstd
            case "snappy": write.compression = .snappy
            case "none", "uncompressed": write.compression = nil
            default:
                throw .diagnostic(.error("unknown compression '\(compression.text)'", span: compression.span,
                                         hint: "compression=zstd (the default), snappy or none"))
            }
        }
        if format.isTyped { write.metadata = provenance.metadata }
        let sidecar = ExportProvenance.sidecarPath(path.value)
        if !format.isTyped, !write.overwrite {
            // The data file is reported first; a stray sidecar alone is refused too.
            if FileManager.default.fileExists(atPath: path.value) { throw .write(.exists(path: path.value)) }
            if FileManager.default.fileExists(atPath: sidecar) { throw .write(.exists(path: sidecar)) }
        }
        let digest = RunningDigest()
        write.contentObserver = { digest.update($0) }
        let outcome: FrameWriter.Outcome
        do {
            outcome = try FrameWriter.writeReporting(frame, to: path.value, options: write)
        } catch {
            throw .write(error)
        }
        noteEvidence(FileEvidence.describe(path: path.value, role: .written, sha256: digest.hex))
        if !format.isTyped {
            do {
                _ = try FrameWriter.writeBytes(provenance.sidecar(file: path.value, escaped: write.neutralizeFormulas && (format == .csv || format == .tsv)), to: sidecar, overwrite: write.overwrite)
            } catch {
                throw .write(error)
            }
            noteEvidence(FileEvidence.describe(path: sidecar, role: .written))
        }
        var message = "saved \(ValueFormatter.grouped(Int64(frame.rowCount))) rows to \(path.value) (\(ByteCount.text(outcome.bytes)))"
        if outcome.neutralizedCells > 0 {
            message += "; \(ValueFormatter.grouped(Int64(outcome.neutralizedCells))) formula-like cells prefixed with ' for spreadsheets (raw=true keeps them)"
        }
        note(message)
    }

    /// Writes a chart as a self-contained SVG file with `PATH.provenance.json`
    /// beside it (the fingerprint is that of the chart's data table).
    func saveSVG(_ chart: ChartData, path: Located<String>, overwrite: Bool) throws(StatementError) {
        let fingerprint = FrameFingerprint.of(chart.table)
        noteResult(chart.table, name: nil, fingerprint: fingerprint)
        let provenance = exportProvenance(chart.table, fingerprint: fingerprint)
        let sidecar = ExportProvenance.sidecarPath(path.value)
        if !overwrite {
            if FileManager.default.fileExists(atPath: path.value) { throw .write(.exists(path: path.value)) }
            if FileManager.default.fileExists(atPath: sidecar) { throw .write(.exists(path: sidecar)) }
        }
        let bytes: Int64
        do {
            bytes = try FrameWriter.writeBytes(Array(ChartSVG().render(chart).utf8), to: path.value, overwrite: overwrite)
            noteEvidence(FileEvidence.describe(path: path.value, role: .written))
            _ = try FrameWriter.writeBytes(provenance.sidecar(file: path.value, escaped: false), to: sidecar, overwrite: overwrite)
            noteEvidence(FileEvidence.describe(path: sidecar, role: .written))
        } catch {
            throw .write(error)
        }
        note("saved chart to \(path.value) (\(ByteCount.text(bytes)))")
    }

    /// The provenance of a result about to be saved by the running statement.
    func exportProvenance(_ frame: Frame, fingerprint: String) -> ExportProvenance {
        ExportProvenance(statement: auditFrames.last?.command ?? "",
                         session: audit?.session ?? "unrecorded",
                         evidence: loadedDigests.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                         fingerprint: fingerprint, rows: frame.rowCount, columns: frame.columns.count)
    }
}
