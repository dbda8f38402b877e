import Testing
@testable import Frames

/// Helpers to evaluate one call over small columns.
enum K {
    static func eval(_ f: ScalarFunction, _ args: [Expr], _ type: DataType, _ cols: [Column], zone: Zone = .utc) throws -> [Value] {
        let n = cols.first?.count ?? 1
        let c = try ExpressionEvaluator(context: EvaluationContext(zone: zone)).evaluate(.call(f, arguments: args, type: type), columns: cols, rowCount: n)
        return (0..<c.count).map { c.value(at: $0) }
    }
    static func col(_ i: Int, _ t: DataType) -> Expr { .column(index: i, type: t) }
    static func lit(_ v: Value, _ t: DataType) -> Expr { .literal(v, type: t) }
    static func strings(_ xs: [String?], dictionary: Bool) -> Column {
        if !dictionary { return Column.from(.string, xs.map { $0.map(Value.string) ?? .null }) }
        var dict: [String] = [], idx: [Int32] = []
        for x in xs {
            let s = x ?? ""
            if let i = dict.firstIndex(of: s) { idx.append(Int32(i)) } else { idx.append(Int32(dict.count)); dict.append(s) }
        }
        let valid = Bitmap(xs.map { $0 != nil })
        return Column(.string(.dictionary(indices: idx, dictionary: PlainStrings(dict))), validity: valid)
    }
}

@Suite struct KernelArithmeticTests {
    let a = Column.from(.int, [.int(7), .int(-7), .null, .int(5)])
    let b = Column.from(.int, [.int(2), .int(2), .int(1), .int(0)])

    @Test func intOpsColumnColumnAndScalar() throws {
        #expect(try K.eval(.add, [K.col(0, .int), K.col(1, .int)], .int, [a, b]) == [.int(9), .int(-5), .null, .int(5)])
        #expect(try K.eval(.divide, [K.col(0, .int), K.col(1, .int)], .int, [a, b]) == [.int(3), .int(-3), .null, .null])
        #expect(try K.eval(.modulo, [K.col(0, .int), K.lit(.int(0), .int)], .int, [a]) == [.null, .null, .null, .null])
        #expect(try K.eval(.subtract, [K.lit(.int(10), .int), K.col(0, .int)], .int, [a]) == [.int(3), .int(17), .null, .int(5)])
        #expect(try K.eval(.multiply, [K.col(0, .int), K.lit(.null, .int)], .int, [a]) == [.null, .null, .null, .null])
        #expect(try K.eval(.negate, [K.col(0, .int)], .int, [a]) == [.int(-7), .int(7), .null, .int(-5)])
    }

    @Test func floatsAndTimeArithmetic() throws {
        let f = Column.from(.float, [.float(1.5), .null])
        #expect(try K.eval(.divide, [K.col(0, .float), K.lit(.float(0), .float)], .float, [f]) == [.null, .null])
        #expect(try K.eval(.multiply, [K.col(0, .float), K.lit(.float(2), .float)], .float, [f]) == [.float(3), .null])
        let t = Column.from(.timestamp, [.timestamp(1_000_000), .timestamp(5_000_000)])
        let d = Column.from(.duration, [.duration(500_000), .duration(0)])
        #expect(try K.eval(.add, [K.col(0, .timestamp), K.col(1, .duration)], .timestamp, [t, d]) == [.timestamp(1_500_000), .timestamp(5_000_000)])
        #expect(try K.eval(.subtract, [K.col(0, .timestamp), K.lit(.timestamp(0), .timestamp)], .duration, [t]) == [.duration(1_000_000), .duration(5_000_000)])
        #expect(try K.eval(.divide, [K.col(1, .duration), K.lit(.duration(250_000), .duration)], .float, [t, d]) == [.float(2), .float(0)])
        #expect(try K.eval(.divide, [K.col(1, .duration), K.col(1, .duration)], .float, [t, d]) == [.float(1), .null])
    }
}

