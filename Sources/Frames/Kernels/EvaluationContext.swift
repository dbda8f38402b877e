/// What expression evaluation and plan execution need from the session:
/// the zone for calendar functions and a cancellation hook.
public struct EvaluationContext: Sendable {
    /// The session's `tz` setting.
    public var zone: Zone
    /// Asked between operators and in long loops; true stops the work with `EvaluationError.cancelled`.
    public var isCancelled: @Sendable () -> Bool

    public init(zone: Zone = .utc, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.zone = zone
        self.isCancelled = isCancelled
    }

    /// Throws `.cancelled` when the hook says so.
    public func checkCancellation() throws(EvaluationError) {
        if isCancelled() { throw .cancelled }
    }
}
