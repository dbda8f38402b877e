import Frames

/// A profile ipdr can use, with where it came from and the hash of its text.
public struct InstalledProfile: Sendable {
    /// The decoded profile.
    public var profile: Profile
    /// `built-in`, or the path of the user's profile file.
    public var source: String
    /// SHA-256 of the profile's text (lower-case hex), recorded in the audit log.
    public var sha256: String
    /// Whether it ships with ipdr.
    public var isBuiltin: Bool { source == "built-in" }
}
