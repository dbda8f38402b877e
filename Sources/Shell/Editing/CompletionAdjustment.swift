/// Fits a provider's answer to the word libedit is about to replace.
///
/// libedit replaces the word before the cursor that its own break characters
/// delimit; the provider may see the word starting elsewhere (a file path with
/// `/`, a dotted name). Candidates are re-based so that they replace exactly
/// libedit's word: characters before libedit's word that the provider also
/// replaces are dropped from each candidate, characters after the provider's
/// start are added in front of it.
enum CompletionAdjustment {
    /// Candidates re-based from `replaceFrom` to `wordStart` (UTF-8 offsets into `text`).
    static func rebase(_ candidates: [String], replaceFrom: Int, wordStart: Int, text: [UInt8]) -> [String] {
        let from = min(max(replaceFrom, 0), text.count)
        let start = min(max(wordStart, 0), text.count)
        if from == start { return candidates }
        if from < start {
            let drop = Array(text[from..<start])
            return candidates.compactMap { c in
                let bytes = Array(c.utf8)
                guard bytes.count >= drop.count, Array(bytes[0..<drop.count]) == drop else { return nil }
                return String(decoding: bytes[drop.count...], as: UTF8.self)
            }
        }
        let add = String(decoding: text[start..<from], as: UTF8.self)
        return candidates.map { add + $0 }
    }

    /// The longest common prefix of `strings`, on character boundaries.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let other = Array(s)
            var n = 0
            while n < prefix.count, n < other.count, prefix[n] == other[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
