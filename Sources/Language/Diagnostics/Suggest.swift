/// "Did you mean ...?" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `name`, or nil when none is close enough.
    ///
    /// A candidate equal to `name` ignoring case wins outright. Otherwise the
    /// candidate with the smallest Damerau–Levenshtein distance (optimal string
    /// alignment, compared case-insensitively) wins, if that distance is at most
    /// a third of the longer length (at least 1, at most 3); ties go to the
    /// candidate whose exact-case distance is smaller, then to the earlier one.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let lowered = Array(name.lowercased())
        let exact = Array(name)
        guard !lowered.isEmpty else { return nil }
        if let match = candidates.first(where: { $0 != name && $0.lowercased() == name.lowercased() }) {
            return match
        }
        var best: (candidate: String, distance: Int, caseDistance: Int)?
        for candidate in candidates where candidate != name && !candidate.isEmpty {
            let c = Array(candidate.lowercased())
            let limit = min(3, max(1, max(c.count, lowered.count) / 3))
            if abs(c.count - lowered.count) > limit { continue }
            let d = distance(lowered, c)
            guard d <= limit else { continue }
            let cd = distance(exact, Array(candidate))
            if let b = best, (b.distance, b.caseDistance) <= (d, cd) { continue }
            best = (candidate, d, cd)
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions
    /// and transpositions of adjacent characters each cost 1.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previous2[j - 2] + 1)
                }
                current[j] = v
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[m]
    }
}
