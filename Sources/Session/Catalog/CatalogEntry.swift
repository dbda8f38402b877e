import Frames

/// A named frame and where it came from.
public struct CatalogEntry: Sendable {
    /// The frame.
    public var frame: Frame
    /// `load datasets/x.csv`, `let`, ... as shown by `frames`.
    public var source: String
    /// What `describe` prints below the columns: the profile a load used, the
    /// banner's query and period, damage found in the source.
    public var details: [(key: String, value: String)]
    /// The frame's fingerprint once a statement has computed it (the audit
    /// log's result entry), so that saving the frame as it is needs no second pass.
    public var fingerprint: String?

    public init(frame: Frame, source: String, details: [(String, String)] = []) {
        self.frame = frame
        self.source = source
        self.details = details.map { (key: $0.0, value: $0.1) }
    }
}
