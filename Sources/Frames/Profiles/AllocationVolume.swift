/// Finds, and on request undoes, an allocation's volume repeated on every
/// event row of that allocation (some DoT files do this), which makes
/// `sum(bytes_up)` count each allocation's volume once per event row.
///
/// An allocation is the rows equal on the rule's key (rows with a null key
/// belong to none). Only allocations of more than one row whose rows all
/// carry the same volumes are repeats. With `keepFirst` false the profile only
/// warns, and only when every allocation of several rows repeats (a file that
/// does this does it everywhere); with `keepFirst` true the volume stays on
/// each repeating allocation's first row and the repeats become null, while
/// allocations whose rows differ are left as they are and counted.
enum AllocationVolume {
    /// The frame (changed only with `keepFirst`) and the damage lines.
    static func apply(_ rule: Profile.AllocationVolumeRule, to frame: Frame) -> (Frame, [String]) {
        let keys = rule.key.compactMap { frame.column($0) }
        let volumeIndices = rule.columns.compactMap { name in frame.fields.firstIndex { $0.name == name } }
        guard keys.count == rule.key.count, volumeIndices.count == rule.columns.count, frame.rowCount > 1 else { return (frame, []) }
        let n = frame.rowCount
        let volumes = volumeIndices.map { frame.columns[$0] }
        let groups = GroupIds(keys, rowCount: n)
        var size = [Int](repeating: 0, count: groups.count)
        var first = [Int](repeating: -1, count: groups.count)
        var same = [Bool](repeating: true, count: groups.count)
        var carries = [Bool](repeating: false, count: groups.count)
        var inAllocation = [Bool](repeating: false, count: n)
        for r in 0..<n where keys.allSatisfy({ $0.isValid(r) }) {
            inAllocation[r] = true
            let g = Int(groups.ids[r])
            size[g] += 1
            if first[g] < 0 {
                first[g] = r
                carries[g] = volumes.contains { $0.isValid(r) }
            } else if same[g] {
                same[g] = volumes.allSatisfy { $0.value(at: r) == $0.value(at: first[g]) }
            }
        }
        var repeating = 0, differing = 0, repeats = 0
        for g in 0..<groups.count where size[g] > 1 {
            if !same[g] {
                differing += 1
            } else if carries[g] {
                repeating += 1
                repeats += size[g] - 1
            }
        }
        let columns = rule.columns.joined(separator: ", ")
        if !rule.keepFirst {
            guard repeating > 0, differing == 0 else { return (frame, []) }
            var note = "\(columns): \(eventRows(repeats)) their allocation's volume (\(allocations(repeating))): "
                + "sum() counts each allocation's volume once per event row"
            if let s = rule.suggest { note += "; load with profile=\(s) to keep it once" }
            return (frame, [note])
        }
        var damage: [String] = []
        var out = frame
        if repeating > 0 {
            var fields = frame.fields
            var built = frame.columns
            for (k, c) in volumeIndices.enumerated() {
                let column = volumes[k]
                var b = ColumnBuilder(column.type)
                for r in 0..<n {
                    let g = Int(groups.ids[r])
                    let repeated = inAllocation[r] && size[g] > 1 && same[g] && carries[g] && r != first[g]
                    b.append(repeated ? .null : column.value(at: r))
                }
                built[c] = b.finish()
                fields[c].type = built[c].type
            }
            out = Frame(fields: fields, columns: built, rowCount: n)
            damage.append("\(columns): kept on the first row of each allocation (\(rule.key.joined(separator: ", "))): "
                + "\(grouped(repeats)) repeat\(repeats == 1 ? "" : "s") made null (\(allocations(repeating)))")
        }
        if differing > 0 {
            damage.append("\(columns): \(allocations(differing)) of several rows left as they are: their rows carry different volumes")
        }
        return (out, damage)
    }

    /// `1 event row repeats`, `1,204 event rows repeat`.
    static func eventRows(_ n: Int) -> String { n == 1 ? "1 event row repeats" : "\(grouped(n)) event rows repeat" }

    /// `1 allocation`, `312 allocations`.
    static func allocations(_ n: Int) -> String { n == 1 ? "1 allocation" : "\(grouped(n)) allocations" }

    /// `1,204`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
