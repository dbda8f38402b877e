/// The file formats the readers and writers handle: text formats, Zeek logs
/// and the Arrow IPC file format (Feather v2).
public enum FileFormat: String, Sendable, CaseIterable {
    case csv, tsv, json, ndjson, arrow
    /// A Zeek TSV log (`#separator`, `#fields`, `#types`); read only.
    case zeek
    /// nfdump's CSV output (`nfdump -o csv`) with its `Summary` block; read only.
    case nfdump

    /// The format an extension names (`csv`, `tsv`, `tab`, `json`, `ndjson`,
    /// `jsonl`, `arrow`, `feather`, `ipc`), or nil.
    public init?(extension ext: String) {
        switch ext.lowercased() {
        case "csv", "txt": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "arrow", "feather", "ipc": self = .arrow
        default: return nil
        }
    }

    /// Whether `save` can write the format (the others are read only).
    public var isWritable: Bool {
        switch self {
        case .csv, .tsv, .json, .ndjson, .arrow: return true
        case .zeek, .nfdump: return false
        }
    }
}
