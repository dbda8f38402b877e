import Frames
import Language

extension Session {
    /// Every help topic: statements, stages, functions, aggregates, load options, settings.
    static var helpTopics: [HelpTopic] {
        LanguageHelp.statements + LanguageHelp.stages + EngineHelp.functions + EngineHelp.operators + EngineHelp.aggregates
            + LanguageHelp.loadOptions
            + Settings.keys.map { HelpTopic(.setting, $0.key, "set \($0.key) = VALUE", $0.help, "set \($0.key) = ...") }
    }

    /// `help [TOPIC]`.
    func help(_ topic: Located<String>?) throws(StatementError) {
        guard let topic else {
            output.standard(overview())
            return
        }
        let all = Self.helpTopics
        if ["settings", "functions", "operators", "stages", "statements", "aggregates"].contains(topic.value) {
            let kind = String(topic.value.dropLast())
            output.standard(listing(all.filter { $0.kind.rawValue == kind }))
            return
        }
        let matches = all.filter { $0.name == topic.value }
        if matches.isEmpty {
            let section = all.filter { $0.kind.rawValue + "s" == topic.value || $0.kind.rawValue == topic.value }
            if !section.isEmpty {
                output.standard(listing(section))
                return
            }
            let hint = Suggest.closest(to: topic.value, among: all.map(\.name)).map { "did you mean '\($0)'?" } ?? "help lists every topic"
            throw .diagnostic(.error("no help for '\(topic.value)'", span: topic.span, hint: hint))
        }
        var out = ""
        for m in matches {
            out += "\(m.synopsis)    (\(m.kind.rawValue))\n  \(m.summary)\n  example: \(m.example)\n"
        }
        output.standard(out)
    }

    private func listing(_ topics: [HelpTopic]) -> String {
        let width = min(topics.map(\.synopsis.count).max() ?? 0, 44)
        var out = ""
        for t in topics {
            let pad = t.synopsis.count < width ? String(repeating: " ", count: width - t.synopsis.count) : ""
            out += "  \(t.synopsis)\(pad)  \(t.summary)\n"
        }
        return out
    }

    private func overview() -> String {
        var out = "ipdr \(IPDRVersion.string) — statements, pipeline stages and functions. `help NAME` shows one with an example.\n"
        let sections: [(String, HelpTopic.Kind)] = [
            ("Statements", .statement), ("Stages (SOURCE | STAGE | STAGE ...)", .stage),
            ("Functions", .function), ("Operators", .operator), ("Aggregates (in summarize)", .aggregate),
            ("Load options (load PATH with K=V, ...)", .option), ("Settings (set KEY = VALUE)", .setting),
        ]
        let all = Self.helpTopics
        for (title, kind) in sections {
            out += "\n\(title):\n" + listing(all.filter { $0.kind == kind })
        }
        out += "\nThe language reference: docs/LANGUAGE.md\n"
        return out
    }
}

/// The product version.
public enum IPDRVersion {
    public static let string = "0.1.0"
}
