import Frames

/// A named frame and where it came from.
public struct CatalogEntry: Sendable {
    /// The frame.
    public var frame: Frame
    /// `load datasets/x.csv`, `let`, ... as shown by `frames`.
    public var source: String

    public init(frame: Frame, source: String) {
        self.frame = frame
        self.source = source
    }
}
