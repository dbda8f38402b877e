/// The canonical IPDR columns (LANGUAGE.md, "Canonical IPDR columns") and their types.
public enum CanonicalColumns {
    /// Name → type, in the documented order.
    public static let all: [(name: String, type: DataType)] = [
        ("msisdn", .string), ("imsi", .string), ("imei", .string),
        ("private_ip", .ip), ("private_port", .int), ("public_ip", .ip), ("public_port", .int),
        ("dst_ip", .ip), ("dst_port", .int), ("protocol", .string),
        ("start_time", .timestamp), ("end_time", .timestamp),
        ("bytes_up", .int), ("bytes_down", .int),
        ("cell_id", .string), ("lac", .string), ("apn", .string), ("rat", .string),
    ]

    /// The type of a canonical column, nil for another name.
    public static func type(of name: String) -> DataType? {
        all.first { $0.name == name }?.type
    }

    /// Identifier columns: read as text so that leading `+`/`0` and damage stay visible.
    public static let identifiers: Set<String> = ["msisdn", "imsi", "imei", "cell_id", "lac"]
}