@Suite struct KernelComparisonTests {
    @Test(arguments: [false, true])
    func strings(dictionary: Bool) throws {
        let s = K.strings(["b", "a", nil, "c", "B"], dictionary: dictionary)
        #expect(try K.eval(.equal, [K.col(0, .string), K.lit(.string("b"), .string)], .bool, [s]) == [.bool(true), .bool(false), .null, .bool(false), .bool(false)])
        #expect(try K.eval(.less, [K.col(0, .string), K.lit(.string("b"), .string)], .bool, [s]) == [.bool(false), .bool(true), .null, .bool(false), .bool(true)])
        #expect(try K.eval(.greater, [K.lit(.string("b"), .string), K.col(0, .string)], .bool, [s]) == [.bool(false), .bool(true), .null, .bool(false), .bool(true)])
        #expect(try K.eval(.containsCI, [K.col(0, .string), K.lit(.string("B"), .string)], .bool, [s]) == [.bool(true), .bool(false), .null, .bool(false), .bool(true)])
        #expect(try K.eval(.lower, [K.col(0, .string)], .string, [s]) == [.string("b"), .string("a"), .null, .string("c"), .string("b")])
        #expect(try K.eval(.len, [K.col(0, .string)], .int, [s]) == [.int(1), .int(1), .null, .int(1), .int(1)])
        #expect(try K.eval(.matches, [K.col(0, .string), K.lit(.string("^[ab]$"), .string)], .bool, [s]) == [.bool(true), .bool(true), .null, .bool(false), .bool(false)])
        #expect(try K.eval(.matchesCI, [K.col(0, .string), K.lit(.string("^[ab]$"), .string)], .bool, [s]) == [.bool(true), .bool(true), .null, .bool(false), .bool(true)])
        #expect(try K.eval(.equal, [K.col(0, .string), K.col(0, .string)], .bool, [s]) == [.bool(true), .bool(true), .null, .bool(true), .bool(true)])
    }

    @Test func numbersIPsBools() throws {
        let x = Column.from(.int, [.int(1), .int(2), .null])
        #expect(try K.eval(.greaterOrEqual, [K.col(0, .int), K.lit(.int(2), .int)], .bool, [x]) == [.bool(false), .bool(true), .null])
        #expect(try K.eval(.notEqual, [K.col(0, .int), K.col(0, .int)], .bool, [x]) == [.bool(false), .bool(false), .null])
        let ip = Column.from(.ip, [.ip(IPAddress("10.0.0.1")!), .ip(IPAddress("2001:db8::1")!)])
        #expect(try K.eval(.less, [K.col(0, .ip), K.lit(.ip(IPAddress("10.0.0.2")!), .ip)], .bool, [ip]) == [.bool(true), .bool(false)])
        let b = Column.from(.bool, [.bool(true), .bool(false)])
        #expect(try K.eval(.less, [K.col(0, .bool), K.lit(.bool(true), .bool)], .bool, [b]) == [.bool(false), .bool(true)])
        #expect(try K.eval(.between, [K.col(0, .int), K.lit(.int(2), .int), K.lit(.int(5), .int)], .bool, [x]) == [.bool(false), .bool(true), .null])
        #expect(try K.eval(.in, [K.col(0, .int), K.lit(.int(5), .int), K.lit(.int(1), .int)], .bool, [x]) == [.bool(true), .bool(false), .null])
        #expect(try K.eval(.notIn, [K.col(0, .int), K.lit(.int(1), .int)], .bool, [x]) == [.bool(false), .bool(true), .null])
    }

    @Test func threeValuedLogic() throws {
        let t: Value = .bool(true), f: Value = .bool(false), n: Value = .null
        let a = Column.from(.bool, [t, t, t, f, f, f, n, n, n])
        let b = Column.from(.bool, [t, f, n, t, f, n, t, f, n])
        #expect(try K.eval(.and, [K.col(0, .bool), K.col(1, .bool)], .bool, [a, b]) == [t, f, n, f, f, f, n, f, n])
        #expect(try K.eval(.or, [K.col(0, .bool), K.col(1, .bool)], .bool, [a, b]) == [t, t, t, t, f, n, t, n, n])
        #expect(try K.eval(.not, [K.col(0, .bool)], .bool, [a]) == [f, f, f, t, t, t, n, n, n])
        #expect(try K.eval(.isNull, [K.col(0, .bool)], .bool, [a]) == [f, f, f, f, f, f, t, t, t])
    }

