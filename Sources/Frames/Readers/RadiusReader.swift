/// Reads RADIUS accounting detail files (FreeRADIUS `rlm_detail`, the
/// Livingston layout GNU Radius also writes): records separated by blank
/// lines, each a ctime-style first line (`Sat Oct  5 14:03:11 2025`) and then
/// indented `Attribute-Name = value` lines.
///
/// One row per record. Columns: `record_time`, `event_time`, `start_time`,
/// `end_time`, `bytes_up`, `bytes_down`, `line` (the record's first line),
/// then every attribute under the name the file gives it. Quoted values are
/// text (the quotes removed, `\"` and `\\` undone); other values are typed
/// like CSV cells (numbers int, addresses ip, names text). An attribute that
/// a record repeats (`Cisco-AVPair`) keeps every value, joined with `; `.
///
/// Times:
/// - `record_time`: when the server wrote the record — `Timestamp` (epoch
///   seconds) when present, else the first line read in the load's zone.
/// - `event_time`: when the event happened at the NAS — `Event-Timestamp`
///   (epoch seconds, or FreeRADIUS's `"Oct  5 2025 14:03:11 IST"` read in the
///   load's zone, its zone abbreviation not used), else `record_time` minus
///   `Acct-Delay-Time` (RFC 2866).
/// - `start_time`/`end_time` by `Acct-Status-Type`: Start → start = event,
///   end null; Stop → start = event − `Acct-Session-Time`, end = event;
///   Interim-Update → the same as Stop (end = the last moment the record
///   proves the session alive); other types → both null.
/// - `bytes_up` = `Acct-Input-Octets` + 2^32 × `Acct-Input-Gigawords` (input
///   = sent by the subscriber), `bytes_down` the same with Output.
///
/// A line without ` = `, a first line that is not a timestamp, an unclosed
/// quote or a time attribute that is not a number stop the read with the
/// file, line and column (`onError = .fail`) or reject the whole record
/// (`.skip`).
enum RadiusReader {
    /// One attribute line of a record.
    struct Attribute {
        var name: String
        var value: String
        var quoted: Bool
        var line: Int
        var column: Int
    }

    /// A record being read.
    struct Record {
        var line: Int
        var text: String
        var written: Int64
        var attributes: [Attribute] = []
        var error: LoadError?
    }

    /// Columns the reader computes, with their types.
    static let derived: [(name: String, type: DataType)] = [
        ("record_time", .timestamp), ("event_time", .timestamp), ("start_time", .timestamp), ("end_time", .timestamp),
        ("bytes_up", .int), ("bytes_down", .int), ("line", .int),
    ]

