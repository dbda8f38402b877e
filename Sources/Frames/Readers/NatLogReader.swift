import Foundation

/// Reads CGNAT port-block syslogs (NatBlockEvent lists the message shapes)
/// into one row per allocation interval: which private address held which
/// block of public ports, from when to when.
///
/// Columns: `private_ip`, `public_ip` (ip), `port_start`, `port_end` (int),
/// `alloc_start`, `alloc_end` (timestamp), `vendor`, `host` (text),
/// `alloc_line`, `release_line` (int: the lines of the allocation and the
/// release). An allocation is closed by the next release of the same private
/// address, public address and block; one still open at the end of the log
/// has a null `alloc_end`. A release with no allocation before it (the block
/// was allocated before the log starts) is a row with a null `alloc_start`;
/// so is an interim (still-held) message for a block with no open allocation.
/// A second allocation of a block already open is the same interval. Each of
/// these is counted in a note.
///
/// Times come from the syslog header. RFC 5424 and ISO 8601 stamps carry
/// their offset; a BSD stamp (`Oct  5 14:03:11`) is read in the load's zone,
/// and its year is that of the last dated (RFC 5424 / ISO) line above it —
/// else of the first dated line in the file, else of the file's modification
/// time, which a note then says — moving to the next year when the month goes
/// back (December to January).
///
/// A line that carries a port-block tag but not its fields stops the read
/// with file, line and column (`onError = .fail`) or is rejected (`.skip`);
/// every other line is counted in a note, never dropped unseen.
enum NatLogReader {
    /// Whether a line of the first 64 KiB is a syslog line with a port-block tag
    /// (a CSV export that quotes such messages in a column is not one).
    static func looks(_ file: MappedFile) -> Bool {
        guard let base = file.base else { return false }
        let text = String(decoding: UnsafeBufferPointer(start: base, count: min(file.count, 64 * 1024)), as: UTF8.self)
        guard NatBlockEvent.tags.contains(where: { text.contains($0.tag) }) else { return false }
        return text.split(separator: "\n").contains { line in
            let l = String(line)
            return NatBlockEvent.tag(in: l) != nil && SyslogHeader.parse(l, zone: .utc) != nil
        }
    }

    /// A parsed event line.
    struct Dated {
        var event: NatBlockEvent
        var header: SyslogHeader
        var line: Int
        var text: String
        var time: Int64 = 0
    }

    /// An allocation interval being built.
    struct Interval {
        var event: NatBlockEvent
        var host: String?
        var allocStart: Int64?
        var allocEnd: Int64?
        var allocLine: Int?
        var releaseLine: Int?
        var firstLine: Int
        var text: String
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        var events: [Dated] = []
        var rejects = RecordRejects()
        var passedOver = 0
        var firstDatedYear: Int64?
        try TextLines.forEach(file) { (number: Int, text: String?) throws(LoadError) in
            if let isCancelled = options.isCancelled, isCancelled() { throw .cancelled(path: file.path) }
            guard let text else {
                let error = LoadError.malformedRecord(SourcePosition(file: file.path, line: number, column: 1), reason: "the line is not UTF-8 text")
                if options.onError == .fail { throw error }
                rejects.add(error, text: "")
                return
            }
            if text.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
            let header = SyslogHeader.parse(text, zone: options.zone)
            if firstDatedYear == nil, let t = header?.instant { firstDatedYear = year(t, zone: options.zone) }
            guard let tag = NatBlockEvent.tag(in: text) else {
                passedOver += 1
                return
            }
            let failure: LoadError
            switch NatBlockEvent.parse(text, tag: tag.tag, kind: tag.kind, vendor: tag.vendor) {
            case .event(let event):
                if let header {
                    events.append(Dated(event: event, header: header, line: number, text: text))
                    return
                }
                failure = .malformedRecord(SourcePosition(file: file.path, line: number, column: 1),
                                           reason: "a \(tag.tag) line without a syslog timestamp (RFC 5424, ISO 8601 or `Oct  5 14:03:11 host`)")
            case .problem(let reason):
                failure = .malformedRecord(SourcePosition(file: file.path, line: number, column: tag.column), reason: reason)
            }
            if options.onError == .fail { throw failure }
            rejects.add(failure, text: text)
        }

        var notes: [String] = []
        let (assumed, bad) = resolveTimes(&events, zone: options.zone, firstDatedYear: firstDatedYear, path: file.path)
        for k in bad {
            let error = LoadError.malformedRecord(SourcePosition(file: file.path, line: events[k].line, column: 1),
                                                  reason: "the syslog timestamp is not a valid date and time")
            if options.onError == .fail { throw error }
            rejects.add(error, text: events[k].text)
        }
        if !bad.isEmpty {
            let dropped = Set(bad)
            events = events.indices.filter { !dropped.contains($0) }.map { events[$0] }
        }
        if let (year, count) = assumed {
            notes.append("year \(year) assumed for \(count) line(s) with BSD timestamps (no dated line in the file; taken from its modification time)")
        }
        let (intervals, counts) = pair(events)
        if events.isEmpty && rejects.count == 0 { throw .noRecords(path: file.path) }