    @Test func largeParallelComparisonMatchesScalarLoop() throws {
        let n = 200_003
        let vals = (0..<n).map { Int64(($0 * 7919) % 1000) }
        let c = Column(.int(vals))
        let r = try ExpressionEvaluator().evaluate(.call(.less, arguments: [K.col(0, .int), K.lit(.int(500), .int)], type: .bool), columns: [c], rowCount: n)
        #expect(Selection.count(where: r) == vals.filter { $0 < 500 }.count)
        #expect(Selection.indices(where: r) == vals.indices.filter { vals[$0] < 500 }.map(Int32.init))
    }
}

@Suite struct KernelFunctionTests {
    @Test func calendarInZones() throws {
        // 2026-03-15T20:30:00Z is a Sunday; in +05:30 it is Monday 02:00.
        let t = Column.from(.timestamp, [.timestamp(1_773_606_600_000_000), .null])
        #expect(try K.eval(.hour, [K.col(0, .timestamp)], .int, [t]) == [.int(20), .null])
        #expect(try K.eval(.hour, [K.col(0, .timestamp), K.lit(.string("+05:30"), .string)], .int, [t]) == [.int(2), .null])
        #expect(try K.eval(.minute, [K.col(0, .timestamp)], .int, [t]) == [.int(30), .null])
        #expect(try K.eval(.dayOfWeek, [K.col(0, .timestamp)], .int, [t]) == [.int(7), .null])
        #expect(try K.eval(.dayOfWeek, [K.col(0, .timestamp)], .int, [t], zone: Zone("+05:30")!) == [.int(1), .null])
        #expect(try K.eval(.date, [K.col(0, .timestamp), K.lit(.string("Asia/Kolkata"), .string)], .string, [t]) == [.string("2026-03-16"), .null])
        #expect(throws: EvaluationError.badZone(name: "Mars/Base")) {
            try K.eval(.hour, [K.col(0, .timestamp), K.lit(.string("Mars/Base"), .string)], .int, [t])
        }
        #expect(try K.eval(.bin, [K.col(0, .timestamp), K.lit(.duration(3_600_000_000), .duration)], .timestamp, [t]) == [.timestamp(1_773_604_800_000_000), .null])
        #expect(try K.eval(.bin, [K.lit(.int(-5), .int), K.lit(.int(3), .int)], .int, []) == [.int(-6)])
        #expect(try K.eval(.datetime, [K.lit(.string("2026-03-14 10:00:00"), .string), K.lit(.string("+05:30"), .string)], .timestamp, [])
                == [.timestamp(TimestampParser.parse("2026-03-14T04:30:00Z", zone: .utc)!)])
        #expect(try K.eval(.datetime, [K.lit(.string("nope"), .string)], .timestamp, []) == [.null])
    }

    @Test(arguments: [false, true])
    func stringFunctions(dictionary: Bool) throws {
        let s = K.strings(["ims.mnc.gprs", "Ünïcode", nil], dictionary: dictionary)
        #expect(try K.eval(.upper, [K.col(0, .string)], .string, [s]) == [.string("IMS.MNC.GPRS"), .string("ÜNÏCODE"), .null])
        #expect(try K.eval(.substr, [K.col(0, .string), K.lit(.int(1), .int), K.lit(.int(3), .int)], .string, [s]) == [.string("ms."), .string("nïc"), .null])
        #expect(try K.eval(.splitPart, [K.col(0, .string), K.lit(.string("."), .string), K.lit(.int(-1), .int)], .string, [s]) == [.string("gprs"), .string("Ünïcode"), .null])
        #expect(try K.eval(.splitPart, [K.col(0, .string), K.lit(.string("."), .string), K.lit(.int(5), .int)], .string, [s]) == [.string(""), .string(""), .null])
        #expect(try K.eval(.replace, [K.col(0, .string), K.lit(.string("\\.(\\w+)"), .string), K.lit(.string("[$1]"), .string)], .string, [s]) == [.string("ims[mnc][gprs]"), .string("Ünïcode"), .null])
        #expect(try K.eval(.concat, [K.col(0, .string), K.lit(.string("!"), .string)], .string, [s]) == [.string("ims.mnc.gprs!"), .string("Ünïcode!"), .null])
        #expect(try K.eval(.len, [K.col(0, .string)], .int, [s]) == [.int(12), .int(7), .null])
        #expect(try K.eval(.startsWithCI, [K.col(0, .string), K.lit(.string("üN"), .string)], .bool, [s]) == [.bool(false), .bool(true), .null])
        #expect(try K.eval(.endsWith, [K.col(0, .string), K.lit(.string("gprs"), .string)], .bool, [s]) == [.bool(true), .bool(false), .null])
        #expect(throws: EvaluationError.self) {
            try K.eval(.matches, [K.col(0, .string), K.lit(.string("("), .string)], .bool, [s])
        }
    }

    @Test func numbersAndConversions() throws {
        let f = Column.from(.float, [.float(2.345), .float(-1.5), .float(-4), .null])
        #expect(try K.eval(.round, [K.col(0, .float)], .float, [f]) == [.float(2), .float(-2), .float(-4), .null])
        #expect(try K.eval(.round, [K.col(0, .float), K.lit(.int(2), .int)], .float, [f]) == [.float(2.35), .float(-1.5), .float(-4), .null])
        #expect(try K.eval(.floor, [K.col(0, .float)], .float, [f]) == [.float(2), .float(-2), .float(-4), .null])
        #expect(try K.eval(.ceil, [K.col(0, .float)], .float, [f]) == [.float(3), .float(-1), .float(-4), .null])
        #expect(try K.eval(.sqrt, [K.col(0, .float)], .float, [f]).map(\.isNull) == [false, true, true, true])
        #expect(try K.eval(.log10, [K.lit(.float(100), .float)], .float, []) == [.float(2)])
        #expect(try K.eval(.abs, [K.col(0, .float)], .float, [f]) == [.float(2.345), .float(1.5), .float(4), .null])
        #expect(try K.eval(.toInt, [K.col(0, .float)], .int, [f]) == [.int(2), .int(-1), .int(-4), .null])
        #expect(try K.eval(.toInt, [K.lit(.string(" 42 "), .string)], .int, []) == [.int(42)])
        #expect(try K.eval(.toInt, [K.lit(.string("4x"), .string)], .int, []) == [.null])
        #expect(try K.eval(.toFloat, [K.lit(.string("2.5"), .string)], .float, []) == [.float(2.5)])
        #expect(try K.eval(.toString, [K.lit(.timestamp(0), .timestamp)], .string, []) == [.string("1970-01-01T00:00:00Z")])
        let c = Column.from(.bool, [.bool(true), .bool(false), .null])
        let x = Column.from(.int, [.int(1), .null, .int(3)])
        #expect(try K.eval(.if, [K.col(0, .bool), K.col(1, .int), K.lit(.int(9), .int)], .int, [c, x]) == [.int(1), .int(9), .int(9)])
        #expect(try K.eval(.coalesce, [K.col(1, .int), K.lit(.int(0), .int)], .int, [c, x]) == [.int(1), .int(0), .int(3)])
    }

    @Test func ipFunctions() throws {
        let texts = ["10.1.2.3", "172.31.0.1", "172.32.0.1", "192.168.1.1", "100.64.0.1", "100.128.0.1", "127.0.0.1", "169.254.1.1",
                     "8.8.8.8", "::1", "fe80::1", "fd00::1", "2001:db8::1"]
        let ips = Column.from(.ip, texts.map { .ip(IPAddress($0)!) })
        #expect(try K.eval(.isPrivate, [K.col(0, .ip)], .bool, [ips]).map { $0 == .bool(true) }
                == [true, true, false, true, true, false, true, true, false, true, true, true, false])
        #expect(try K.eval(.ipVersion, [K.col(0, .ip)], .int, [ips]).prefix(10).last == .int(6))
        #expect(try K.eval(.ipIn, [K.col(0, .ip), K.lit(.string("172.16.0.0/12"), .string)], .bool, [ips]).prefix(3) == [.bool(false), .bool(true), .bool(false)])
        #expect(throws: EvaluationError.badCIDR(text: "10.0.0.0/33")) {
            try K.eval(.ipIn, [K.col(0, .ip), K.lit(.string("10.0.0.0/33"), .string)], .bool, [ips])
        }
        #expect(try K.eval(.ipPrefix, [K.col(0, .ip), K.lit(.int(16), .int)], .ip, [ips]).first == .ip(IPAddress("10.1.0.0")!))
        #expect(try K.eval(.ipPrefix, [K.col(0, .ip), K.lit(.int(33), .int)], .ip, [ips]).first == .null)
        #expect(try K.eval(.ip, [K.lit(.string("bad"), .string)], .ip, []) == [.null])
    }
}
