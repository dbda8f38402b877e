/// The text formats the readers and writers handle.
public enum FileFormat: String, Sendable, CaseIterable {
    case csv, tsv, json, ndjson

    /// The format an extension names (`csv`, `tsv`, `tab`, `json`, `ndjson`, `jsonl`), or nil.
    public init?(extension ext: String) {
        switch ext.lowercased() {
        case "csv", "txt": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        default: return nil
        }
    }
}
