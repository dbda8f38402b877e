/// A frame read through a profile, with what the profile found on the way.
public struct ProfiledFrame: Sendable {
    /// Canonical columns where the profile knew them, others under their original names.
    public var frame: Frame
    /// Damage in the source, one line each: which column, how many rows, what was done.
    public var damage: [String]
    /// Repeated rows removed by the profile's dedup rule.
    public var duplicatesRemoved: Int
}
