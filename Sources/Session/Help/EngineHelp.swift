import Frames

/// Help topics for functions and aggregates, taken from the engine's catalogs.
enum EngineHelp {
    static var functions: [HelpTopic] {
        FunctionCatalog.help.filter { !$0.isOperator }.map { HelpTopic(.function, $0.name, $0.signature, $0.summary, $0.example) }
    }

    static var operators: [HelpTopic] {
        FunctionCatalog.help.filter(\.isOperator).map { HelpTopic(.operator, $0.name, $0.signature, $0.summary, $0.example) }
    }

    static var aggregates: [HelpTopic] {
        AggregateCatalog.help.map { HelpTopic(.aggregate, $0.name, $0.signature, $0.summary, $0.example) }
    }
}
