import Frames

/// The names the language accepts in places other than expressions: load and
/// save options with their fixed values, and help topics. Taken from the same
/// tables that `help` and the statement runners use, so that the shell's
/// completion offers exactly what the session understands.
public enum LanguageVocabulary {
    /// Option names of `load PATH with K=V, ...`.
    public static var loadOptionNames: [String] {
        LanguageHelp.loadOptions.map(\.name)
    }

    /// Option names of `save ... to PATH with K=V, ...`.
    public static let saveOptionNames = ["overwrite", "format", "header", "delimiter", "raw", "text_ids", "compression"]

    /// The options of `report PATH with ...`.
    public static let reportOptionNames = ["title", "frames", "rows", "overwrite"]

    /// The fixed values a `report` option takes (`frames=` takes frame names).
    public static func reportOptionValues(_ option: String) -> [String] {
        option == "overwrite" ? ["true", "false"] : []
    }

    /// The options of `audit export PATH with ...`.
    public static let auditExportOptionNames = ["session", "overwrite"]

    /// The fixed values an `audit export` option takes.
    public static func auditExportOptionValues(_ option: String) -> [String] {
        option == "overwrite" ? ["true", "false"] : []
    }

    /// The fixed values a load option takes (empty for free-form options such as `tz`).
    public static func loadOptionValues(_ option: String) -> [String] {
        switch option {
        case "format": return FileFormat.allCases.map(\.rawValue)
        case "header": return ["true", "false"]
        case "on_error": return ["fail", "skip"]
        case "profile": return ["auto", "none"] + ProfileLibrary.load().profiles.map(\.profile.name)
        default: return []
        }
    }

    /// The fixed values a save option takes (empty for free-form options such as `delimiter`).
    public static func saveOptionValues(_ option: String) -> [String] {
        switch option {
        case "format": return FileFormat.allCases.filter(\.isWritable).map(\.rawValue) + ["svg"]
        case "header", "overwrite", "raw", "text_ids": return ["true", "false"]
        case "compression": return ["zstd", "snappy", "none"]
        default: return []
        }
    }

    /// The fixed values a setting takes (empty for free-form settings such as `tz`).
    public static func settingValues(_ key: String) -> [String] {
        switch key {
        case "display.pager": return ["on", "off"]
        case "script.on_error": return ["stop", "continue"]
        default: return []
        }
    }

    /// Every topic `help TOPIC` answers that can be typed as one word: statements,
    /// stages, functions, word operators, aggregates, load options, settings and
    /// the section names (`functions`, `stages`, ...).
    public static var helpTopicNames: [String] {
        let sections = ["settings", "functions", "operators", "stages", "statements", "aggregates", "options"]
        let names = Session.helpTopics.map(\.name) + sections
        return names.filter { name in
            guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
            return name.unicodeScalars.allSatisfy { $0 == "_" || $0 == "." || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
        }
    }
}
