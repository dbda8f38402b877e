import Frames

/// What a load does with a profile: the profile, how it matched, and the
/// banner found above the table.
struct ProfilePlan {
    var installed: InstalledProfile
    var match: ProfileMatch
    var banner: BannerMetadata
}
