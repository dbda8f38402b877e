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
                guard let f = FileFormat(rawValue: value.text.lowercased()) else {
                    throw .diagnostic(.error("unknown format '\(value.text)'", span: value.span, hint: "formats: csv, tsv, json, ndjson"))
                }
                write.format = f
            case "header":
                write.header = try bool(value, option: key)
            case "delimiter":
                let t = value.text == "\\t" || value.text.lowercased() == "tab" ? "\t" : value.text
                guard t.utf8.count == 1, let b = t.utf8.first else {
                    throw .diagnostic(.error("delimiter must be one character, got '\(value.text)'", span: value.span))
                }
                write.delimiter = b
            default:
                let known = LanguageVocabulary.saveOptionNames
                throw .diagnostic(.error("unknown save option '\(key)'", span: option.name.span, hint: Suggest.closest(to: key, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        let frame = try evaluate(source)
        let bytes: Int64
        do {
            bytes = try FrameWriter.write(frame, to: path.value, options: write)
        } catch {
            throw .write(error)
        }
        note("saved \(ValueFormatter.grouped(Int64(frame.rowCount))) rows to \(path.value) (\(ByteCount.text(bytes)))")
    }
}
