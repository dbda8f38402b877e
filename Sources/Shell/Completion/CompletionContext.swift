import Foundation
import Frames
import Session

/// What completion knows about the session: frames and their schemas, setting
/// keys, the zone literals are read in, the folder relative paths start from,
/// and the analyzers of loaded plugins.
public struct CompletionContext: Sendable {
    /// Frame name to schema.
    public var frames: [String: [Field]]
    /// Keys `set` accepts (`tz`, `display.rows`, ...).
    public var settingKeys: [String]
    /// The session zone, for binding timestamp literals in earlier stages.
    public var zone: Zone
    /// The folder relative paths are completed in.
    public var currentDirectory: String
    /// Qualified analyzer names offered as stages (`geo.locate`). The place where
    /// loaded plugins' analyzers come in; the session has no plugins yet, so
    /// `init(session:)` leaves it empty.
    public var analyzerNames: [String]

    /// A context from explicit parts (tests, tools).
    public init(
        frames: [String: [Field]],
        settingKeys: [String] = Settings.keys.map(\.key),
        zone: Zone = .utc,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        analyzerNames: [String] = []
    ) {
        self.frames = frames
        self.settingKeys = settingKeys
        self.zone = zone
        self.currentDirectory = currentDirectory
        self.analyzerNames = analyzerNames
    }

    /// A snapshot of a session's frames and settings, with the process's working folder.
    public init(session: Session) {
        var frames: [String: [Field]] = [:]
        for name in session.catalog.frameNames {
            frames[name] = session.catalog.schema(of: name) ?? []
        }
        self.init(frames: frames, zone: session.settings.tz)
    }
}
