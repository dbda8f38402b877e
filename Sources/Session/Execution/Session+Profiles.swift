import Audit
import Foundation
import Frames
import Language

extension Session {
    /// The `profiles` listing: every usable profile, and a warning for each
    /// user file that could not be read (file:line:column: reason).
    func profilesListing() -> Frame {
        let library = profileLibrary(warnAgain: true)
        let p = library.profiles
        return Frame([
            ("name", .from(.string, p.map { .string($0.profile.name) })),
            ("source", .from(.string, p.map { .string($0.source) })),
            ("columns", .from(.int, p.map { .int(Int64($0.profile.columns.count + $0.profile.timestamps.count)) })),
            ("sha256", .from(.string, p.map { .string(String($0.sha256.prefix(16))) })),
            ("description", .from(.string, p.map { .string($0.profile.description) })),
        ])
    }

    /// Chooses the profile for a load (`profile=auto`, `none` or a name) from
    /// the file's first lines, and sets the read options it implies: lines to
    /// skip above the header, footer texts, zone, identifier columns as text.
    /// Nil when the file is read as it is, or when its format has no table
    /// text to look at (JSON and the record formats): `recordPlan` then
    /// chooses from the columns the reader found.
    func profilePlan(path: Located<String>, option: OptionValue?, read: inout ReadOptions, zoneGiven: Bool) throws(StatementError) -> ProfilePlan? {
        let wanted = option?.text ?? "auto"
        if wanted == "none" { return nil }
        let library = profileLibrary(warnAgain: false)
        let forced = try namedProfile(wanted, library: library, span: option?.span ?? path.span)
        guard let format = try? FrameReader.format(path: path.value, options: read),
              let prefix = FrameReader.tablePrefix(path: path.value, format: format, bytes: TableLocator.prefixBytes, sheet: read.sheet) else { return nil }
        if wanted == "auto", let first = prefix.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }), first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
            return nil
        }
        let table = prefix.withUnsafeBytes { TableLocator.locate(prefix: $0, profiles: library.profiles.map(\.profile), forced: forced?.profile) }
        guard let (installed, match) = try chosen(table.choice, forced: forced, library: library, path: path, option: option) else { return nil }
        let profile = installed.profile
        read.skipLines = table.headerLine
        read.footers = profile.footers
        if !zoneGiven, let z = profile.zone { read.zone = z }
        let names = HeaderNames.unique(table.header)
        let identifierHeaders = profile.columns.filter { CanonicalColumns.identifiers.contains($0.target) }.flatMap(\.headers).map(HeaderKey.of)
        for (name, text) in zip(names, table.header) where identifierHeaders.contains(HeaderKey.of(text)) && read.types[name] == nil {
            read.types[name] = .string
        }
        return ProfilePlan(installed: installed, match: match, banner: BannerMetadata.parse(table.banner, markers: profile.bannerQuery))
    }

    /// Chooses the profile for a file whose columns were named by its reader
    /// (JSON keys, a record format's attribute names), from those names.
    /// Formats that carry their own types (Arrow) get none.
    func recordPlan(_ frame: Frame, format: FileFormat, path: Located<String>, option: OptionValue?) throws(StatementError) -> ProfilePlan? {
        let wanted = option?.text ?? "auto"
        if wanted == "none" || [.arrow, .parquet, .csv, .tsv, .zeek, .nfdump, .xlsx].contains(format) { return nil }
        let library = profileLibrary(warnAgain: false)
        let forced = try namedProfile(wanted, library: library, span: option?.span ?? path.span)
        let header = frame.fields.map { $0.sourceName ?? $0.name }
        let choice: ProfileMatcher.Choice = forced.map { .chosen(ProfileMatcher.score($0.profile, header: header)) }
            ?? ProfileMatcher.choose(header: header, among: library.profiles.map(\.profile))
        guard let (installed, match) = try chosen(choice, forced: forced, library: library, path: path, option: option) else { return nil }
        return ProfilePlan(installed: installed, match: match, banner: BannerMetadata.parse([], markers: []))
    }

    /// The profile `profile=NAME` names; nil for `auto`.
    private func namedProfile(_ wanted: String, library: ProfileLibrary, span: SourceSpan) throws(StatementError) -> InstalledProfile? {
        if wanted == "auto" { return nil }
        guard let p = library.named(wanted) else {
            let names = library.profiles.map(\.profile.name)
            let hint = Suggest.closest(to: wanted, among: names).map { "did you mean '\($0)'?" }
                ?? "profiles: auto, none, " + names.joined(separator: ", ")
            throw .diagnostic(.error("unknown profile '\(wanted)'", span: span, hint: hint))
        }
        return p
    }

    /// The profile a match chose; an error when the choice is ambiguous or a named profile knows no column.
    private func chosen(_ choice: ProfileMatcher.Choice, forced: InstalledProfile?, library: ProfileLibrary, path: Located<String>,
                        option: OptionValue?) throws(StatementError) -> (InstalledProfile, ProfileMatch)? {
        let match: ProfileMatch
        switch choice {
        case .none:
            return nil
        case .ambiguous(let candidates):
            let list = candidates.map(\.summary).joined(separator: ", ")
            throw .diagnostic(.error("the header of \(path.value) fits several profiles equally well: \(list)", span: option?.span ?? path.span,
                                     hint: "choose one: load \(path.value) with profile=\(candidates[0].profile)"))
        case .chosen(let m):
            match = m
        }
        guard let installed = forced ?? library.named(match.profile) else { return nil }
        if match.matched == 0 {
            throw .diagnostic(.error("profile '\(installed.profile.name)' knows none of the columns of \(path.value)", span: option?.span ?? path.span,
                                     hint: "profile=auto picks a profile from the header; profile=none reads the file as it is"))
        }
        return (installed, match)
    }

    /// Applies a chosen profile to a loaded frame: prints which profile was
    /// used, warns about damage, records the profile in the audit log, and
    /// returns the frame with the details `describe` shows.
    func applyProfile(_ plan: ProfilePlan, to frame: Frame, path: String, zone: Zone) -> (Frame, [(String, String)]) {
        let result = ProfileApplier.apply(plan.installed.profile, to: frame, zone: zone)
        note("profile: \(plan.match.summary)")
        for d in result.damage { auditWarning("\(path): \(d)") }
        noteProfile(plan.installed)
        var details: [(String, String)] = [("profile", "\(plan.match.summary), sha256 \(plan.installed.sha256.prefix(16))…")]
        if let q = plan.banner.query { details.append(("query", q)) }
        if let p = plan.banner.period { details.append(("period", p)) }
        for other in plan.banner.other { details.append(("banner", other)) }
        for d in result.damage { details.append(("damage", d)) }
        return (result.frame, details)
    }

    /// The installed profiles; a file that cannot be used is warned about
    /// (`profiles` always, `load` once per session).
    func profileLibrary(warnAgain: Bool) -> ProfileLibrary {
        let library = ProfileLibrary.load(folder: profilesFolder)
        for e in library.errors where warnAgain || !reportedProfileErrors.contains(e.description) {
            reportedProfileErrors.insert(e.description)
            warn("profile skipped: \(e.description)")
        }
        return library
    }

    /// The first `bytes` bytes of a file, nil when it cannot be read.
    static func filePrefix(_ path: String, bytes: Int) -> [UInt8]? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let d = try? h.read(upToCount: bytes) else { return nil }
        return Array(d)
    }
}
