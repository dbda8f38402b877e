import Audit
import Foundation
import Frames

/// The profiles a session can use: the built-in ones, then the `.json` files
/// of the user's profiles folder (`IPDR_PROFILES`, else
/// `~/.config/ipdr/profiles`). A user file whose name matches a built-in
/// profile replaces it. A file that cannot be read or decoded is skipped and
/// reported with its line and column.
public struct ProfileLibrary: Sendable {
    /// Usable profiles, built-in first, then user files by file name.
    public var profiles: [InstalledProfile]
    /// User files that could not be used.
    public var errors: [ProfileError]

    /// The user's profiles folder.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["IPDR_PROFILES"], !p.isEmpty { return p }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/ipdr/profiles"
    }

    /// Reads the built-in profiles and the folder's files.
    public static func load(folder: String = ProfileLibrary.folder()) -> ProfileLibrary {
        var profiles: [InstalledProfile] = []
        var errors: [ProfileError] = []
        for b in BuiltinProfiles.texts {
            do {
                let p = try ProfileDecoder.decode(b.text, file: "built-in:\(b.name)")
                profiles.append(InstalledProfile(profile: p, source: "built-in", sha256: SHA256Hex.of(Array(b.text.utf8))))
            } catch {
                errors.append(error)
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(ProfileError(file: path, line: 1, column: 1, reason: "cannot read the file"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(ProfileError(file: path, line: 1, column: 1, reason: "the file is not UTF-8 text"))
                continue
            }
            do {
                let p = try ProfileDecoder.decode(text, file: path)
                let installed = InstalledProfile(profile: p, source: path, sha256: SHA256Hex.of(data))
                if let i = profiles.firstIndex(where: { $0.profile.name == p.name }) {
                    if profiles[i].isBuiltin {
                        profiles[i] = installed
                    } else {
                        errors.append(ProfileError(file: path, line: 1, column: 1, reason: "profile '\(p.name)' is already defined in \(profiles[i].source)"))
                    }
                } else {
                    profiles.append(installed)
                }
            } catch {
                errors.append(error)
            }
        }
        return ProfileLibrary(profiles: profiles, errors: errors)
    }

    /// The profile with this name.
    public func named(_ name: String) -> InstalledProfile? { profiles.first { $0.profile.name == name } }
}
