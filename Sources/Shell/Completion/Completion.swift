/// The answer to one Tab press: where the word being completed starts and what may replace it.
public struct Completion: Equatable, Sendable {
    /// UTF-8 offset into the text at which the completed word starts; the text
    /// from here to the cursor is the partial word every candidate starts with.
    public var replaceFrom: Int
    /// Sorted, unique replacements for the text from `replaceFrom` to the cursor.
    public var candidates: [String]

    /// A completion.
    public init(replaceFrom: Int, candidates: [String]) {
        self.replaceFrom = replaceFrom
        self.candidates = candidates
    }
}
