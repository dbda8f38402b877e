import Testing
import Frames
@testable import Language

/// A small IPDR-like frame shared by binder and plan tests.
enum PlanFixture {
    /// The binder's error for a pipeline, nil when it binds.
    static func bindError(_ text: String) throws -> BindError? {
        do {
            _ = try Binder(schemas: schemas).bind(pipeline(text))
            return nil
        } catch let e as BindError {
            return e
        }
    }

    /// The source text an error's span covers.
    static func spanText(_ text: String, _ e: BindError) -> String {
        let b = Array(text.utf8)
        return String(decoding: b[e.span.start..<e.span.end], as: UTF8.self)
    }

    static let frame: Frame = {
        func ts(_ s: String) -> Value { .timestamp(TimestampParser.parse(s, zone: .utc) ?? 0) }
        let msisdn = Column.from(.string, [.string("+911"), .string("+912"), .string("+911"), .null, .string("+913"), .string("+912")])
        let dst = Column.from(.ip, ["157.240.1.1", "10.0.0.1", "8.8.8.8", "157.240.1.1", "100.64.1.2", "fe80::1"].map { .ip(IPAddress($0)!) })
        let port = Column.from(.int, [.int(443), .int(80), .int(53), .int(443), .null, .int(443)])
        let up = Column.from(.int, [.int(100), .int(2_000_000), .int(50), .int(300), .int(10), .null])
        let start = Column.from(.timestamp, [ts("2026-03-14 04:00:00"), ts("2026-03-14 04:45:00"), ts("2026-03-14 05:10:00"),
                                             ts("2026-03-14 06:00:00"), .null, ts("2026-03-15 00:30:00")])
        let apn = Column(.string(.dictionary(indices: [0, 1, 0, 2, 1, 0], dictionary: PlainStrings(["internet", "IMS", "WhatsApp.net"]))))
        return Frame([("msisdn", msisdn), ("dst_ip", dst), ("dst_port", port), ("bytes_up", up), ("start_time", start), ("apn", apn)])
    }()

    static let schemas = StaticSchemas(["ipdr": frame.fields, "other": [Field("x", .int)]])

    static func pipeline(_ text: String) throws -> Pipeline {
        let parsed = Parser.parse(SourceFile(name: "t", text: text))
        try #require(!parsed.hasErrors, "\(parsed.diagnostics)")
        guard case .pipeline(let p)? = parsed.statements.first?.statement else {
            Issue.record("not a pipeline: \(text)")
            throw BindError.unsupportedStage("?", .at(0))
        }
        return p
    }

    static func run(_ text: String, zone: Zone = .utc) throws -> Frame {
        let plan = try Binder(schemas: schemas, zone: zone).bind(pipeline(text))
        return try PlanExecutor(context: EvaluationContext(zone: zone)).run(plan) { $0 == "ipdr" ? frame : nil }
    }

    static func values(_ f: Frame, _ column: String) -> [Value] {
        guard let c = f.column(column) else { return [] }
        return (0..<c.count).map { c.value(at: $0) }
    }
}

@Suite struct PlanExecutionTests {
    @Test func whereAndCount() throws {
        let r = try PlanFixture.run("ipdr | where dst_port == 443 | count")
        #expect(PlanFixture.values(r, "count") == [.int(3)])
    }

    @Test func timestampAndIPLiterals() throws {
        var r = try PlanFixture.run(#"ipdr | where start_time >= "2026-03-14 10:00:00 +05:30" | count"#)
        // 10:00 +05:30 is 04:30 UTC: 04:45, 05:10, 06:00 and the next day's 00:30 qualify.
        #expect(PlanFixture.values(r, "count") == [.int(4)])
        r = try PlanFixture.run(#"ipdr | where dst_ip == "157.240.1.1" | select msisdn"#)
        #expect(PlanFixture.values(r, "msisdn") == [.string("+911"), .null])
    }

    @Test func summarizeSortedByKeysWithDefaultNames() throws {
        let r = try PlanFixture.run("ipdr | summarize count(), sum(bytes_up), dcount(dst_port) by msisdn")
        #expect(r.names == ["msisdn", "count", "sum_bytes_up", "dcount_dst_port"])
        #expect(PlanFixture.values(r, "msisdn") == [.string("+911"), .string("+912"), .string("+913"), .null])
        #expect(PlanFixture.values(r, "count") == [.int(2), .int(2), .int(1), .int(1)])
        #expect(PlanFixture.values(r, "sum_bytes_up") == [.int(150), .int(2_000_000), .int(10), .int(300)])
        #expect(PlanFixture.values(r, "dcount_dst_port") == [.int(2), .int(2), .int(0), .int(1)])
    }

    @Test func extendSortTakeTopDistinct() throws {
        var r = try PlanFixture.run("ipdr | extend kb = bytes_up / 1000, h = hour(start_time) | sort kb desc | take 2 | select msisdn, kb, h")
        #expect(PlanFixture.values(r, "kb") == [.int(2000), .int(0)])
        #expect(PlanFixture.values(r, "h") == [.int(4), .int(4)])
        r = try PlanFixture.run("ipdr | top 2 by bytes_up")
        #expect(PlanFixture.values(r, "bytes_up") == [.int(2_000_000), .int(300)])
        r = try PlanFixture.run("ipdr | distinct apn")
        #expect(PlanFixture.values(r, "apn") == [.string("internet"), .string("IMS"), .string("WhatsApp.net")])
    }

    @Test func stringPredicatesAndIPFunctions() throws {
        var r = try PlanFixture.run(#"ipdr | where apn contains~ "whatsapp" | count"#)
        #expect(PlanFixture.values(r, "count") == [.int(1)])
        r = try PlanFixture.run("ipdr | where is_private(dst_ip) | count")
        #expect(PlanFixture.values(r, "count") == [.int(3)])
        r = try PlanFixture.run(#"ipdr | where ip_in(dst_ip, "157.240.0.0/16") and dst_port in (443, 8443) | count"#)
        #expect(PlanFixture.values(r, "count") == [.int(2)])
    }

    @Test func excludeRenameAndZones() throws {
        let r = try PlanFixture.run(#"ipdr | rename phone = msisdn | exclude apn | extend d = date(start_time, "+05:30") | take 1"#)
        #expect(r.names == ["phone", "dst_ip", "dst_port", "bytes_up", "start_time", "d"])
        #expect(PlanFixture.values(r, "d") == [.string("2026-03-14")])
    }

    @Test func cancellationStops() throws {
        let plan = try Binder(schemas: PlanFixture.schemas).bind(PlanFixture.pipeline("ipdr | where dst_port == 443"))
        let ex = PlanExecutor(context: EvaluationContext(isCancelled: { true }))
        #expect(throws: EvaluationError.cancelled) { try ex.run(plan, on: PlanFixture.frame) }
    }
}