    /// Whether the file starts like a detail file: a ctime line, then an indented `Name = value` line.
    static func looks(_ file: MappedFile) -> Bool {
        let lines = TextLines.firstTwo(file)
        guard lines.count == 2, WallClock.ctime(lines[0], zone: .utc) != nil,
              let first = lines[1].first, first == "\t" || first == " " else { return false }
        return lines[1].contains(" = ")
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        var table = CellTable(path: file.path)
        for d in derived { table.column(d.name) }
        var rejects = RecordRejects()
        var quoted = Set<String>()
        var repeated: [String: Int] = [:]
        var current: Record?
        var records = 0

        func finish() throws(LoadError) {
            guard let r = current else { return }
            current = nil
            records += 1
            if let error = r.error {
                if options.onError == .fail { throw error }
                rejects.add(error, text: r.text)
                return
            }
            do {
                try add(r, to: &table, zone: options.zone, quoted: &quoted, repeated: &repeated)
            } catch {
                if options.onError == .fail { throw error }
                rejects.add(error, text: r.text)
            }
        }

        try TextLines.forEach(file) { (number: Int, text: String?) throws(LoadError) in
            if let isCancelled = options.isCancelled, isCancelled() { throw .cancelled(path: file.path) }
            guard let text else {
                let error = LoadError.malformedRecord(SourcePosition(file: file.path, line: number, column: 1),
                                                      reason: "the line is not UTF-8 text")
                if current == nil { current = Record(line: number, text: "", written: 0) }
                if current?.error == nil { current?.error = error }
                return
            }
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                try finish()
                return
            }
            if let first = text.first, first == " " || first == "\t" {
                if current == nil {
                    let col = (text.firstIndex { $0 != " " && $0 != "\t" }).map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 1
                    current = Record(line: number, text: text, written: 0,
                                     error: .malformedRecord(SourcePosition(file: file.path, line: number, column: col),
                                                             reason: "an attribute line outside a record: a record starts with a timestamp line such as `Sat Oct  5 14:03:11 2025`"))
                    return
                }
                guard current?.error == nil else { return }
                switch attribute(text, line: number, path: file.path) {
                case .success(let a): current?.attributes.append(a)
                case .failure(let e): current?.error = e
                }
                return
            }
            try finish()
            if let written = WallClock.ctime(text, zone: options.zone) {
                current = Record(line: number, text: text, written: written)
            } else {
                current = Record(line: number, text: text, written: 0,
                                 error: .malformedRecord(SourcePosition(file: file.path, line: number, column: 1),
                                                         reason: "expected a record's timestamp line such as `Sat Oct  5 14:03:11 2025`, found \"\(text.prefix(60))\""))
            }
        }
        try finish()
        if table.rowCount == 0 && rejects.count == 0 { throw .noRecords(path: file.path) }

