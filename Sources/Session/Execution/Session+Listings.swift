import Foundation
import Frames

extension Session {
    /// The `frames` listing.
    func framesListing() -> Frame {
        var names: [Value] = [], rows: [Value] = [], cols: [Value] = [], memory: [Value] = [], sources: [Value] = []
        for n in catalog.frameNames {
            guard let e = catalog.entry(n) else { continue }
            names.append(.string(n))
            rows.append(.int(Int64(e.frame.rowCount)))
            cols.append(.int(Int64(e.frame.columns.count)))
            memory.append(.string(ByteCount.text(Int64(e.frame.memoryBytes))))
            sources.append(.string(e.source))
        }
        return Frame([
            ("name", .from(.string, names)), ("rows", .from(.int, rows)), ("columns", .from(.int, cols)),
            ("memory", .from(.string, memory)), ("source", .from(.string, sources)),
        ])
    }

    /// The `settings` listing.
    func settingsListing() -> Frame {
        let keys = Settings.keys
        return Frame([
            ("key", .from(.string, keys.map { .string($0.key) })),
            ("value", .from(.string, keys.map { .string(settings.value(of: $0.key) ?? "") })),
            ("description", .from(.string, keys.map { .string($0.help) })),
        ])
    }

    /// The `status` text: memory, frames, plugins and recent timings.
    func statusText() -> String {
        var out = ""
        let frameBytes = catalog.frameNames.compactMap { catalog.frame($0)?.memoryBytes }.reduce(0, +)
        out += "memory: \(ByteCount.text(Int64(ProcessMemory.residentBytes()))) resident, \(ByteCount.text(Int64(frameBytes))) in frames\n"
        out += "frames: \(catalog.frameNames.count)\(catalog.frameNames.isEmpty ? "" : " (" + catalog.frameNames.joined(separator: ", ") + ")")\n"
        out += "plugins: none loaded\n"
        out += "settings: tz=\(settings.tz.name), display.rows=\(settings.displayRows), script.on_error=\(settings.scriptOnError.rawValue)\n"
        let recent = recentTimings.suffix(10)
        if !recent.isEmpty {
            out += "recent commands:\n"
            for t in recent {
                let oneLine = t.command.split(whereSeparator: \.isNewline).joined(separator: " ")
                let shown = oneLine.count > 60 ? String(oneLine.prefix(59)) + "…" : oneLine
                out += "  \(String(format: "%10.1f", t.milliseconds)) ms  \(t.succeeded ? "ok  " : "fail")  \(shown)\n"
            }
        }
        return out
    }
}

/// The process's resident memory.
enum ProcessMemory {
    /// Hands memory freed by a load's temporary buffers back to the system.
    static func returnFreePages() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    /// Resident set size in bytes, from `/proc/self/statm` (0 where unavailable).
    static func residentBytes() -> Int {
        guard let fd = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(fd) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { s in
            withUnsafeMutablePointer(to: &resident) { r in
                withVaList([s, r]) { vfscanf(fd, "%ld %ld", $0) }
            }
        }) == 2 else { return 0 }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (declared in <malloc.h>, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
