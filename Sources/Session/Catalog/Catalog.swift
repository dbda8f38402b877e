import Frames
import Language

/// The session's named frames, in the order they were created.
public struct Catalog: Sendable, SchemaProvider {
    private var entries: [String: CatalogEntry] = [:]
    private var order: [String] = []
    private var revisions: [String: Int] = [:]

    public init() {}

    /// Frame names in creation order.
    public var frameNames: [String] { order }

    /// The frame with this name.
    public func frame(_ name: String) -> Frame? { entries[name]?.frame }

    /// The entry with this name.
    public func entry(_ name: String) -> CatalogEntry? { entries[name] }

    /// Schema lookup for the binder.
    public func schema(of frame: String) -> [Field]? { entries[frame]?.frame.fields }

    /// How many times `name` was set or removed: a background job installs its
    /// frame only when this has not changed since the job was submitted.
    public func revision(of name: String) -> Int { revisions[name] ?? 0 }

    /// Adds or replaces a frame.
    public mutating func set(_ name: String, _ entry: CatalogEntry) {
        if entries[name] == nil { order.append(name) }
        entries[name] = entry
        revisions[name, default: 0] += 1
    }

    /// Remembers the fingerprint of the frame now held under `name`.
    public mutating func setFingerprint(_ name: String, _ fingerprint: String) {
        entries[name]?.fingerprint = fingerprint
    }

    /// Removes a frame; false when there was none.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard entries.removeValue(forKey: name) != nil else { return false }
        revisions[name, default: 0] += 1
        order.removeAll { $0 == name }
        return true
    }
}
