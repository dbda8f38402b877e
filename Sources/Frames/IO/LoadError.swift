/// Why a file could not be loaded, with where in the file it went wrong.
///
/// `description` is `FILE:LINE:COLUMN: error: REASON` for errors in the data
/// and `FILE: error: REASON` for errors about the file as a whole.
public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path names no file.
    case missingFile(path: String)
    /// The path names a folder.
    case isDirectory(path: String)
    /// The file may not be read.
    case permissionDenied(path: String)
    /// Opening or mapping failed for another reason.
    case unreadable(path: String, reason: String)
    /// The file has no bytes (or only blanks).
    case emptyFile(path: String)
    /// Only a header (or nothing but blank lines) in the file.
    case noDataRows(path: String)
    /// NUL bytes in the first block.
    case binaryFile(path: String)
    /// A JSON or NDJSON file with no objects.
    case noRecords(path: String)
    /// The caller cancelled the read.
    case cancelled(path: String)
    /// A load option that cannot apply to this file (e.g. a `types` column it lacks).
    case invalidOption(path: String, reason: String)
    /// A quoted field that runs to the end of the file.
    case unterminatedQuote(SourcePosition)
    /// Text between a closing quote and the next delimiter.
    case textAfterQuote(SourcePosition)
    /// A record with more or fewer fields than the header.
    case wrongFieldCount(SourcePosition, expected: Int, found: Int)
    /// A byte that breaks UTF-8.
    case invalidUTF8(SourcePosition, byte: UInt8)
    /// A value that does not fit the type declared for its column in `types`.
    case typeMismatch(SourcePosition, column: String, type: DataType, text: String)
    /// A physical line longer than `ReadOptions.maxLineBytes`.
    case lineTooLong(SourcePosition, limit: Int)
    /// JSON that does not parse.
    case jsonSyntax(SourcePosition, reason: String)
    /// A file that is not in the format `format=` named (a CSV file given as a Zeek log).
    case formatMismatch(SourcePosition, reason: String, hint: String)
    /// An Arrow IPC file that is damaged or holds what ipdr does not read (a type, compression).
    case arrow(path: String, reason: String)
    /// A Parquet file that is damaged or holds what ipdr does not read (a nested column, a codec, an encoding).
    case parquet(path: String, reason: String)
    /// A record of a record-oriented log (a RADIUS detail file, a NAT syslog) that does not have its format's shape.
    case malformedRecord(SourcePosition, reason: String)
    /// A `.xlsx` file that is not a readable workbook (a damaged zip, a zip of something else, a missing part).
    case notAWorkbook(path: String, reason: String)
    /// An OLE compound file: a password-protected workbook or a legacy `.xls`.
    case legacyWorkbook(path: String)
    /// `sheet=` names a sheet the workbook does not have.
    case unknownSheet(path: String, sheet: String, sheets: [String])
    /// XML that does not parse (IPDRDoc).
    case xmlSyntax(SourcePosition, reason: String)

    /// The position in the data, when the error has one.
    public var position: SourcePosition? {
        switch self {
        case .unterminatedQuote(let p), .textAfterQuote(let p), .wrongFieldCount(let p, _, _), .invalidUTF8(let p, _),
             .typeMismatch(let p, _, _, _), .lineTooLong(let p, _), .jsonSyntax(let p, _), .malformedRecord(let p, _),
             .xmlSyntax(let p, _), .formatMismatch(let p, _, _):
            return p
        default: return nil
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .missingFile(let p), .isDirectory(let p), .permissionDenied(let p), .unreadable(let p, _), .emptyFile(let p),
             .noDataRows(let p), .binaryFile(let p), .noRecords(let p), .cancelled(let p), .invalidOption(let p, _),
             .arrow(let p, _), .parquet(let p, _), .notAWorkbook(let p, _), .legacyWorkbook(let p), .unknownSheet(let p, _, _):
            return p
        default: return position?.file ?? ""
        }
    }

    /// What is wrong, without position or advice (the `reason` of a rejected line).
    public var reason: String {
        switch self {
        case .missingFile: return "no such file"
        case .isDirectory: return "is a directory, not a file"
        case .permissionDenied: return "permission denied"
        case .unreadable(_, let r): return "cannot read the file: \(r)"
        case .emptyFile: return "the file is empty"
        case .noDataRows: return "the file has a header but no data rows"
        case .binaryFile: return "the file is binary (NUL bytes in its first block), not text"
        case .noRecords: return "the file holds no objects"
        case .cancelled: return "load cancelled"
        case .invalidOption(_, let r): return r
        case .unterminatedQuote: return "unterminated quoted field"
        case .textAfterQuote: return "unexpected text after a closing quote"
        case .wrongFieldCount(_, let e, let f): return "expected \(e) fields, found \(f)"
        case .invalidUTF8(_, let b):
            let hex = String(b, radix: 16, uppercase: true)
            return "invalid UTF-8 byte 0x\(hex.count < 2 ? "0" + hex : hex)"
        case .typeMismatch(_, let c, let t, let text): return "value \"\(text)\" in column `\(c)` is not a valid \(t)"
        case .lineTooLong(_, let limit): return "line longer than \(limit) bytes"
        case .jsonSyntax(_, let r): return r
        case .formatMismatch(_, let r, _): return r
        case .arrow(_, let r): return r
        case .parquet(_, let r): return r
        case .malformedRecord(_, let r): return r
        case .notAWorkbook(_, let r): return "not a readable .xlsx workbook: \(r)"
        case .legacyWorkbook:
            return "an OLE compound file: a password-protected workbook or a legacy .xls file, which ipdr does not read"
        case .unknownSheet(_, let name, let sheets):
            return "the workbook has no sheet named '\(name)' (sheets: \(sheets.map { "'\($0)'" }.joined(separator: ", ")))"
        case .xmlSyntax(_, let r): return "malformed XML: \(r)"
        }
    }

    /// Advice for the analyst, or "".
    public var hint: String {
        switch self {
        case .missingFile: return "check the path"
        case .permissionDenied: return "check the file's permissions"
        case .binaryFile: return "check that this is the right file"
        case .noDataRows: return "use header=false if the first line is data"
        case .typeMismatch: return "fix types= or use on_error=skip to keep going"
        case .lineTooLong: return "raise the line limit or use on_error=skip to keep going"
        case .formatMismatch(_, _, let h): return h
        case .unterminatedQuote, .textAfterQuote, .wrongFieldCount, .invalidUTF8, .jsonSyntax:
            return "use on_error=skip to keep going"
        case .malformedRecord:
            return "check the record against the format, or use on_error=skip to keep going"
        case .notAWorkbook: return "open it in the spreadsheet program and save it as .xlsx or CSV"
        case .legacyWorkbook: return "open it in the spreadsheet program, remove any password, and save it as .xlsx or CSV"
        case .unknownSheet: return "use sheet=NAME with one of those names"
        case .xmlSyntax: return "the document is damaged or cut short: ask for the file again"
        default: return ""
        }
    }

    public var description: String {
        let location = position.map(\.description) ?? path
        let h = hint
        return "\(location): error: \(reason)\(h.isEmpty ? "" : "; " + h)"
    }
}
