import Frames
import Language
import Session

/// Context-aware Tab completion for statements as typed at the prompt.
///
/// The text before the cursor is lexed with the language's own lexer; the
/// tokens of the current statement decide what may come next (statement
/// keywords, frame names, stage names, columns, functions, options, paths,
/// setting keys, help topics). Columns are those of the frame flowing into the
/// current stage, found by parsing and binding the stages before it.
public struct CompletionEngine: Sendable {
    /// What the session knows.
    public let context: CompletionContext

    /// An engine over a context snapshot.
    public init(context: CompletionContext) {
        self.context = context
    }

    /// Candidates for the word that ends at `cursor` (a UTF-8 offset into `text`,
    /// clamped to the text; inside a character, its start). Every candidate starts with the text from
    /// `replaceFrom` to the cursor; the list is sorted and has no duplicates.
    public func complete(_ text: String, cursor: Int) -> Completion {
        let all = Array(text.utf8)
        var end = min(max(0, cursor), all.count)
        while end > 0, end < all.count, all[end] & 0xC0 == 0x80 { end -= 1 }
        let input = CompletionInput(bytes: Array(all[0..<end]))
        if let path = pathCompletion(input) { return path }
        return finish(candidates(input), input)
    }

    // MARK: - Matching

    /// Matches a candidate set against the partial word.
    func finish(_ set: CandidateSet, _ input: CompletionInput) -> Completion {
        let partial = input.partial
        var out: [String] = []
        var from = partial.start
        switch partial.kind {
        case .number, .quoted:
            break
        case .backquoted:
            out = set.names.filter { !$0.contains("`") && !$0.contains("\n") }.map { "`\($0)`" }
                .filter { $0.hasPrefix(partial.text) }
        case .plain:
            if set.dotted {
                from = partial.dottedStart
                out = set.words.filter { $0.hasPrefix(partial.dottedText) }
            } else if partial.qualifier == nil || set.qualified {
                let names = set.names.compactMap(Self.written)
                out = (set.words + names).filter { $0.hasPrefix(partial.text) }
            }
        }
        return Completion(replaceFrom: from, candidates: Array(Set(out)).sorted())
    }

    /// A name as it must be typed: plain, or in backquotes; nil when it cannot be typed.
    static func written(_ name: String) -> String? {
        if ByteClass.isPlainIdentifier(name) { return name }
        if name.isEmpty || name.contains("`") || name.contains("\n") { return nil }
        return "`\(name)`"
    }

    // MARK: - Statements

    /// Candidates for positions outside paths.
    func candidates(_ input: CompletionInput) -> CandidateSet {
        let st = input.statement
        guard let first = st.first else {
            return CandidateSet(words: Parser.statementNames, names: Array(context.frames.keys))
        }
        guard let word = first.word, Parser.statementNames.contains(word),
              !(st.count > 1 && st[1].isSymbol(.pipe)) else {
            return pipeline(st[...], input, inSave: false)
        }
        switch word {
        case "let":
            guard st.count >= 3, st[2].isSymbol(.assign) else { return .none }
            return pipeline(st[3...], input, inSave: false)
        case "describe", "drop":
            return st.count == 1 ? .names(Array(context.frames.keys)) : .none
        case "save":
            return pipeline(st[1...], input, inSave: true)
        case "set":
            if st.count == 1 { return .words(context.settingKeys, dotted: true) }
            guard let last = st.last, last.isSymbol(.assign), st.count >= 3 else { return .none }
            let key = st[1..<(st.count - 1)].map { $0.isSymbol(.dot) ? "." : (Self.name(of: $0) ?? "?") }.joined()
            return .words(LanguageVocabulary.settingValues(key))
        case "help":
            return st.count == 1 ? .words(LanguageVocabulary.helpTopicNames + context.analyzerNames, dotted: true) : .none
        case "plugin":
            return st.count == 1 ? .words(["load"]) : .none
        case "audit":
            return st.count == 1 ? .words(Parser.auditCommands) : .none
        default:
            return .none
        }
    }
}
