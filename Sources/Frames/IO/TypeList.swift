/// Parses the `types="col:type, col:type"` load option.
public enum TypeList {
    /// Why a type list could not be read; `description` is the reason alone.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// An item without a `:` between column and type.
        case missingColon(item: String)
        /// A type name that is not one of the language's types.
        case unknownType(column: String, type: String)
        /// The same column named twice.
        case duplicateColumn(String)

        public var description: String {
            switch self {
            case .missingColon(let i): return "types item \"\(i)\" is not col:type"
            case .unknownType(let c, let t):
                return "unknown type \"\(t)\" for column `\(c)` (types are \(DataType.allCases.map(\.rawValue).joined(separator: ", ")))"
            case .duplicateColumn(let c): return "column `\(c)` appears twice in types"
            }
        }
    }

    /// Column types from `a:int, b:timestamp`; a column may be backquoted
    /// (`` `Start Date`:timestamp ``) and its name may itself hold colons
    /// (the last colon separates the type).
    public static func parse(_ text: String) throws(ParseError) -> [String: DataType] {
        var out: [String: DataType] = [:]
        for raw in text.split(separator: ",", omittingEmptySubsequences: true) {
            let item = String(raw).trimmingBlanks()
            if item.isEmpty { continue }
            guard let colon = item.lastIndex(of: ":") else { throw .missingColon(item: item) }
            var column = String(item[..<colon]).trimmingBlanks()
            let typeName = String(item[item.index(after: colon)...]).trimmingBlanks()
            if column.count >= 2, column.hasPrefix("`"), column.hasSuffix("`") { column = String(column.dropFirst().dropLast()) }
            guard !column.isEmpty else { throw .missingColon(item: item) }
            guard let type = DataType(name: typeName) else { throw .unknownType(column: column, type: typeName) }
            guard out[column] == nil else { throw .duplicateColumn(column) }
            out[column] = type
        }
        return out
    }
}
