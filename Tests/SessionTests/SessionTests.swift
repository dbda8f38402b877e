import Foundation
import Testing
@testable import Frames
@testable import Session

/// The session kernel driven directly, as every mode drives it.
@Suite struct SessionTests {
    static func tempCSV(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-session-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let csv = "msisdn,dst_port,bytes_up,start_time\n+919800000001,443,100,2025-10-05 09:00:00\n+919800000002,53,,2025-10-05 23:30:00\n"

    @Test func loadLetDropAndCatalogOrder() throws {
        let path = try Self.tempCSV(Self.csv)
        let out = CapturedOutput()
        let s = Session(output: out)
        #expect(s.execute("load \"\(path)\" as a\nlet b = a | where dst_port == 443\nlet c = b | count", origin: .command))
        #expect(s.catalog.frameNames == ["a", "b", "c"])
        #expect(s.catalog.frame("b")?.rowCount == 1)
        #expect(s.catalog.frame("c")?.column("count")?.value(at: 0) == .int(1))
        #expect(s.execute("drop b", origin: .command))
        #expect(s.catalog.frameNames == ["a", "c"])
        #expect(out.stderr.isEmpty)
    }

    @Test func letReplacesAndFailuresLeaveFramesUnchanged() throws {
        let path = try Self.tempCSV(Self.csv)
        let out = CapturedOutput()
        let s = Session(output: out)
        s.execute("load \"\(path)\" as a\nlet b = a | take 1", origin: .command)
        #expect(!s.execute("let b = a | where nosuch > 1", origin: .command))
        #expect(s.catalog.frame("b")?.rowCount == 1)
        #expect(!s.execute("load \"\(path).missing\" as a", origin: .command))
        #expect(s.catalog.frame("a")?.rowCount == 2)
        #expect(out.stderr.contains("unknown column 'nosuch'"))
        #expect(out.stderr.contains(".missing: error: no such file"))
    }

    @Test func sessionZoneDrivesLoadCalendarAndDisplay() throws {
        let path = try Self.tempCSV(Self.csv)
        let out = CapturedOutput()
        let s = Session(output: out, format: .csv)
        #expect(s.execute("set tz = \"+05:30\"\nload \"\(path)\" as a\na | select h = hour(start_time), start_time", origin: .command))
        #expect(out.stdout == "h,start_time\n9,2025-10-05T09:00:00+05:30\n23,2025-10-05T23:30:00+05:30\n")
        #expect(s.catalog.frame("a")?.column("start_time")?.value(at: 0) == .timestamp(1_759_635_000_000_000))
    }

    @Test func continueModeRunsEveryStatement() throws {
        let out = CapturedOutput()
        let s = Session(output: out, format: .csv)
        #expect(!s.execute("set script.on_error = continue\nnope | count\nsettings", origin: .command))
        #expect(out.stdout.contains("script.on_error,continue"))
        let stop = CapturedOutput()
        let t = Session(output: stop, format: .csv)
        #expect(!t.execute("nope | count\nsettings", origin: .command))
        #expect(stop.stdout.isEmpty)
    }

    @Test func statusListsFramesAndRecentCommands() throws {
        let path = try Self.tempCSV(Self.csv)
        let out = CapturedOutput()
        let s = Session(output: out)
        s.execute("load \"\(path)\" as a\nstatus", origin: .command)
        #expect(out.stdout.contains("frames: 1 (a)"))
        #expect(out.stdout.contains("plugins: none loaded"))
        #expect(out.stdout.contains("ok    load"))
        #expect(out.stdout.range(of: #"memory: [0-9.]+ [KMG]?B resident"#, options: .regularExpression) != nil)
    }

    @Test func exitStopsTheRest() {
        let out = CapturedOutput()
        let s = Session(output: out, format: .csv)
        #expect(s.execute("exit\nsettings", origin: .command))
        #expect(s.exitRequested)
        #expect(out.stdout.isEmpty)
    }

    @Test func runNestedScriptsAndRecursionLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let selfRunning = dir.appendingPathComponent("loop.ipdr").path
        try "run \"\(selfRunning)\"\n".write(toFile: selfRunning, atomically: true, encoding: .utf8)
        let out = CapturedOutput()
        let s = Session(output: out)
        #expect(!s.execute("run \"\(selfRunning)\"", origin: .command))
        #expect(out.stderr.contains("nested more than 16 deep"))
        #expect(out.stderr.components(separatedBy: "error:").count == 2, "the failure is reported once, not at every level")
    }

    @Test(arguments: [
        ("datasets/sample/ipdr.csv", "ipdr"), ("x/ipdr-1m.csv", "ipdr_1m"), ("2025 export.tsv", "_2025_export"),
        ("a.b.c.json", "a_b_c"), ("/tmp/.csv", "_csv"),
    ])
    func defaultFrameNames(_ path: String, _ name: String) {
        #expect(Session.frameName(forPath: path) == name)
    }
}

