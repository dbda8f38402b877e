/// Answers Tab: the candidates for the word at `cursor` in a statement.
///
/// `text` is the whole statement typed so far (earlier continuation lines
/// included) and `cursor` a UTF-8 offset into it. `replaceFrom` is the UTF-8
/// offset where the word being completed starts; each candidate replaces
/// `text[replaceFrom..<cursor]`.
public protocol CompletionProvider: AnyObject {
    /// The candidates for the word ending at `cursor`.
    func complete(_ text: String, cursor: Int) -> (replaceFrom: Int, candidates: [String])
}
