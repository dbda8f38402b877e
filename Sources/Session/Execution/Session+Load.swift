import Audit
import Foundation
import Frames
import Language

extension Session {
    /// `load PATH [as NAME] [with K=V, ...]`.
    func load(path: Located<String>, name: Identifier?, options: [Option], origin: Origin) throws(StatementError) {
        try runHere(prepareLoad(path: path, name: name, options: options, origin: origin))
    }

    /// Checks the options and chooses the profile; the work reads and hashes
    /// the file (`LoadRequest`), and the rest (profile columns, warnings,
    /// evidence, the catalog) is done when it ends.
    func prepareLoad(path: Located<String>, name: Identifier?, options: [Option], origin: Origin) throws(StatementError) -> PreparedStatement<LoadRequest.Output> {
        var read = ReadOptions(zone: settings.tz)
        var profileOption: OptionValue?
        var zoneGiven = false
        for option in options {
            let key = option.name.name
            let value = option.value
            switch key {
            case "format":
                read.format = try fileFormat(value)
            case "delimiter":
                read.delimiter = try delimiter(value)
            case "header":
                read.header = try bool(value, option: key)
            case "tz":
                guard let z = Zone(value.text) else {
                    throw .diagnostic(.error("unknown time zone '\(value.text)'", span: value.span, hint: "use an offset like \"+05:30\", \"UTC\", or an IANA name like \"Asia/Kolkata\""))
                }
                read.zone = z
                zoneGiven = true
            case "types":
                read.types = try typeOverrides(value)
            case "on_error":
                guard let p = ErrorPolicy(rawValue: value.text) else {
                    throw .diagnostic(.error("on_error must be fail or skip, got '\(value.text)'", span: value.span))
                }
                read.onError = p
            case "max_line":
                guard case .literal(.int(let n)) = value.kind, n > 0 else {
                    throw .diagnostic(.error("max_line must be a size such as 4MiB", span: value.span))
                }
                read.maxLineBytes = Int(n)
            case "profile":
                profileOption = value
            case "sheet":
                read.sheet = value.text
            default:
                let known = LanguageVocabulary.loadOptionNames
                throw .diagnostic(.error("unknown load option '\(key)'", span: option.name.span, hint: Suggest.closest(to: key, among: known).map { "did you mean '\($0)'?" } ?? "options: " + known.joined(separator: ", ")))
            }
        }
        let frameName = name?.name ?? Self.frameName(forPath: path.value)
        let plan = try profilePlan(path: path, option: profileOption, read: &read, zoneGiven: zoneGiven)
        let request = LoadRequest(path: path.value, options: read)
        // The rejects frame is touched only if no statement issued later set or dropped it meanwhile.
        let rejectsRevision = catalog.revision(of: frameName + "_rejects")
        return PreparedStatement(work: { control throws(StatementError) in try request.run(control) }, finish: { output, announce throws(StatementError) in
            try self.finishLoad(output, path: path, frameName: frameName, rejectsRevision: rejectsRevision, plan: plan,
                                profileOption: profileOption, zone: read.zone,
                                origin: origin, announce: announce)
        }, installs: frameName)
    }

    /// Records what a load read and stores its frame.
    private func finishLoad(_ read: LoadRequest.Output, path: Located<String>, frameName: String, rejectsRevision: Int, plan: ProfilePlan?,
                            profileOption: OptionValue?, zone: Zone, origin: Origin, announce: (String) -> Void) throws(StatementError) {
        if let sha = read.sha256 { recordLoadEvidence(path.value, sha256: sha) }
        let result: ReadResult
        switch read.result {
        case .success(let r): result = r
        case .failure(let e): throw .load(e)
        }
        let seconds = read.seconds
        var loaded = result.frame
        var details: [(String, String)] = []
        var chosen = plan
        if chosen == nil { chosen = try recordPlan(loaded, format: result.format, path: path, option: profileOption) }
        if let plan = chosen {
            (loaded, details) = applyProfile(plan, to: loaded, path: path.value, zone: zone)
        } else if !result.format.isTyped {
            for d in IdentifierDamage.scan(loaded) {
                auditWarning("\(path.value): \(d)")
                details.append(("damage", d))
            }
        }
        let recorded = result.metadata.first { $0.0 == "ipdr.fingerprint" }?.1
        let fingerprint = recorded.map { _ in FrameFingerprint.of(loaded) }
        noteResult(loaded, name: frameName, fingerprint: fingerprint)
        ProcessMemory.returnFreePages()
        catalog.set(frameName, CatalogEntry(frame: loaded, source: "load \(path.value)", details: details))
        let f = loaded
        announce("loaded \(frameName): \(ValueFormatter.grouped(Int64(f.rowCount))) rows × \(f.columns.count) columns from \(path.value) (\(ByteCount.text(result.bytesRead))\(origin == .interactive ? String(format: " in %.2f s", seconds) : ""))")
        if let recorded, let fingerprint {
            if recorded == fingerprint {
                output.error("note: \(path.value): written by ipdr; the loaded frame's fingerprint matches the one recorded\n")
            } else if !result.format.isTyped {
                output.error("note: \(path.value): written by ipdr; the loaded frame differs from the saved one (text keeps no types: use types= or an Arrow file)\n")
            } else {
                auditWarning("\(path.value) does not hold what ipdr wrote: fingerprint \(fingerprint.prefix(12))… now, \(recorded.prefix(12))… recorded by session \(result.metadata.first { $0.0 == "ipdr.session" }?.1 ?? "?")")
            }
        }
        for w in result.warnings { auditWarning("\(path.value): \(w)") }
        for n in result.notes where Self.isWorthShowing(n) {
            output.error("note: \(path.value): \(n)\n")
        }
        let rejectsName = frameName + "_rejects"
        let rejectsFree = catalog.revision(of: rejectsName) == rejectsRevision
        if rejectsFree { catalog.remove(rejectsName) }
        if result.rejectedCount > 0, result.rejects != nil, !rejectsFree {
            warn("\(rejectsName) was set or dropped by a statement issued after this load; the \(result.rejectedCount) rejected lines of \(path.value) were not kept")
        } else if result.rejectedCount > 0, let rejects = result.rejects {
            catalog.set(rejectsName, CatalogEntry(frame: rejects, source: "rejected lines of \(path.value)"))
            let lines = result.rejectedCount == 1 ? "1 line" : "\(ValueFormatter.grouped(Int64(result.rejectedCount))) lines"
            warn("\(lines) of \(path.value) rejected; each is in frame \(frameName)_rejects with its line number and reason")
        }
    }