        var table = CellTable(path: file.path)
        let layout: [(String, DataType)] = [
            ("private_ip", .ip), ("public_ip", .ip), ("port_start", .int), ("port_end", .int),
            ("alloc_start", .timestamp), ("alloc_end", .timestamp), ("vendor", .string), ("host", .string),
            ("alloc_line", .int), ("release_line", .int),
        ]
        for (name, _) in layout { table.column(name) }
        for i in intervals {
            let line = i.firstLine
            table.addRow(line: line, text: i.text)
            table.set("private_ip", i.event.privateIP, line: line, column: 1)
            table.set("public_ip", i.event.publicIP, line: line, column: 1)
            table.set("port_start", String(i.event.portStart), line: line, column: 1)
            table.set("port_end", String(i.event.portEnd), line: line, column: 1)
            table.set("alloc_start", i.allocStart.map { TimeFormat.iso8601(micros: $0, zone: .utc) }, line: line, column: 1)
            table.set("alloc_end", i.allocEnd.map { TimeFormat.iso8601(micros: $0, zone: .utc) }, line: line, column: 1)
            table.set("vendor", i.event.vendor, line: line, column: 1)
            table.set("host", i.host, line: line, column: 1)
            table.set("alloc_line", i.allocLine.map(String.init), line: line, column: 1)
            table.set("release_line", i.releaseLine.map(String.init), line: line, column: 1)
        }
        notes.insert("NAT port-block log: \(events.count) event(s), \(intervals.count) allocation interval(s)", at: 0)
        if passedOver > 0 { notes.append("\(passedOver) line(s) that are not port-block events passed over") }
        if counts.releasesWithoutAlloc > 0 {
            notes.append("\(counts.releasesWithoutAlloc) release(s) without an allocation in the log (allocated before it starts): alloc_start is null")
        }
        if counts.interimOpened > 0 {
            notes.append("\(counts.interimOpened) block(s) first seen in an interim message (allocated before the log starts): alloc_start is null")
        }
        if counts.repeatedAllocs > 0 { notes.append("\(counts.repeatedAllocs) allocation(s) of a block already open kept in the open interval") }
        if counts.open > 0 { notes.append("\(counts.open) allocation(s) still open at the end of the log: alloc_end is null") }
        var o = options
        for (name, type) in layout where o.types[name] == nil { o.types[name] = type }
        let result = try table.frame(options: o, format: .natlog, bytesRead: Int64(file.count), notes: notes)
        return rejects.merged(into: result)
    }

    /// Fills each event's time; returns the assumed year and how many lines used it (when one was
    /// assumed), and the events whose BSD stamp is not a date of the year it falls in.
    static func resolveTimes(_ events: inout [Dated], zone: Zone, firstDatedYear: Int64?, path: String) -> ((Int64, Int)?, [Int]) {
        var bad: [Int] = []
        var anchor: Int64?
        var lastMonth: Int64?
        var assumedYear: Int64?
        var assumedCount = 0
        for k in events.indices {
            let h = events[k].header
            if let t = h.instant {
                events[k].time = t
                anchor = year(t, zone: zone)
                lastMonth = month(t, zone: zone)
                continue
            }
            guard let bsd = h.bsd else { continue }
            if anchor == nil {
                if let y = firstDatedYear {
                    anchor = y
                } else {
                    let y = modificationYear(path, zone: zone)
                    assumedYear = y
                    anchor = y
                }
            }
            if assumedYear != nil { assumedCount += 1 }
            if let m = lastMonth, bsd.month < m, let a = anchor { anchor = a + 1 }
            lastMonth = bsd.month
            let year = anchor ?? 1970
            let m = WallClock.months[Int(bsd.month) - 1]
            if let t = WallClock.monthDayTime(month: Substring(m), day: Substring(String(bsd.day)), time: bsd.time, year: year, zone: zone) {
                events[k].time = t
            } else {
                bad.append(k)
            }
        }
        return (assumedYear.map { ($0, assumedCount) }, bad)
    }

    /// What pairing found besides closed intervals.
    struct Counts {
        var releasesWithoutAlloc = 0
        var interimOpened = 0
        var repeatedAllocs = 0
        var open = 0
    }

    /// Pairs allocations with releases of the same private address, public address and block, in file order.
    static func pair(_ events: [Dated]) -> ([Interval], Counts) {
        var out: [Interval] = []
        var open: [String: Int] = [:]
        var counts = Counts()
        for e in events {
            let key = "\(e.event.privateIP)|\(e.event.publicIP)|\(e.event.portStart)|\(e.event.portEnd)"
            switch e.event.kind {
            case .alloc:
                if open[key] != nil {
                    counts.repeatedAllocs += 1
                    continue
                }
                open[key] = out.count
                out.append(Interval(event: e.event, host: e.header.host, allocStart: e.time, allocLine: e.line, firstLine: e.line, text: e.text))
            case .interim:
                if open[key] != nil { continue }
                counts.interimOpened += 1
                open[key] = out.count
                out.append(Interval(event: e.event, host: e.header.host, firstLine: e.line, text: e.text))
            case .release:
                if let k = open[key] {
                    out[k].allocEnd = e.time
                    out[k].releaseLine = e.line
                    open[key] = nil
                } else {
                    counts.releasesWithoutAlloc += 1
                    out.append(Interval(event: e.event, host: e.header.host, allocEnd: e.time, releaseLine: e.line, firstLine: e.line, text: e.text))
                }
            }
        }
        counts.open = open.count
        return (out, counts)
    }

    static func year(_ micros: Int64, zone: Zone) -> Int64 {
        TimeFormat.civilFromDays(TimeFormat.floorDiv(zone.localMicros(fromInstant: micros), TimeFormat.microsPerDay)).year
    }

    static func month(_ micros: Int64, zone: Zone) -> Int64 {
        TimeFormat.civilFromDays(TimeFormat.floorDiv(zone.localMicros(fromInstant: micros), TimeFormat.microsPerDay)).month
    }

    /// The year of the file's modification time in `zone`.
    static func modificationYear(_ path: String, zone: Zone) -> Int64 {
        let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? Date()
        return year(Int64(date.timeIntervalSince1970) * TimeFormat.microsPerSecond, zone: zone)
    }
}