@Suite struct RenderingTests {
    @Test func grouping() {
        #expect(ValueFormatter.grouped(0) == "0")
        #expect(ValueFormatter.grouped(999) == "999")
        #expect(ValueFormatter.grouped(1000) == "1,000")
        #expect(ValueFormatter.grouped(-1_234_567) == "-1,234,567")
        #expect(ValueFormatter.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test func floats() {
        let table = ValueFormatter(zone: .utc, groupDigits: true)
        #expect(table.formatFloat(514.0555555555555) == "514.055556")
        #expect(table.formatFloat(1234567.5) == "1,234,567.5")
        #expect(table.formatFloat(-0.0000001) == "-1e-07")
        #expect(table.formatFloat(2.0) == "2")
        #expect(table.formatFloat(-0.0000004) == "-4e-07")
        #expect(table.formatFloat(.nan) == "NaN")
        let machine = ValueFormatter(zone: .utc, groupDigits: false)
        #expect(machine.formatFloat(514.0555555555555) == "514.0555555555555")
        #expect(machine.formatFloat(2.0) == "2.0")
        #expect(machine.formatFloat(0.1) == "0.1")
    }

    @Test func tableCutsRowsAndLongValues() {
        let long = String(repeating: "x", count: 60)
        let f = Frame([("name", Column.from(.string, [.string(long), .null, .string("b")])), ("n", Column.from(.int, [.int(1), .int(22_000), .null]))])
        let r = TableRenderer(formatter: ValueFormatter(zone: .utc, groupDigits: true), maxRows: 2).render(f)
        let lines = r.split(separator: "\n")
        #expect(lines[0] == "name" + String(repeating: " ", count: 36) + "       n")
        #expect(lines[2] == String(repeating: "x", count: 39) + "…       1")
        #expect(lines[3] == "null" + String(repeating: " ", count: 36) + "  22,000")
        #expect(lines.last == "(3 rows, first 2 shown)")
    }

    @Test func csvAndJsonRecords() {
        let f = Frame([
            ("s", Column.from(.string, [.string("a,\"b\""), .string(""), .null])),
            ("t", Column.from(.timestamp, [.timestamp(1_500_000), .null, .timestamp(0)])),
            ("x", Column.from(.float, [.float(0.5), .float(.infinity), .null])),
        ])
        let zone = Zone("+05:30") ?? .utc
        #expect(RecordPrinter(style: .csv, zone: zone).render(f) == "s,t,x\n\"a,\"\"b\"\"\",1970-01-01T05:30:01.5+05:30,0.5\n\"\",,inf\n,1970-01-01T05:30:00+05:30,\n")
        #expect(RecordPrinter(style: .json, zone: .utc).render(f) == """
        {"s":"a,\\"b\\"","t":"1970-01-01T00:00:01.5Z","x":0.5}
        {"s":"","t":null,"x":null}
        {"s":null,"t":"1970-01-01T00:00:00Z","x":null}

        """)
    }
}

@Suite struct TableFittingTests {
    static let frame = Frame([
        ("msisdn", Column.from(.string, [.string("919812345678"), .string("919800000001")])),
        ("dst_ip", Column.from(.string, [.string("2a03:2880:f12f:83:face:b00c:0:25de"), .null])),
        ("bytes_up", Column.from(.int, [.int(1_970_402_614), .int(5)])),
        ("apn", Column.from(.string, [.string("airtelgprs.com"), .string("jionet")])),
        ("rat", Column.from(.string, [.string("4G"), .string("5G")])),
    ])

    func render(width: Int?, color: Bool = false) -> [Substring] {
        TableRenderer(formatter: ValueFormatter(zone: .utc, groupDigits: true), maxRows: 20, maxWidth: width, color: color)
            .render(Self.frame).split(separator: "\n")
    }

    @Test(arguments: [200, 100, 80, 60, 40, 20])
    func everyLineFitsTheWidth(_ width: Int) {
        for line in render(width: width).dropLast() {
            #expect(line.count <= width, "\(line.count) > \(width): \(line)")
        }
    }

    @Test func wideTerminalShowsEverything() {
        let lines = render(width: 200)
        #expect(lines[0] == "msisdn        dst_ip                                   bytes_up  apn             rat")
        #expect(lines.last == "(2 rows)")
    }

    @Test func narrowTerminalShrinksThenDropsRightColumns() {
        let at60 = render(width: 60)
        #expect(at60[2] == "919812345678  2a03:2880:f…  1,970,402,614  airtelgprs.…  4G", "numbers are never cut")
        #expect(at60.last == "(2 rows)")
        let at30 = render(width: 30)
        #expect(at30.last == "(2 rows; 3 more columns not shown: bytes_up, apn, rat)")
        #expect(at30[0].hasPrefix("msisdn"))
    }

    @Test func colourMarksHeadersAndNulls() {
        let lines = render(width: nil, color: true)
        #expect(lines[0].hasPrefix("\u{1B}[1mmsisdn"))
        #expect(lines[3].contains("\u{1B}[2mnull"))
        #expect(!render(width: nil).joined().contains("\u{1B}"))
    }
}
