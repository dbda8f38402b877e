/// How an entry becomes a line of bytes, and how a stored line is checked.
///
/// A stored line is `B` + `,"hash":"` + H + `"}` + `\n`, where `B` is the
/// entry's JSON object without its closing brace and without the `hash`
/// member, and `H` is the lower-case hex SHA-256 of `B` + `}` — that is, of
/// the bytes of the line as stored with the `,"hash":"…"` member and the
/// newline taken out. Any change to any byte of a line changes `B`, `H` or the
/// fixed suffix, so it is caught.
public enum EntryLine {
    static let hashMarker = Array(",\"hash\":\"".utf8)

    /// The line for `entry` (its `hash` set from the bytes), with the trailing newline.
    public static func encode(_ entry: AuditEntry) -> (line: [UInt8], hash: String) {
        var body = AuditJSONWriter.bytes(.object(entry.fieldsWithoutHash))
        let hash = SHA256Hex.of(body)
        body.removeLast()
        body += hashMarker
        body += Array(hash.utf8)
        body += Array("\"}\n".utf8)
        return (body, hash)
    }

    /// Checks one stored line (without its newline): the fixed suffix, the
    /// hash over the rest, valid JSON, and every member present in order.
    public static func decode(_ line: [UInt8]) -> Result<AuditEntry, LineProblem> {
        let suffixLength = hashMarker.count + 64 + 2
        guard line.count > suffixLength + 1 else { return .failure(.noHash) }
        let cut = line.count - suffixLength
        guard Array(line[cut..<cut + hashMarker.count]) == hashMarker,
              line[line.count - 2] == UInt8(ascii: "\""), line[line.count - 1] == UInt8(ascii: "}") else {
            return .failure(.noHash)
        }
        let stored = String(decoding: line[(cut + hashMarker.count)..<(line.count - 2)], as: UTF8.self)
        guard SHA256Hex.isDigest(stored) else { return .failure(.noHash) }
        var body = Array(line[0..<cut])
        body.append(UInt8(ascii: "}"))
        let computed = SHA256Hex.of(body)
        let parsed: AuditValue
        switch AuditJSONParser.parse(line) {
        case .success(let v): parsed = v
        case .failure(let e): return .failure(.badJSON(e.description))
        }
        guard computed == stored else { return .failure(.hashMismatch(stored: stored, computed: computed)) }
        guard let entry = AuditEntry(parsed) else { return .failure(.badFields) }
        return .success(entry)
    }
}

/// What is wrong with one stored line.
public enum LineProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line does not end with a `"hash":"<64 hex digits>"` member.
    case noHash
    /// Not valid JSON.
    case badJSON(String)
    /// The stored hash is not the SHA-256 of the line's bytes.
    case hashMismatch(stored: String, computed: String)
    /// Valid JSON, but members are missing, out of order or of the wrong kind.
    case badFields

    public var description: String {
        switch self {
        case .noHash: return "no \"hash\" member at the end of the line"
        case .badJSON(let why): return "bad JSON (\(why))"
        case .hashMismatch(let s, let c): return "hash mismatch (stored \(s.prefix(12))…, computed \(c.prefix(12))…)"
        case .badFields: return "members missing, out of order or of the wrong kind"
        }
    }
}
