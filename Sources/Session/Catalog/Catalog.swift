import Frames
import Language

/// The session's named frames, in the order they were created.
public struct Catalog: Sendable, SchemaProvider {
    private var entries: [String: CatalogEntry] = [:]
    private var order: [String] = []
    private var revisions: [String: Int] = [:]
    private var clock = 0

    public init() {}

    /// Frame names in creation order.
    public var frameNames: [String] { order }

    /// The frame with this name.
    public func frame(_ name: String) -> Frame? { entries[name]?.frame }

    /// The entry with this name.
    public func entry(_ name: String) -> CatalogEntry? { entries[name] }

    /// Schema lookup for the binder.
    public func schema(of frame: String) -> [Field]? { entries[frame]?.frame.fields }

    /// A stamp that changes whenever `name` is set, removed or reserved.
    public func revision(of name: String) -> Int { revisions[name] ?? 0 }

    /// Reserves `name` for a background job that will store a frame under it
    /// and returns the stamp that must still be current when it does: a
    /// statement issued later that sets, drops or reserves the name wins.
    public mutating func reserve(_ name: String) -> Int {
        stamp(name)
        return revisions[name] ?? 0
    }

    private mutating func stamp(_ name: String) {
        clock += 1
        revisions[name] = clock
    }

    /// Adds or replaces a frame.
    public mutating func set(_ name: String, _ entry: CatalogEntry) {
        if entries[name] == nil { order.append(name) }
        entries[name] = entry
        stamp(name)
    }

    /// Remembers the fingerprint of the frame now held under `name`.
    public mutating func setFingerprint(_ name: String, _ fingerprint: String) {
        entries[name]?.fingerprint = fingerprint
    }

    /// Removes a frame; false when there was none.
    @discardableResult
    public mutating func remove(_ name: String) -> Bool {
        guard entries.removeValue(forKey: name) != nil else { return false }
        stamp(name)
        order.removeAll { $0 == name }
        return true
    }
}
