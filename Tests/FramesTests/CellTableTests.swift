import Testing
@testable import Frames

/// Record-oriented readers type their cells like CSV columns.
@Suite struct CellTableTests {
    func table(_ rows: [[(String, String?)]]) -> CellTable {
        var t = CellTable(path: "records.txt")
        for (r, row) in rows.enumerated() {
            t.addRow(line: r * 10 + 1, text: "record \(r + 1)")
            for (k, (name, value)) in row.enumerated() { t.set(name, value, line: r * 10 + 2 + k, column: 3) }
        }
        return t
    }

    @Test func typesFollowTheValues() throws {
        let t = table([
            [("n", "1"), ("x", "1.5"), ("ip", "10.0.0.1"), ("when", "2025-10-05 14:03:11"), ("msisdn", "919876543210")],
            [("n", "2"), ("x", "2"), ("ip", "2001:db8::1"), ("when", nil), ("late", "yes")],
        ])
        let f = try t.frame(options: ReadOptions(zone: .utc), format: .csv, bytesRead: 10).frame
        #expect(f.fields.map(\.name) == ["n", "x", "ip", "when", "msisdn", "late"])
        #expect(f.fields.map(\.type) == [.int, .float, .ip, .timestamp, .string, .string])
        #expect(f.columns[3].value(at: 1) == .null)
        #expect(f.columns[5].value(at: 0) == .null)
        #expect(f.columns[5].value(at: 1) == .string("yes"))
        #expect(f.columns[4].value(at: 0) == .string("919876543210"))
    }

    @Test func aMisfitMakesTheColumnText() throws {
        let t = table([[("port", "80")], [("port", "eighty")]])
        let f = try t.frame(options: ReadOptions(zone: .utc), format: .csv, bytesRead: 1).frame
        #expect(f.fields[0].type == .string)
        #expect(f.columns[0].value(at: 0) == .string("80"))
    }

    @Test func aDeclaredTypeMisfitFailsAtTheCellOrRejectsTheRow() throws {
        let t = table([[("port", "80"), ("a", "x")], [("port", "eighty"), ("a", "y")], [("port", "443")]])
        var o = ReadOptions(zone: .utc, types: ["port": .int])
        #expect(throws: LoadError.typeMismatch(SourcePosition(file: "records.txt", line: 12, column: 3), column: "port", type: .int, text: "eighty")) {
            try t.frame(options: o, format: .csv, bytesRead: 1)
        }
        o.onError = .skip
        let r = try t.frame(options: o, format: .csv, bytesRead: 1)
        #expect(r.frame.rowCount == 2)
        #expect(r.rejectedCount == 1)
        let rejects = try #require(r.rejects)
        #expect(rejects.column("line")?.value(at: 0) == .int(12))
        #expect(rejects.column("text")?.value(at: 0) == .string("record 2"))
    }

    @Test func aDeclaredColumnTheFileLacksIsNamed() {
        let t = table([[("a", "1")]])
        #expect(throws: LoadError.self) { try t.frame(options: ReadOptions(zone: .utc, types: ["b": .int]), format: .csv, bytesRead: 1) }
    }
}
