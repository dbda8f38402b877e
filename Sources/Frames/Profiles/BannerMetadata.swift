/// What the banner above an operator's table says: the query that produced
/// the file and the period it covers.
public struct BannerMetadata: Sendable, Equatable {
    /// The banner line that holds the query (`Dynamic IPDR OF IMEI … from … to …`).
    public var query: String?
    /// The period of the query (`05-Oct-2025 00:00:00 to 06-Oct-2025 23:59:59`).
    public var period: String?
    /// The other banner lines (operator, region).
    public var other: [String]

    /// Finds the query line (the first that contains one of `markers`, case
    /// ignored) and the period after its last ` from `, when a ` to ` follows.
    public static func parse(_ lines: [String], markers: [String]) -> BannerMetadata {
        var out = BannerMetadata(query: nil, period: nil, other: [])
        for line in lines {
            let lower = line.lowercased()
            if out.query == nil, markers.contains(where: { lower.contains($0.lowercased()) }) {
                out.query = line
                if let from = lower.range(of: " from ", options: .backwards) {
                    let rest = line[from.upperBound...]
                    if rest.lowercased().contains(" to ") { out.period = String(rest).trimmingBlanks() }
                }
            } else {
                out.other.append(line)
            }
        }
        return out
    }
}
