import Testing
import Frames
@testable import Language

/// Parsing and binding of `join`: options, term classification, output schema, errors with spans.
struct JoinBinderTests {
    static let schemas = StaticSchemas([
        "logins": [Field("account", .string), Field("ip", .ip), Field("port", .int), Field("ts", .timestamp), Field("msisdn", .string)],
        "sessions": [Field("msisdn", .string), Field("public_ip", .ip), Field("public_port", .int), Field("start_time", .timestamp),
                     Field("end_time", .timestamp), Field("bytes", .float)],
    ])

    static func bind(_ text: String) throws(BindError) -> Plan {
        let parsed = Parser.parse(SourceFile(name: "t", text: text))
        guard !parsed.hasErrors, case .pipeline(let p)? = parsed.statements.first?.statement else {
            throw BindError.unsupportedStage("parse", .at(0))
        }
        return try Binder(schemas: schemas).bind(p)
    }

    static func error(_ text: String) -> BindError? {
        do { _ = try bind(text); return nil } catch { return error }
    }

    static func joinPlan(_ text: String) throws -> JoinPlan {
        let plan = try bind(text)
        guard case .join(let j)? = plan.steps.last?.op else { throw BindError.unsupportedStage("no join", .at(0)) }
        return j
    }

    @Test func optionsInAnyOrder() throws {
        let parsed = Parser.parse(SourceFile(name: "t", text: "logins | join report=true kind=left sessions on msisdn"))
        guard case .pipeline(let p)? = parsed.statements.first?.statement, case .join(let j) = p.stages[0].kind else {
            Issue.record("not a join"); return
        }
        #expect(j.kind == .left && j.report && j.frame.name == "sessions")
        #expect(Parser.parse(SourceFile(name: "t", text: "logins | join report=maybe sessions on msisdn")).hasErrors)
    }

    @Test func intervalAndKeysAreFound() throws {
        let j = try Self.joinPlan("logins | join sessions on left.ip == right.public_ip and left.port == right.public_port and left.ts between right.start_time - 2s and right.end_time + 2s")
        #expect(j.leftKeys.count == 2 && j.rightKeys.count == 2)
        #expect(j.interval != nil && j.residual == nil)
        #expect(j.rightKeys[0] == .column(index: 1, type: .ip))
        let k = try Self.joinPlan("logins | join sessions on right.start_time <= left.ts and left.ts < right.end_time and left.port > right.public_port")
        #expect(k.leftKeys.isEmpty)
        #expect(k.interval?.lowerInclusive == true && k.interval?.upperInclusive == false)
        #expect(k.residual != nil)
    }

    @Test func outputSchemaRenamesClashes() throws {
        let plan = try Self.bind("logins | join sessions on msisdn")
        #expect(plan.schema.map(\.name) == ["account", "ip", "port", "ts", "msisdn", "msisdn_sessions", "public_ip", "public_port", "start_time", "end_time", "bytes"])
        #expect(try Self.bind("logins | join kind=anti sessions on msisdn").schema.count == 5)
        #expect(try Self.bind("logins | join report=true sessions on msisdn").schema.map(\.name).last == "matches")
    }

    @Test func intKeyJoinsFloatKey() throws {
        let j = try Self.joinPlan("logins | join sessions on left.port == right.bytes")
        #expect(j.leftKeys[0].type == .float && j.rightKeys[0].type == .float)
    }

    @Test func errors() {
        guard case .unknownFrame(_, let s, _)? = Self.error("logins | join sesions on msisdn") else { Issue.record("frame"); return }
        #expect(s == "sessions")
        #expect(Self.error("logins | join sessions on msisdn == right.msisdn")?.message == "column 'msisdn' is in both frames")
        #expect(Self.error("logins | join sessions on left.account == right.public_port")?.message == "cannot compare string with int")
        #expect(Self.error("logins | join sessions on left.ip == right.public_ip or left.port == right.public_port")?.message == "unsupported join term")
        #expect(Self.error("logins | join sessions on left.port == 1")?.message.contains("left expression with a right one") == true)
        #expect(Self.error("logins | join sessions on left.port + right.public_port > 3")?.message.contains("left expression with a right one") == true)
        #expect(Self.error("logins | join sessions on ts")?.message == "column 'ts' is not in the right frame 'sessions'")
        #expect(Self.error("logins | join kind=semi report=true sessions on msisdn") != nil)
        let e = Self.error("logins | join sessions on left.acount == right.msisdn")
        #expect(e?.hint == "did you mean 'left.account'?")
        #expect(e?.span == SourceSpan(start: 26, end: 37))
    }
}