    /// Records a loaded file as evidence (hashed while it was read) and warns
    /// when it changed since an earlier load.
    private func recordLoadEvidence(_ path: String, sha256: String) {
        guard let evidence = FileEvidence.describe(path: path, role: .read, sha256: sha256) else { return }
        noteEvidence(evidence)
        checkReload(evidence, shownPath: path)
    }

    /// Reader notes an analyst should see: unusual sniffing results and columns
    /// read as strings because of mixed values (not the routine ones).
    static func isWorthShowing(_ note: String) -> Bool {
        if note.hasPrefix("parsed in ") || note.hasSuffix("rejected") { return false }
        if note == "first row is a header (sniffed)" || note == "delimiter ',' (sniffed)" { return false }
        return true
    }

    /// The `format=` option of `load` and `save`.
    func fileFormat(_ value: OptionValue) throws(StatementError) -> FileFormat {
        guard let f = FileFormat(rawValue: value.text.lowercased()) else {
            throw .diagnostic(.error("unknown format '\(value.text)'", span: value.span, hint: "formats: " + FileFormat.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return f
    }

    /// The `delimiter=` option of `load` and `save`: one character, or `\t` / `tab`.
    func delimiter(_ value: OptionValue) throws(StatementError) -> UInt8 {
        let t = value.text == "\\t" || value.text.lowercased() == "tab" ? "\t" : value.text
        guard t.utf8.count == 1, let b = t.utf8.first else {
            throw .diagnostic(.error("delimiter must be one character, got '\(value.text)'", span: value.span))
        }
        return b
    }

    func bool(_ value: OptionValue, option: String) throws(StatementError) -> Bool {
        switch value.text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw .diagnostic(.error("\(option) must be true or false, got '\(value.text)'", span: value.span))
        }
    }

    /// Parses `"col:type, col:type"`.
    func typeOverrides(_ value: OptionValue) throws(StatementError) -> [String: DataType] {
        var out: [String: DataType] = [:]
        for part in value.text.split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty else {
                throw .diagnostic(.error("types must look like \"col:type, col:type\", got '\(part.trimmingCharacters(in: .whitespaces))'", span: value.span))
            }
            guard let t = DataType(name: pair[1]) else {
                throw .diagnostic(.error("unknown type '\(pair[1])' for column '\(pair[0])'", span: value.span, hint: "types: int, float, bool, string, timestamp, duration, ip"))
            }
            out[pair[0]] = t
        }
        return out
    }

    /// The `load` statement for a data file named on the command line (the path
    /// quoted as a string literal, so any characters are allowed).
    public static func loadStatement(forPath path: String) -> String {
        let quoted = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "load \"\(quoted)\""
    }

    /// The default frame name for a file: its stem, made an identifier.
    static func frameName(forPath path: String) -> String {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var out = ""
        for ch in stem.unicodeScalars {
            if ch.properties.isAlphabetic && ch.isASCII || ch == "_" || (ch.isASCII && ch.properties.numericType != nil) {
                out.unicodeScalars.append(ch)
            } else {
                out.append("_")
            }
        }
        if out.isEmpty { return "data" }
        if let f = out.unicodeScalars.first, f.properties.numericType != nil { out = "_" + out }
        return out
    }
}

/// Human-readable byte counts.
enum ByteCount {
    /// `3.2 MB`, `512 B` (powers of 1000, as sizes are written in the language).
    static func text(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = Double(bytes)
        var i = 0
        while v >= 1000 && i < units.count - 1 { v /= 1000; i += 1 }
        return i == 0 ? "\(bytes) B" : String(format: "%.1f", v) + " " + units[i]
    }
}
