import Testing
import Frames
@testable import Language

@Suite struct BinderTests {
    func bindError(_ text: String) throws -> BindError? { try PlanFixture.bindError(text) }

    func spanText(_ text: String, _ e: BindError) -> String { PlanFixture.spanText(text, e) }

    @Test(arguments: [
        ("ipdr | where dst_prt == 1", "unknown column 'dst_prt'", "dst_prt", "did you mean 'dst_port'?"),
        ("ipdx | count", "unknown frame 'ipdx'", "ipdx", "did you mean 'ipdr'?"),
        ("ipdr | where msisdn == 5", "cannot compare string with int", "msisdn == 5", nil),
        ("ipdr | extend x = huor(start_time)", "unknown function 'huor'", "huor", "did you mean 'hour'?"),
        ("ipdr | extend x = hour()", "hour takes 1 or 2 arguments, got 0", "hour()", nil),
        ("ipdr | where sum(bytes_up) > 1", "aggregate 'sum' can only be used in summarize", "sum(bytes_up)", nil),
        ("ipdr | summarize bytes_up by msisdn", "summarize expects aggregates such as count() or sum(x) before 'by'", "bytes_up", nil),
        (#"ipdr | where start_time >= "yesterday""#, "\"yesterday\" is not a valid timestamp", "\"yesterday\"", nil),
        (#"ipdr | where dst_ip == "157.240.1""#, "\"157.240.1\" is not a valid ip", "\"157.240.1\"", nil),
        ("ipdr | take -1", "take needs a non-negative whole number", "-1", nil),
        ("ipdr | top 1.5 by bytes_up", "top needs a non-negative whole number", "1.5", nil),
        ("ipdr | summarize count(), count() by msisdn", "duplicate column name 'count'", "count()", nil),
        ("ipdr | select msisdn, msisdn", "duplicate column name 'msisdn'", "msisdn", nil),
        ("ipdr | join other on x", "column 'x' is not in the left frame", nil, nil),
        ("ipdr | geo.locate ip=dst_ip", "the 'geo.locate' stage is not supported here", nil, nil),
        ("ipdr | where bytes_up + \"a\" > 1", "cannot apply '+' to int and string", "bytes_up + \"a\"", nil),
        ("ipdr | where bytes_up", "where needs a bool condition, not int", "bytes_up", nil),
        (#"ipdr | where msisdn matches "[""#, "invalid regular expression \"[\"", "\"[\"", nil),
        ("ipdr | summarize percentile(bytes_up, 101)", "percentile p must be between 0 and 100", "101", nil),
    ] as [(String, String, String?, String?)])
    func errors(_ text: String, _ message: String, _ spanned: String?, _ hint: String?) throws {
        let e = try #require(try bindError(text))
        #expect(e.message == message)
        if let s = spanned { #expect(spanText(text, e) == s) }
        if let h = hint { #expect(e.hint == h) }
        #expect(e.diagnostic.message == message)
    }

    @Test func summarizeNamesAndTypes() throws {
        let plan = try Binder(schemas: PlanFixture.schemas).bind(PlanFixture.pipeline(
            "ipdr | summarize count(), avg(bytes_up), percentile(bytes_up, 95), n = countif(dst_port == 443) by hour = bin(start_time, 1h)"))
        #expect(plan.schema.map(\.name) == ["hour", "count", "avg_bytes_up", "percentile_bytes_up_95", "n"])
        #expect(plan.schema.map(\.type) == [.timestamp, .int, .float, .float, .int])
    }

    @Test func intPromotesToFloatAndNullsTakeContext() throws {
        let plan = try Binder(schemas: PlanFixture.schemas).bind(PlanFixture.pipeline(
            "ipdr | extend r = bytes_up * 1.5, z = coalesce(dst_port, null), ok = dst_port == null"))
        #expect(plan.schema.suffix(3).map(\.type) == [.float, .int, .bool])
    }

    /// Every example expression of LANGUAGE.md binds.
    @Test(arguments: [
        #"start_time >= "2026-03-14 10:00:00 +05:30""#, #"dst_ip == "157.240.1.1""#, "(end_time - start_time) / 1s > 2.5",
        #"apn contains~ "whatsapp""#, "dst_port in (80, 443, 8080)", "dst_port not in (53)",
        #"start_time between "2026-03-14" and "2026-03-15""#, "imei is null", "imei is not null",
        "hour(start_time) == 3", #"hour(start_time, "UTC") > 2"#, "dayofweek(start_time) == 7", #"date(start_time) == "2026-03-14""#,
        "bin(start_time, 1h) == start_time", "bin(bytes_up, 1MB) > 0", #"datetime("2026-03-14 10:00", "+05:30") < start_time"#,
        #"lower(apn) == "ims""#, #"upper(apn) == "IMS""#, "len(msisdn) > 10", #"substr(msisdn, 0, 3) == "+91""#,
        #"concat(msisdn, "/", imei) != """#, #"replace(msisdn, "^\\+91", "0") startswith "0""#, #"split_part(apn, ".", 1) == "ims""#,
        "abs(bytes_up - bytes_down) > 10KB", "round(bytes_up / 3.0, 2) > 1", "floor(1.5) == 1", "ceil(1.5) == 2",
        "sqrt(bytes_up) > 1", "log(bytes_down) > 1", "log10(bytes_down) > 1", #"ip("10.1.2.3") == private_ip"#,
        #"ip_in(dst_ip, "10.0.0.0/8")"#, "is_private(public_ip)", "ip_version(dst_ip) == 6", #"ip_prefix(dst_ip, 24) == "157.240.1.0""#,
        #"int("42") == 42"#, "float(bytes_up) > 1.5", #"str(dst_port) == "443""#, #"if(bytes_up > 1MB, "big", "small") == "big""#,
        #"coalesce(imei, "unknown") != "x""#, "isnull(imei)", "not is_private(dst_ip) or dst_port == 443 and bytes_up > 0",
        "-bytes_up < 0", "start_time + 5m > end_time - 30s", "dst_port % 1000 == 443", #"msisdn matches "^\\+91[6-9]""#,
    ])
    func languageExamplesBind(_ condition: String) throws {
        let canonical: [Field] = [
            Field("msisdn", .string), Field("imsi", .string), Field("imei", .string), Field("private_ip", .ip),
            Field("private_port", .int), Field("public_ip", .ip), Field("public_port", .int), Field("dst_ip", .ip),
            Field("dst_port", .int), Field("protocol", .string), Field("start_time", .timestamp), Field("end_time", .timestamp),
            Field("bytes_up", .int), Field("bytes_down", .int), Field("cell_id", .string), Field("lac", .string),
            Field("apn", .string), Field("rat", .string),
        ]
        let plan = try Binder(schemas: StaticSchemas(["ipdr": canonical])).bind(PlanFixture.pipeline("ipdr | where \(condition)"))
        #expect(plan.steps.count == 1)
        // And it runs over an empty frame of that schema.
        let empty = Frame(fields: canonical, columns: canonical.map { Column.nulls($0.type, count: 0) }, rowCount: 0)
        let r = try PlanExecutor().run(plan, on: empty)
        #expect(r.rowCount == 0)
    }
}
