/// How well one profile knows a file's header.
public struct ProfileMatch: Sendable, Equatable {
    /// The profile's name.
    public var profile: String
    /// Header names the profile knows.
    public var matched: Int
    /// Header names in the file.
    public var total: Int

    /// `dot-ipdr (matched 21/24 columns)`.
    public var summary: String { "\(profile) (matched \(matched)/\(total) columns)" }
}

/// Scores a header against profiles and picks one for `profile=auto`.
public enum ProfileMatcher {
    /// What `profile=auto` concluded.
    public enum Choice: Sendable, Equatable {
        /// One profile knows the header best.
        case chosen(ProfileMatch)
        /// Several profiles know it equally well: the analyst must choose.
        case ambiguous([ProfileMatch])
        /// No profile knows enough of it: the file is read as it is.
        case none
    }

    /// How many of `header` the profile knows.
    public static func score(_ profile: Profile, header: [String]) -> ProfileMatch {
        let known = profile.knownHeaderKeys
        let matched = header.filter { known.contains(HeaderKey.of($0)) }.count
        return ProfileMatch(profile: profile.name, matched: matched, total: header.count)
    }

    /// Whether the profile knows enough of the header to be chosen by `auto`:
    /// at least its `minimum_matches` names.
    public static func accepts(_ m: ProfileMatch, _ profile: Profile) -> Bool {
        m.matched >= profile.minimumMatches
    }

    /// The best accepted profile for `header`, among those `auto` may choose
    /// (all of them with `includingManual`, for a profile the analyst named).
    /// A header that is already mostly canonical column names (at least half) needs no profile.
    public static func choose(header: [String], among all: [Profile], includingManual: Bool = false) -> Choice {
        let canonical = header.filter { CanonicalColumns.type(of: $0) != nil }.count
        if canonical * 2 >= header.count { return .none }
        let profiles = includingManual ? all : all.filter(\.auto)
        let accepted = profiles.map { score($0, header: header) }.enumerated()
            .filter { accepts($0.element, profiles[$0.offset]) }.map(\.element)
        guard let best = accepted.map(\.matched).max() else { return .none }
        let top = accepted.filter { $0.matched == best }
        return top.count == 1 ? .chosen(top[0]) : .ambiguous(top.sorted { $0.profile < $1.profile })
    }
}
