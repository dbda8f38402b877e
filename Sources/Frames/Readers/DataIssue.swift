/// A problem in the data found by a parsing worker, positioned by byte
/// offset and by line relative to the worker's chunk; turned into a
/// `LoadError` (with the file name and absolute line) once chunks are joined.
struct DataIssue: Sendable {
    enum Kind: Sendable {
        case unterminatedQuote
        case textAfterQuote
        case fieldCount(expected: Int, found: Int)
        case invalidUTF8(UInt8)
        case typeMismatch(column: Int, text: String)
        case lineTooLong(limit: Int)
        case json(String)
    }

    var kind: Kind
    /// Newlines between the chunk start and the problem.
    var line: Int
    /// Absolute byte offset of the problem, for the column number.
    var offset: Int
    /// Absolute byte range of the rejected text.
    var textStart: Int
    var textEnd: Int
}
