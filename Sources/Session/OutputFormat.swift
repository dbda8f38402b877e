/// How results print: an aligned table for people, or CSV / JSON lines for programs.
public enum OutputFormat: String, Sendable {
    case table, csv, json
}
