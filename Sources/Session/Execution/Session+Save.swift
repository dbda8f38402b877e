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
        try runHere(prepareSave(source, path: path, options: options))
    }

    /// Checks the options and binds the source; the work evaluates it over
    /// the frames as they are now and writes the file (`SaveRequest`).
    func prepareSave(_ source: Pipeline, path: Located<String>, options: [Option]) throws(StatementError) -> PreparedStatement<SaveRequest.Output> {
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
        let plan = try bind(source)
        if svg, plan.chart == nil {
            throw .diagnostic(.error("only a chart can be saved as SVG", span: source.span,
                                     hint: "end the pipeline with '| chart bar …', '| chart timeline …' or '| chart histogram …' (help chart)"))
        }
        // A frame saved as it is keeps the fingerprint its own statement recorded.
        let known = source.stages.isEmpty ? catalog.entry(source.source.name)?.fingerprint : nil
        let format = FrameWriter.format(for: path.value, options: write)
        if let compression {
            guard format == .parquet, !svg else {
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
        let request = SaveRequest(plan: plan, pipeline: source, frames: catalog, zone: settings.tz, path: path.value,
                                  write: write, svg: svg, textIDs: textIDs, knownFingerprint: known,
                                  provenance: exportProvenance())
        return PreparedStatement(work: { control throws(StatementError) in try request.run(control) }, finish: { output, announce in
            self.noteResult(output.result, name: nil, fingerprint: output.fingerprint)
            for e in output.evidence { self.noteEvidence(e) }
            announce(output.message)
        })
    }

    /// Runs a prepared statement here and now, printing its message.
    func runHere<Output: Sendable>(_ prepared: PreparedStatement<Output>) throws(StatementError) {
        let control = JobControl(flag: cancellation, forward: loadProgress)
        try prepared.finish(try prepared.work(control)) { note($0) }
    }

    /// The provenance of a result the running statement saves, without the
    /// result's fingerprint and size (the save fills them in).
    func exportProvenance() -> ExportProvenance {
        ExportProvenance(statement: auditFrames.last?.command ?? "",
                         session: audit?.session ?? "unrecorded",
                         evidence: loadedDigests.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                         fingerprint: "", rows: 0, columns: 0)
    }
}
