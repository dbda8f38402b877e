/// Reads a profile file (JSON, format in docs/PROFILES.md) into a `Profile`;
/// every mistake is a `ProfileError` with the file, line and column.
public enum ProfileDecoder {
    /// The keys a profile may have.
    static let keys = ["name", "description", "zone", "columns", "timestamps", "banner", "footer",
                       "excel_serial_dates", "units", "end_times", "dedup", "allocation_volume", "auto", "minimum_matches"]

    /// Date formats a timestamp rule may name, and the layouts they read.
    static let dateFormats: [(text: String, layout: TimestampLayout)] = [
        ("dd/mm/yyyy", .daySlash), ("dd-mm-yyyy", .dayDash), ("dd-mon-yyyy", .dayMonthName), ("yyyy-mm-dd", .iso),
    ]

    /// Decodes profile text; `file` names it in errors.
    public static func decode(_ text: String, file: String) throws(ProfileError) -> Profile {
        let root = try ProfileJSONParser.parse(text, file: file)
        let d = Fields(file: file)
        let fields = try d.object(root, "the profile")
        for f in fields where !keys.contains(f.key) {
            throw d.error(at: f.keyAt, "unknown key '\(f.key)' (keys: \(keys.joined(separator: ", ")))")
        }
        guard let nameValue = fields.first(where: { $0.key == "name" })?.value else {
            throw d.error(root, "the profile has no \"name\"")
        }
        let name = try d.string(nameValue, "name")
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "-" || $0 == "_" }) else {
            throw d.error(nameValue, "a profile name is letters, digits, '-' and '_', got '\(name)'")
        }
        var p = Profile(name: name)
        for f in fields {
            let v = f.value
            switch f.key {
            case "description": p.description = try d.string(v, "description")
            case "zone":
                let z = try d.string(v, "zone")
                guard let zone = Zone(z) else { throw d.error(v, "unknown time zone '\(z)'") }
                p.zone = zone
            case "columns":
                for c in try d.object(v, "columns") {
                    try d.checkTarget(c.key, at: c.keyAt)
                    p.columns.append(.init(target: c.key, headers: try d.strings(c.value, "columns.\(c.key)")))
                }
            case "timestamps":
                for t in try d.array(v, "timestamps") { p.timestamps.append(try timestamp(t, d)) }
            case "banner":
                for b in try d.object(v, "banner") {
                    guard b.key == "query" else { throw d.error(at: b.keyAt, "unknown key '\(b.key)' in banner (keys: query)") }
                    p.bannerQuery = try d.strings(b.value, "banner.query")
                }
            case "footer": p.footers = try d.strings(v, "footer")
            case "excel_serial_dates":
                guard case .bool(let b) = v.kind else { throw d.error(v, "excel_serial_dates must be true or false, got \(v.kindName)") }
                p.excelSerialDates = b
            case "units":
                for u in try d.object(v, "units") {
                    let text = try d.string(u.value, "units.\(u.key)")
                    guard let unit = UnitConverter.Unit(rawValue: text) else {
                        throw d.error(u.value, "unknown unit '\(text)' (units: \(UnitConverter.Unit.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    p.units.append((u.key, unit))
                }
            case "end_times":
                for e in try d.array(v, "end_times") { p.endTimes.append(try endTime(e, d)) }
            case "dedup":
                for k in try d.object(v, "dedup") {
                    guard k.key == "columns" else { throw d.error(at: k.keyAt, "unknown key '\(k.key)' in dedup (keys: columns)") }
                    p.dedupColumns = try d.strings(k.value, "dedup.columns")
                }
            case "allocation_volume":
                p.allocationVolume = try allocationVolume(v, d)
            case "auto":
                guard case .bool(let b) = v.kind else { throw d.error(v, "auto must be true or false, got \(v.kindName)") }
                p.auto = b
            case "minimum_matches":
                guard case .number(let n) = v.kind, n >= 1, n == n.rounded() else {
                    throw d.error(v, "minimum_matches must be a whole number of at least 1")
                }
                p.minimumMatches = Int(n)
            default: break
            }
        }
        let targets = p.columns.map(\.target) + p.timestamps.map(\.target) + p.endTimes.map(\.target)
        var seen = Set<String>()
        for t in targets where !seen.insert(t).inserted {
            throw d.error(root, "column '\(t)' is produced twice (in columns, timestamps or end_times)")
        }
        return p
    }

    private static func timestamp(_ v: ProfileJSON, _ d: Fields) throws(ProfileError) -> Profile.TimestampRule {
        let fields = try d.object(v, "a timestamps entry")
        let allowed = ["column", "date", "time", "date_format", "time_format"]
        for f in fields where !allowed.contains(f.key) {
            throw d.error(at: f.keyAt, "unknown key '\(f.key)' in a timestamps entry (keys: \(allowed.joined(separator: ", ")))")
        }
        func field(_ key: String) throws(ProfileError) -> ProfileJSON {
            guard let f = fields.first(where: { $0.key == key }) else { throw d.error(v, "a timestamps entry needs \"\(key)\"") }
            return f.value
        }
        let columnValue = try field("column")
        let target = try d.string(columnValue, "column")
        try d.checkTarget(target, at: (columnValue.line, columnValue.column))
        let formatValue = try field("date_format")
        let format = try d.string(formatValue, "date_format")
        guard let layout = dateFormats.first(where: { $0.text == format.lowercased() })?.layout else {
            throw d.error(formatValue, "unknown date_format '\(format)' (formats: \(dateFormats.map(\.text).joined(separator: ", ")))")
        }
        if let tf = fields.first(where: { $0.key == "time_format" })?.value {
            let t = try d.string(tf, "time_format")
            guard t.lowercased() == "hh:mm:ss" else { throw d.error(tf, "unknown time_format '\(t)' (formats: hh:mm:ss)") }
        }
        return .init(target: target, dateHeaders: try d.strings(try field("date"), "date"),
                     timeHeaders: try d.strings(try field("time"), "time"), dateLayout: layout, dateFormat: format)
    }

    private static func endTime(_ v: ProfileJSON, _ d: Fields) throws(ProfileError) -> Profile.EndTimeRule {
        let fields = try d.object(v, "an end_times entry")
        let allowed = ["column", "start", "duration"]
        for f in fields where !allowed.contains(f.key) {
            throw d.error(at: f.keyAt, "unknown key '\(f.key)' in an end_times entry (keys: \(allowed.joined(separator: ", ")))")
        }
        func field(_ key: String) throws(ProfileError) -> ProfileJSON {
            guard let f = fields.first(where: { $0.key == key }) else { throw d.error(v, "an end_times entry needs \"\(key)\"") }
            return f.value
        }
        let columnValue = try field("column")
        let target = try d.string(columnValue, "column")
        try d.checkTarget(target, at: (columnValue.line, columnValue.column))
        return .init(target: target, start: try d.strings(try field("start"), "start"),
                     duration: try d.strings(try field("duration"), "duration"))
    }

    private static func allocationVolume(_ v: ProfileJSON, _ d: Fields) throws(ProfileError) -> Profile.AllocationVolumeRule {
        let fields = try d.object(v, "allocation_volume")
        let allowed = ["key", "columns", "repeats", "suggest"]
        for f in fields where !allowed.contains(f.key) {
            throw d.error(at: f.keyAt, "unknown key '\(f.key)' in allocation_volume (keys: \(allowed.joined(separator: ", ")))")
        }
        func field(_ key: String) throws(ProfileError) -> ProfileJSON {
            guard let f = fields.first(where: { $0.key == key }) else { throw d.error(v, "allocation_volume needs \"\(key)\"") }
            return f.value
        }
        let repeatsValue = try field("repeats")
        let repeats = try d.string(repeatsValue, "repeats")
        guard repeats == "warn" || repeats == "keep_first" else {
            throw d.error(repeatsValue, "repeats must be \"warn\" or \"keep_first\", got '\(repeats)'")
        }
        let suggest = try fields.first(where: { $0.key == "suggest" }).map { f throws(ProfileError) in try d.string(f.value, "suggest") }
        return .init(key: try d.strings(try field("key"), "key"), columns: try d.strings(try field("columns"), "columns"),
                     keepFirst: repeats == "keep_first", suggest: suggest)
    }

    /// Typed access to JSON values with errors that point at them.
    struct Fields {
        let file: String

        func error(_ v: ProfileJSON, _ reason: String) -> ProfileError {
            ProfileError(file: file, line: v.line, column: v.column, reason: reason)
        }

        func error(at p: (line: Int, column: Int), _ reason: String) -> ProfileError {
            ProfileError(file: file, line: p.line, column: p.column, reason: reason)
        }

        func object(_ v: ProfileJSON, _ what: String) throws(ProfileError) -> [(key: String, keyAt: (line: Int, column: Int), value: ProfileJSON)] {
            guard case .object(let f) = v.kind else { throw error(v, "\(what) must be an object, got \(v.kindName)") }
            return f
        }

        func array(_ v: ProfileJSON, _ what: String) throws(ProfileError) -> [ProfileJSON] {
            guard case .array(let a) = v.kind else { throw error(v, "\(what) must be an array, got \(v.kindName)") }
            return a
        }

        func string(_ v: ProfileJSON, _ what: String) throws(ProfileError) -> String {
            guard case .string(let s) = v.kind else { throw error(v, "\(what) must be a string, got \(v.kindName)") }
            return s
        }

        /// A string or an array of strings.
        func strings(_ v: ProfileJSON, _ what: String) throws(ProfileError) -> [String] {
            if case .string(let s) = v.kind { return [s] }
            var out: [String] = []
            for item in try array(v, what) { out.append(try string(item, "each item of \(what)")) }
            if out.isEmpty { throw error(v, "\(what) must name at least one text") }
            return out
        }

        /// An output column name must be an identifier of the language.
        func checkTarget(_ name: String, at p: (line: Int, column: Int)) throws(ProfileError) {
            guard let f = name.unicodeScalars.first, f.properties.isAlphabetic || f == "_",
                  name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_") }) else {
                throw error(at: p, "column name '\(name)' must be letters, digits and '_' (a canonical column such as msisdn or public_ip)")
            }
        }
    }
}
