/// The file formats the readers and writers handle: text formats, operator
/// logs, the Arrow IPC file format (Feather v2) and Parquet.
public enum FileFormat: String, Sendable, CaseIterable {
    case csv, tsv, json, ndjson, arrow
    /// Apache Parquet (flat schemas).
    case parquet
    /// A Zeek TSV log (`#separator`, `#fields`, `#types`); read only.
    case zeek
    /// A RADIUS accounting detail file (FreeRADIUS `detail`); read only.
    case radius
    /// A CGNAT port-block syslog (allocations and releases); read only.
    case natlog
    /// An Excel workbook (`.xlsx`): one sheet read as CSV text; read only.
    case xlsx
    /// An IPDR.org IPDRDoc XML document: one row per `IPDR` element; read only.
    case ipdrxml
    /// nfdump's CSV output (`nfdump -o csv`) with its `Summary` block; read only.
    case nfdump

    /// The format an extension names (`csv`, `tsv`, `tab`, `json`, `ndjson`,
    /// `jsonl`, `arrow`, `arrows`, `feather`, `ipc`, `parquet`, `parq`, `pq`, `xlsx`, `xlsm`, `xml`), or nil.
    public init?(extension ext: String) {
        switch ext.lowercased() {
        case "csv", "txt": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "arrow", "arrows", "feather", "ipc": self = .arrow
        case "parquet", "parq", "pq": self = .parquet
        case "xlsx", "xlsm": self = .xlsx
        case "xml": self = .ipdrxml
        default: return nil
        }
    }

    /// Whether `save` can write the format (the others are read only).
    public var isWritable: Bool {
        switch self {
        case .csv, .tsv, .json, .ndjson, .arrow, .parquet: return true
        case .zeek, .radius, .natlog, .xlsx, .ipdrxml, .nfdump: return false
        }
    }

    /// Whether files of the format hold their own column types and provenance
    /// metadata (Arrow and Parquet) rather than text with a sidecar.
    public var isTyped: Bool { self == .arrow || self == .parquet }
}
