/// Finds the end of the last good line of a log when it is opened: an
/// unterminated last line (a crash mid-write) or an unreadable one is torn
/// and must be moved aside, never dropped.
struct TornTail {
    /// Where the torn bytes start, and the bytes.
    var offset: Int64
    var bytes: [UInt8]

    /// The state of the log's end.
    struct Scan {
        /// The torn tail, if any.
        var torn: TornTail?
        /// The last good entry before it (nil for an empty log).
        var last: AuditEntry?
        /// Why the line before the torn one is bad too (the log is damaged).
        var damage: LineProblem?
    }

    /// Looks at the end of the open log `fd` of `size` bytes.
    static func scan(_ fd: Int32, size: Int64) -> Scan {
        guard size > 0 else { return Scan() }
        guard let lastNewline = lastNewline(fd, before: size) else {
            // No newline at all: everything is one torn line.
            return Scan(torn: TornTail(offset: 0, bytes: SystemCalls.read(fd, offset: 0, count: Int(size)) ?? []))
        }
        if lastNewline != size - 1 {
            let tail = SystemCalls.read(fd, offset: lastNewline + 1, count: Int(size - lastNewline - 1)) ?? []
            var scan = lastEntry(fd, endingAt: lastNewline)
            scan.torn = TornTail(offset: lastNewline + 1, bytes: tail)
            return scan
        }
        let start = (self.lastNewline(fd, before: lastNewline) ?? -1) + 1
        let line = SystemCalls.read(fd, offset: start, count: Int(lastNewline - start)) ?? []
        switch EntryLine.decode(line) {
        case .success(let e):
            return Scan(last: e)
        case .failure:
            var scan = start > 0 ? lastEntry(fd, endingAt: start - 1) : Scan()
            scan.torn = TornTail(offset: start, bytes: line + [10])
            return scan
        }
    }

    /// The entry on the line that ends with the newline at `newline`.
    private static func lastEntry(_ fd: Int32, endingAt newline: Int64) -> Scan {
        let start = (lastNewline(fd, before: newline) ?? -1) + 1
        let line = SystemCalls.read(fd, offset: start, count: Int(newline - start)) ?? []
        switch EntryLine.decode(line) {
        case .success(let e): return Scan(last: e)
        case .failure(let p): return Scan(damage: p)
        }
    }

    /// The offset of the last newline before `end`, reading backwards in blocks.
    private static func lastNewline(_ fd: Int32, before end: Int64) -> Int64? {
        var hi = end
        let block: Int64 = 65_536
        while hi > 0 {
            let lo = max(0, hi - block)
            guard let chunk = SystemCalls.read(fd, offset: lo, count: Int(hi - lo)) else { return nil }
            if let i = chunk.lastIndex(of: 10) { return lo + Int64(i) }
            hi = lo
        }
        return nil
    }
}