        var o = options
        for d in derived where o.types[d.name] == nil { o.types[d.name] = d.type }
        for name in quoted where o.types[name] == nil { o.types[name] = .string }
        var notes = ["RADIUS detail file: \(records) record(s)"]
        for (name, n) in repeated.sorted(by: { $0.key < $1.key }) {
            notes.append("\(name) repeated within \(n) record(s): the values are kept in file order, joined with \"; \"")
        }
        let result = try table.frame(options: o, format: .radius, bytesRead: Int64(file.count), notes: notes)
        return rejects.merged(into: result)
    }

    /// Parses `\tName = value`.
    static func attribute(_ text: String, line: Int, path: String) -> Result<Attribute, LoadError> {
        let chars = Array(text)
        var i = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        let nameColumn = i + 1
        guard let eq = text.range(of: " = ") else {
            return .failure(.malformedRecord(SourcePosition(file: path, line: line, column: nameColumn),
                                             reason: "expected `Attribute-Name = value`, found \"\(text.trimmingBlanks().prefix(60))\""))
        }
        let name = String(text[text.startIndex..<eq.lowerBound]).trimmingBlanks()
        guard !name.isEmpty else {
            return .failure(.malformedRecord(SourcePosition(file: path, line: line, column: nameColumn), reason: "an attribute without a name"))
        }
        let valueColumn = text.distance(from: text.startIndex, to: eq.upperBound) + 1
        let raw = String(text[eq.upperBound...]).trimmingBlanks()
        guard raw.first == "\"" else {
            return .success(Attribute(name: name, value: raw, quoted: false, line: line, column: valueColumn))
        }
        var value = ""
        var escaped = false
        var closed = false
        for c in raw.dropFirst() {
            if closed {
                return .failure(.malformedRecord(SourcePosition(file: path, line: line, column: valueColumn),
                                                 reason: "text after the closing quote of \(name)'s value"))
            }
            if escaped {
                value.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                closed = true
            } else {
                value.append(c)
            }
        }
        guard closed else {
            return .failure(.malformedRecord(SourcePosition(file: path, line: line, column: valueColumn),
                                             reason: "the quoted value of \(name) is not closed"))
        }
        return .success(Attribute(name: name, value: value, quoted: true, line: line, column: valueColumn))
    }

    /// Adds a record's row: its attributes and the computed columns.
    static func add(_ r: Record, to table: inout CellTable, zone: Zone, quoted: inout Set<String>, repeated: inout [String: Int]) throws(LoadError) {
        var values: [String: Attribute] = [:]
        var order: [String] = []
        var seenTwice = Set<String>()
        for a in r.attributes {
            if var known = values[a.name] {
                known.value += "; " + a.value
                values[a.name] = known
                seenTwice.insert(a.name)
            } else {
                values[a.name] = a
                order.append(a.name)
            }
            if a.quoted { quoted.insert(a.name) }
        }
        for name in seenTwice { repeated[name, default: 0] += 1 }

        /// A RADIUS integer attribute (32 bits unsigned, RFC 2865 section 5).
        func integer(_ name: String) throws(LoadError) -> Int64? {
            guard let a = values[name] else { return nil }
            guard !seenTwice.contains(name), let v = Int64(a.value), v >= 0, v <= Int64(UInt32.max) else {
                throw .malformedRecord(SourcePosition(file: table.path, line: a.line, column: a.column),
                                       reason: "\(name) must be a whole number from 0 to 4294967295, found \"\(a.value.prefix(40))\"")
            }
            return v
        }
        let second = TimeFormat.microsPerSecond
        var written = r.written
        if let epoch = try integer("Timestamp") { written = epoch * second }
        var event = written - (try integer("Acct-Delay-Time") ?? 0) * second
        if let a = values["Event-Timestamp"] {
            if let epoch = Int64(a.value), epoch >= 0, epoch <= Int64(UInt32.max) {
                event = epoch * second
            } else if let t = eventTimestampText(a.value, zone: zone) {
                event = t
            } else {
                throw .malformedRecord(SourcePosition(file: table.path, line: a.line, column: a.column),
                                       reason: "Event-Timestamp must be seconds since 1970 or a date such as \"Oct  5 2025 14:03:11 IST\", found \"\(a.value.prefix(40))\"")
            }
        }
        let sessionTime = try integer("Acct-Session-Time")
        var start: Int64?
        var end: Int64?
        switch values["Acct-Status-Type"]?.value.lowercased() {
        case "start"?:
            start = event
        case "stop"?, "interim-update"?, "alive"?:
            end = event
            start = sessionTime.map { event - $0 * second }
        default:
            break
        }
        let inOctets = try integer("Acct-Input-Octets"), inGiga = try integer("Acct-Input-Gigawords")
        let outOctets = try integer("Acct-Output-Octets"), outGiga = try integer("Acct-Output-Gigawords")

        table.addRow(line: r.line, text: r.text)
        func stamp(_ name: String, _ micros: Int64?) {
            table.set(name, micros.map { TimeFormat.iso8601(micros: $0, zone: .utc) }, line: r.line, column: 1)
        }
        stamp("record_time", written)
        stamp("event_time", event)
        stamp("start_time", start)
        stamp("end_time", end)
        if inOctets != nil || inGiga != nil {
            table.set("bytes_up", String((inOctets ?? 0) + (inGiga ?? 0) << 32), line: r.line, column: 1)
        }
        if outOctets != nil || outGiga != nil {
            table.set("bytes_down", String((outOctets ?? 0) + (outGiga ?? 0) << 32), line: r.line, column: 1)
        }
        table.set("line", String(r.line), line: r.line, column: 1)
        for name in order {
            guard let a = values[name] else { continue }
            table.set(name, a.value, line: a.line, column: a.column)
        }
    }

    /// FreeRADIUS's text form of Event-Timestamp, `Oct  5 2025 14:03:11 IST`, read in `zone`.
    static func eventTimestampText(_ text: String, zone: Zone) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count >= 4, let year = Int64(parts[2]), parts[2].count == 4 else { return nil }
        return WallClock.monthDayTime(month: parts[0], day: parts[1], time: parts[3], year: year, zone: zone)
    }
}
