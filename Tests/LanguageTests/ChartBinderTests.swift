import Testing
import Frames
@testable import Language

/// `chart` stages: what they bind to, and every error with its span and hint.
@Suite struct ChartBinderTests {
    func bind(_ text: String) throws -> Plan {
        try Binder(schemas: PlanFixture.schemas).bind(PlanFixture.pipeline(text))
    }

    func bindError(_ text: String) throws -> BindError? { try PlanFixture.bindError(text) }

    func spanText(_ text: String, _ e: BindError) -> String { PlanFixture.spanText(text, e) }

    @Test func parsesKindAndArguments() throws {
        let s = try #require(stages("t | chart timeline time=start_time, step=15m by=apn"))
        guard case .chart(let clause) = s[0] else { Issue.record("not a chart: \(s)"); return }
        #expect(clause.kind.name == "timeline")
        #expect(clause.arguments.map(\.name.name) == ["time", "step", "by"])
        #expect(clause.arguments[1].value.kind == .literal(.duration(900_000_000)))
    }

    @Test func bindsEachKind() throws {
        let bar = try bind("ipdr | summarize n = count() by msisdn | top 10 by n | chart bar x=msisdn y=n")
        #expect(bar.chart == .bar(x: 0, y: 1))
        #expect(bar.steps.count == 2)
        #expect(bar.schema.map(\.name) == ["msisdn", "n"])
        #expect(try bind("ipdr | chart timeline time=start_time").chart == .timeline(time: 4, step: 3_600_000_000, by: nil))
        #expect(try bind("ipdr | chart timeline time=start_time step=1d by=apn").chart == .timeline(time: 4, step: 86_400_000_000, by: 5))
        #expect(try bind("ipdr | chart histogram value=bytes_up").chart == .histogram(value: 3, bins: nil))
        #expect(try bind("ipdr | chart histogram value=bytes_up bins=12").chart == .histogram(value: 3, bins: 12))
        #expect(try bind("ipdr | count").chart == nil)
    }

    @Test(arguments: [
        ("ipdr | chart pie x=msisdn", "unknown chart kind 'pie'", "pie", "chart kinds: bar, timeline, histogram"),
        ("ipdr | chart bars x=msisdn y=bytes_up", "unknown chart kind 'bars'", "bars", "did you mean 'bar'? chart kinds: bar, timeline, histogram"),
        ("ipdr | chart bar x=msisdn y=bytes_up | count", "chart must be the last stage of a pipeline", "chart bar x=msisdn y=bytes_up", "move '| chart …' to the end, after the stages that shape its data"),
        ("ipdr | chart bar x=msisdn", "chart bar needs y=COLUMN", "chart bar x=msisdn", "write chart bar x=COL y=COL"),
        ("ipdr | chart histogram bins=3", "chart histogram needs value=COLUMN", "chart histogram bins=3", "write chart histogram value=COL [bins=N]"),
        ("ipdr | chart timeline step=1h", "chart timeline needs time=COLUMN", "chart timeline step=1h", nil),
        ("ipdr | chart bar x=msisdn y=bytes_up z=apn", "chart bar has no argument 'z'", "z", nil),
        ("ipdr | chart bar x=msisdn yy=bytes_up", "chart bar has no argument 'yy'", "yy", "did you mean 'y'? write chart bar x=COL y=COL"),
        ("ipdr | chart bar x=msisdn x=apn y=bytes_up", "argument 'x' is given twice", "x=apn", nil),
        ("ipdr | chart bar x=msisdnn y=bytes_up", "unknown column 'msisdnn'", "msisdnn", "did you mean 'msisdn'?"),
        ("ipdr | chart bar x=msisdn y=apn", "chart bar needs a numeric y column (int or float); 'apn' is string", "apn", nil),
        ("ipdr | chart bar x=msisdn y=bytes_up * 2", "y= needs a column name", "bytes_up * 2", nil),
        ("ipdr | chart timeline time=bytes_up", "chart timeline needs a timestamp time column; 'bytes_up' is int", "bytes_up", nil),
        ("ipdr | chart timeline time=start_tim", "unknown column 'start_tim'", "start_tim", "did you mean 'start_time'?"),
        ("ipdr | chart timeline time=start_time step=60", "step needs a positive duration", "60", "write step=15m, step=1h or step=1d"),
        ("ipdr | chart timeline time=start_time step=-1h", "step needs a positive duration", "-1h", nil),
        ("ipdr | chart timeline time=start_time step=0s", "step needs a positive duration", "0s", nil),
        ("ipdr | chart timeline time=start_time by=apm", "unknown column 'apm'", "apm", "did you mean 'apn'?"),
        ("ipdr | chart histogram value=start_time", "chart histogram needs a numeric value column (int or float); 'start_time' is timestamp", "start_time", nil),
        ("ipdr | chart histogram value=dst_ip", "chart histogram needs a numeric value column (int or float); 'dst_ip' is ip", "dst_ip", nil),
        ("ipdr | chart histogram value=bytes_up bins=0", "bins needs a whole number from 1 to 200", "0", nil),
        ("ipdr | chart histogram value=bytes_up bins=201", "bins needs a whole number from 1 to 200", "201", nil),
        ("ipdr | chart histogram value=bytes_up bins=2.5", "bins needs a whole number from 1 to 200", "2.5", nil),
    ] as [(String, String, String?, String?)])
    func errors(_ text: String, _ message: String, _ spanned: String?, _ hint: String?) throws {
        let e = try #require(try bindError(text))
        #expect(e.message == message)
        if let s = spanned { #expect(spanText(text, e) == s) }
        if let h = hint { #expect(e.hint == h) }
    }

    @Test func syntaxErrorsInChartArguments() {
        #expect(parse("t | chart").diagnostics.first?.message.contains("a chart kind") == true)
        #expect(parse("t | chart bar x").diagnostics.first?.message.contains("an argument 'name=value'") == true)
        #expect(parse("t | chart bar x=a,").diagnostics.first?.message.contains("an argument 'name=value'") == true)
    }
}
