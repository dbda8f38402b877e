import Frames

/// The schemas of the named frames a pipeline can start from.
public protocol SchemaProvider {
    /// The fields of the frame called `frame`, or nil when there is none.
    func schema(of frame: String) -> [Field]?
    /// Every frame name (for "did you mean").
    var frameNames: [String] { get }
}

/// A `SchemaProvider` over a fixed dictionary (tests, one-off binds).
public struct StaticSchemas: SchemaProvider, Sendable {
    public var schemas: [String: [Field]]
    public init(_ schemas: [String: [Field]]) { self.schemas = schemas }
    public func schema(of frame: String) -> [Field]? { schemas[frame] }
    public var frameNames: [String] { schemas.keys.sorted() }
}
