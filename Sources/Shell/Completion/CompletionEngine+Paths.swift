import Language
import Session

extension CompletionEngine {
    /// Where the cursor stands relative to a statement's path argument.
    enum PathState {
        /// Inside the path: the path text starts at `start`; `quote` is the opening quote, if any.
        case inside(start: Int, quote: UInt8?)
        /// Past the path, which ended at `end`.
        case after(end: Int)
    }

    /// Completion for statements with a path (`load`, `run`, `plugin load`,
    /// `audit verify|export`, `save ... to`, `report`): the path itself, then `as`/`with`
    /// and option names and values. Nil for other statements and positions.
    func pathCompletion(_ input: CompletionInput) -> Completion? {
        let st = input.statement
        guard let first = st.first?.word, !(st.count > 1 && st[1].isSymbol(.pipe)) else { return nil }
        let keyword: Token
        switch first {
        case "load", "run", "report":
            keyword = st[0]
        case "plugin", "audit":
            guard st.count >= 2, let sub = st[1].word else { return nil }
            let ok = first == "plugin" ? sub == "load" : (sub == "verify" || sub == "export" || sub == "seal")
            guard ok else { return nil }
            keyword = st[1]
        case "save":
            guard st.count >= 3, let to = st[2...].first(where: { $0.isWord("to") }) else { return nil }
            keyword = to
        default:
            return nil
        }
        switch pathState(input, from: firstNonBlank(input, after: keyword.span.end)) {
        case .inside(let start, let quote):
            let partial = input.text(start..<input.bytes.count)
            let found = PathCompleter.candidates(partial: partial, quote: quote, directory: context.currentDirectory)
            return Completion(replaceFrom: start, candidates: Array(Set(found)).sorted())
        case .after(let end):
            let rest = st.filter { $0.span.start >= end }
            switch first {
            case "load":
                return finish(options(rest, names: LanguageVocabulary.loadOptionNames,
                                      values: LanguageVocabulary.loadOptionValues, allowAs: true), input)
            case "save":
                return finish(options(rest, names: LanguageVocabulary.saveOptionNames,
                                      values: LanguageVocabulary.saveOptionValues, allowAs: false), input)
            case "report":
                let frames = context.frames.keys.filter(ByteClass.isPlainIdentifier).sorted()
                return finish(options(rest, names: LanguageVocabulary.reportOptionNames,
                                      values: { $0 == "frames" ? frames : LanguageVocabulary.reportOptionValues($0) },
                                      allowAs: false), input)
            case "audit" where st[1].isWord("export"):
                return finish(options(rest, names: LanguageVocabulary.auditExportOptionNames,
                                      values: LanguageVocabulary.auditExportOptionValues, allowAs: false), input)
            default:
                return finish(.none, input)
            }
        }
    }

    /// The offset of the first byte after `offset` that is not a blank.
    func firstNonBlank(_ input: CompletionInput, after offset: Int) -> Int {
        var i = offset
        while i < input.bytes.count, ByteClass.isBlank(input.bytes[i]) { i += 1 }
        return i
    }

    /// Whether the cursor (the end of the input) is inside the path that starts at `start`.
    func pathState(_ input: CompletionInput, from start: Int) -> PathState {
        let b = input.bytes
        guard start < b.count else { return .inside(start: b.count, quote: nil) }
        let q = b[start]
        if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
            var i = start + 1
            while i < b.count {
                if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                if b[i] == q { return .after(end: i + 1) }
                if b[i] == UInt8(ascii: "\n") { return .after(end: i) }
                i += 1
            }
            return .inside(start: start + 1, quote: q)
        }
        var i = start
        while i < b.count {
            if ByteClass.isBlank(b[i]) || b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: ";") { return .after(end: i) }
            i += 1
        }
        return .inside(start: start, quote: nil)
    }

    /// After a path: `as`, `with`, option names (commas optional) and fixed option values.
    func options(_ rest: [Token], names: [String], values: (String) -> [String], allowAs: Bool) -> CandidateSet {
        guard let with = rest.firstIndex(where: { $0.isWord("with") }) else {
            guard let last = rest.last else { return .words(allowAs ? ["as", "with"] : ["with"]) }
            if last.isWord("as") { return .none }
            if allowAs, rest.count == 2, rest[0].isWord("as") { return .words(["with"]) }
            return .none
        }
        let list = Array(rest[with...])
        guard let last = list.last else { return .none }
        if last.isSymbol(.assign) {
            guard list.count >= 2, let option = list[list.count - 2].word else { return .none }
            return .words(values(option))
        }
        let used = Set(list.indices.dropLast().compactMap { i in list[i + 1].isSymbol(.assign) ? list[i].word : nil })
        let remaining = names.filter { !used.contains($0) }
        if last.isWord("with") || last.isSymbol(.comma) { return .words(remaining) }
        if list.count >= 2, list[list.count - 2].isSymbol(.assign) { return .words(remaining) }
        return .none
    }
}
