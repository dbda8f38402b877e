import Audit
import Foundation
import Frames
import Language

extension Session {
    /// `save NAME-or-PIPELINE to PATH [with K=V, ...]`.
    func save(_ source: Pipeline, path: Located<String>, options: [Option]) throws(StatementError) {
        var write = WriteOptions(zone: settings.tz)
        for option in options {
            let key = option.name.name
            let value = option.value
            switch key {
            case "overwrite":
                write.overwrite = try bool(value, option: key)
            case "format":
                write.format = try fileFormat(value)
            case "header":
                write.header = try bool(value, option: key)
            case "delimiter":
                write.delimiter = try delimiter(value)
            default:
                let known = LanguageVocabulary.saveOptionNames
                throw .diagnostic(.error("unknown save option '\(key)'", span: option.name.span, hint: Suggest.closest(to: key, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        let frame = try evaluate(source)
        noteResult(frame, name: nil)
        let bytes: Int64
        do {
            bytes = try FrameWriter.write(frame, to: path.value, options: write)
        } catch {
            throw .write(error)
        }
        noteEvidence(FileEvidence.describe(path: path.value, role: .written))
        note("saved \(ValueFormatter.grouped(Int64(frame.rowCount))) rows to \(path.value) (\(ByteCount.text(bytes)))")
    }
}
