/// Zone names read from a column, each resolved once.
struct ZoneNames {
    private var cache: [String: Zone] = [:]

    /// The zone called `name`; an unknown name is an evaluation error.
    mutating func zone(_ name: String) throws(EvaluationError) -> Zone {
        if let z = cache[name] { return z }
        guard let z = Zone(name) else { throw .badZone(name: name) }
        cache[name] = z
        return z
    }
}
