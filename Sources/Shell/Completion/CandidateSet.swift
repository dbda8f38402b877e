/// Candidates gathered for one position, before they are matched against the partial word.
struct CandidateSet {
    /// Text inserted as is: keywords, `fn(`, option names, setting keys.
    var words: [String] = []
    /// Column and frame names, written plain or in backquotes as they need.
    var names: [String] = []
    /// Match `words` against the whole dotted run (`display.ro`, `geo.lo`) rather than the last word.
    var dotted = false
    /// The run's qualifier (`left.` in `left.ms`) was understood, so names complete the last word.
    var qualified = false

    static let none = CandidateSet()

    static func words(_ w: [String], dotted: Bool = false) -> CandidateSet {
        CandidateSet(words: w, dotted: dotted)
    }

    static func names(_ n: [String]) -> CandidateSet { CandidateSet(names: n) }

    /// Both sets together.
    func merged(with other: CandidateSet) -> CandidateSet {
        CandidateSet(words: words + other.words, names: names + other.names,
                     dotted: dotted || other.dotted, qualified: qualified || other.qualified)
    }
}
