/// The word under the cursor that completion replaces.
struct PartialWord {
    /// How the word is written.
    enum Kind {
        /// A plain word (possibly empty): `ms`.
        case plain
        /// An unclosed backquoted name: `` `Start Da ``.
        case backquoted
        /// The inside of an unclosed string literal: `"data/sa` (start is after the quote).
        case quoted
        /// A number being typed: `10`.
        case number
    }

    var kind: Kind
    /// UTF-8 offset where the word starts.
    var start: Int
    /// The word's text up to the cursor.
    var text: String
    /// Start of a dotted run ending in this word (`display.ro`, `left.ms`); equals `start` without dots.
    var dottedStart: Int
    /// The dotted run's text (`display.ro`); equals `text` without dots.
    var dottedText: String

    /// The part of the dotted run before the last dot (`left` in `left.ms`), or nil.
    var qualifier: String? {
        guard dottedStart < start else { return nil }
        return String(dottedText.dropLast(text.count + 1))
    }
}
