/// Turns a frame read with a file's own header into canonical columns by a
/// profile: renames known columns (their original names stay as each field's
/// `sourceName`), joins split date and time columns, strips and counts leading
/// apostrophes, flags identifiers in scientific notation, and applies the
/// dedup rule. Damage is reported, never repaired by guessing.
///
/// Works on the parsed columns, not on the file's bytes.
public enum ProfileApplier {
    /// Applies `profile`; `zone` is the zone of the file's dates and times.
    public static func apply(_ profile: Profile, to frame: Frame, zone: Zone) -> ProfiledFrame {
        var damage: [String] = []
        let keys = frame.fields.map { HeaderKey.of($0.sourceName ?? $0.name) }
        func find(_ headers: [String]) -> Int? {
            let wanted = Set(headers.map(HeaderKey.of))
            return keys.firstIndex { wanted.contains($0) }
        }
        var inFields = frame.fields
        var inColumns = frame.columns
        for rule in profile.units {
            guard let c = find([rule.header]) else { continue }
            let (converted, note) = UnitConverter.convert(inColumns[c], unit: rule.unit, zone: zone, shown: "`\(original(inFields[c]))`")
            inColumns[c] = converted
            inFields[c].type = converted.type
            if let note { damage.append(note) }
        }
        let frame = profile.units.isEmpty ? frame : Frame(fields: inFields, columns: inColumns, rowCount: frame.rowCount)
        var consumed = Set<Int>()
        var merged: [Int: (name: String, column: Column, source: String)] = [:]
        for rule in profile.timestamps {
            guard let d = find(rule.dateHeaders), !consumed.contains(d) else { continue }
            let t = find(rule.timeHeaders).flatMap { consumed.contains($0) ? nil : $0 }
            let result = TimestampMerger.merge(date: frame.columns[d], time: t.map { frame.columns[$0] }, rule: rule,
                                               zone: zone, excelSerial: profile.excelSerialDates)
            damage += result.damage
            consumed.insert(d)
            if let t { consumed.insert(t) }
            let source = original(frame.fields[d]) + (t.map { " + " + original(frame.fields[$0]) } ?? "")
            merged[d] = (rule.target, result.column, source)
        }
        var renames: [Int: String] = [:]
        for rule in profile.columns {
            if let c = find(rule.headers), !consumed.contains(c), renames[c] == nil, merged[c] == nil { renames[c] = rule.target }
        }
        var fields: [Field] = []
        var columns: [Column] = []
        var used = Set<String>()
        for (c, field) in frame.fields.enumerated() {
            if let m = merged[c] {
                fields.append(Field(m.name, .timestamp, sourceName: m.source))
                columns.append(m.column)
                used.insert(m.name)
                continue
            }
            if consumed.contains(c) { continue }
            let target = renames[c]
            let name = target ?? field.name
            var column = frame.columns[c]
            let shown = target.map { $0 == original(field) ? $0 : "\($0) (\(original(field)))" } ?? "`\(name)`"
            if case .string = column.values {
                let (stripped, count) = ValueRepair.stripApostrophes(column)
                if count > 0 {
                    column = stripped
                    damage.append("\(shown): leading apostrophe stripped from \(rows(count))")
                }
            }
            if let target, let type = CanonicalColumns.type(of: target) {
                let (converted, note) = ValueRepair.convert(column, to: type, shown: shown)
                column = converted
                if let note { damage.append(note) }
            }
            if let target, CanonicalColumns.identifiers.contains(target) {
                if let note = IdentifierDamage.note(column, shown: shown) { damage.append(note) }
            }
            var unique = name
            var k = 2
            while used.contains(unique) { unique = "\(name)_\(k)"; k += 1 }
            used.insert(unique)
            fields.append(Field(unique, column.type, sourceName: target == nil ? field.sourceName : original(field)))
            columns.append(column)
        }
        addEndTimes(profile.endTimes, fields: &fields, columns: &columns, damage: &damage)
        var out = Frame(fields: fields, columns: columns, rowCount: frame.rowCount)
        var removed = 0
        if !profile.dedupColumns.isEmpty {
            let key = profile.dedupColumns.compactMap { out.column($0) }
            if key.count == profile.dedupColumns.count, out.rowCount > 0 {
                let groups = GroupIds(key, rowCount: out.rowCount)
                removed = out.rowCount - groups.count
                if removed > 0 {
                    out = Selection.gather(out, groups.firstRows.sorted())
                    damage.append("dedup on \(profile.dedupColumns.joined(separator: ", ")): \(rows(removed)) repeating an earlier row removed")
                }
            } else if key.count != profile.dedupColumns.count {
                let missing = profile.dedupColumns.filter { out.column($0) == nil }
                damage.append("dedup skipped: no column \(missing.joined(separator: ", "))")
            }
        }
        if let rule = profile.allocationVolume {
            let (kept, notes) = AllocationVolume.apply(rule, to: out)
            out = kept
            damage += notes
        }
        return ProfiledFrame(frame: out, damage: damage, duplicatesRemoved: removed)
    }

    /// Adds each end-time rule's column right after its start column; a rule
    /// whose column already exists, or whose start or duration column the
    /// frame lacks, adds nothing.
    static func addEndTimes(_ rules: [Profile.EndTimeRule], fields: inout [Field], columns: inout [Column], damage: inout [String]) {
        func find(_ names: [String]) -> Int? {
            let wanted = Set(names.map(HeaderKey.of))
            return fields.firstIndex { wanted.contains(HeaderKey.of($0.name)) }
                ?? fields.firstIndex { $0.sourceName.map { wanted.contains(HeaderKey.of($0)) } ?? false }
        }
        for rule in rules where !fields.contains(where: { $0.name == rule.target }) {
            guard let s = find(rule.start), let d = find(rule.duration) else { continue }
            let shown = "\(rule.target) = \(fields[s].name) + \(fields[d].name)"
            let result = EndTimeAdder.add(start: columns[s], duration: columns[d], shown: shown)
            damage += result.damage
            guard let column = result.column else { continue }
            fields.insert(Field(rule.target, .timestamp, sourceName: "\(original(fields[s])) + \(original(fields[d]))"), at: s + 1)
            columns.insert(column, at: s + 1)
        }
    }

    /// The header text a field was read from.
    static func original(_ f: Field) -> String { f.sourceName ?? f.name }

    /// `1 row`, `12 rows`.
    static func rows(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }
}
