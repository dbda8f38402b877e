import Testing
@testable import Frames

@Suite struct ReaderCSVTests {
    let dir = TempFolder()

    @Test func rfc4180QuotingAndLineEndings() throws {
        let p = dir.file("q.csv", "name,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\nplain,\"two\nlines\"\r\nx,\"\"\r\ny,\r\n")
        let r = try load(p)
        #expect(r.frame.names == ["name", "note"])
        #expect(rows(r.frame) == [
            [.string("a, b"), .string("say \"hi\"")],
            [.string("plain"), .string("two\nlines")],
            [.string("x"), .string("")],
            [.string("y"), .null],
        ])
    }

    @Test func lastLineWithoutNewlineAndBOM() throws {
        let p = dir.file("b.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n3,4".utf8))
        let r = try load(p)
        #expect(r.frame.names == ["a", "b"])
        #expect(rows(r.frame) == [[.int(1), .int(2)], [.int(3), .int(4)]])
    }

    @Test(arguments: [(",", UInt8(44)), (";", 59), ("|", 124), ("\t", 9)])
    func sniffsDelimiter(_ d: String, _ byte: UInt8) throws {
        let text = ["ip\(d)port\(d)note", "10.0.0.1\(d)80\(d)\"x\(d)y\"", "10.0.0.2\(d)443\(d)z"].joined(separator: "\n") + "\n"
        let r = try load(dir.file("d.txt", text))
        #expect(r.delimiter == byte)
        #expect(r.frame.names == ["ip", "port", "note"])
        #expect(r.frame.column("port")?.type == .int)
        #expect(r.frame.column("note")?.value(at: 0) == .string("x\(d)y"))
        #expect(r.format == (byte == 9 ? .tsv : .csv))
    }

    @Test func delimiterAndHeaderOptionsOverride() throws {
        let p = dir.file("o.csv", "a;b\n1;2\n")
        let r = try load(p) { $0.delimiter = 44; $0.header = false }
        #expect(r.frame.names == ["column_1"])
        #expect(rows(r.frame) == [[.string("a;b")], [.string("1;2")]])
    }

    @Test func sniffsHeaderAbsence() throws {
        let r = try load(dir.file("nh.csv", "10.0.0.1,80,2025-10-05 14:03:11\n10.0.0.2,443,2025-10-05 14:04:11\n"))
        #expect(r.frame.names == ["column_1", "column_2", "column_3"])
        #expect(r.frame.rowCount == 2)
        #expect(r.frame.fields.map(\.type) == [.ip, .int, .timestamp])
    }

    @Test func headerNamesTrimmedAndMadeUnique() throws {
        let r = try load(dir.file("h.csv", " Start Date ,,x,x,x_2\n1,2,3,4,5\n"))
        #expect(r.frame.names == ["Start Date", "column_2", "x", "x_2", "x_2_2"])
        #expect(r.frame.fields[0].sourceName == " Start Date ")
    }

    @Test func infersTypes() throws {
        let text = """
        i,f,b,t,ip,s,big
        1,1.5,true,2025-10-05T14:03:11Z,10.0.0.1,abc,99999999999999999999
        -2,2e3,False,2025-10-05T14:03:12.5Z,::1,def,1
        0,-0.25,TRUE,,192.168.1.1,,2

        """
        let r = try load(dir.file("t.csv", text))
        #expect(r.frame.fields.map(\.type) == [.int, .float, .bool, .timestamp, .ip, .string, .string])
        #expect(rows(r.frame)[1] == [
            .int(-2), .float(2000), .bool(false), .timestamp(1_759_672_992_500_000), .ip(IPAddress("::1")!), .string("def"), .string("1"),
        ])
        // An integer beyond 64 bits is kept digit for digit, not rounded into a float.
        #expect(rows(r.frame)[0][6] == .string("99999999999999999999"))
        #expect(rows(r.frame)[2][3] == .null)
        #expect(rows(r.frame)[2][5] == .null)
    }

    @Test func identifierRuleKeepsLeadingZerosAndPlus() throws {
        let text = "MSISDN,imei,Cell ID,lac,code,phone\n919812345678,356938035643809,1234,10,007,+15551234\n919812345679,356938035643810,1235,11,42,+15551235\n"
        let r = try load(dir.file("id.csv", text))
        #expect(r.frame.fields.map(\.type) == [.string, .string, .string, .string, .string, .string])
        #expect(r.frame.column("code")?.value(at: 0) == .string("007"))
        #expect(r.frame.column("code")?.value(at: 1) == .string("42"))
        #expect(r.frame.column("phone")?.value(at: 0) == .string("+15551234"))
        #expect(r.frame.column("lac")?.value(at: 0) == .string("10"))
    }

    @Test func widensWithoutLosingData() throws {
        var text = "n,m,t\n"
        for i in 0..<3000 { text += "\(i),\(i),2025-10-05 14:03:11\n" }
        text += "1.5,oops,not a time\n"
        let r = try load(dir.file("w.csv", text))
        #expect(r.frame.fields.map(\.type) == [.float, .string, .string])
        #expect(r.frame.column("n")?.value(at: 3000) == .float(1.5))
        #expect(r.frame.column("n")?.value(at: 7) == .float(7))
        #expect(r.frame.column("m")?.value(at: 7) == .string("7"))
        #expect(r.frame.column("m")?.value(at: 3000) == .string("oops"))
        #expect(r.frame.column("t")?.value(at: 0) == .string("2025-10-05 14:03:11"))
        #expect(r.notes.contains { $0.contains("`m`") })
    }

    @Test func longIntegerAfterIntsWidensToText() throws {
        var text = "iccid\n"
        for i in 0..<100 { text += "\(i)\n" }
        text += "89910273100000012345\n"
        let r = try load(dir.file("ic.csv", text))
        #expect(r.frame.fields.map(\.type) == [.string])
        #expect(r.frame.column("iccid")?.value(at: 100) == .string("89910273100000012345"))
        let f = try load(dir.file("fl.csv", "x\n1.5\n89910273100000012345\n"))
        #expect(f.frame.column("x")?.value(at: 1) == .string("89910273100000012345"))
    }

    @Test func declaredTypesOverrideInference() throws {
        let text = "a,b,c,d\n1,10,2025-10-05 14:03:11,01:00:00\n2,20,05-Oct-2025 14:03:11,90s\n"
        let r = try load(dir.file("dt.csv", text)) { $0.types = ["a": .float, "b": .string, "c": .timestamp, "d": .duration] }
        #expect(r.frame.fields.map(\.type) == [.float, .string, .timestamp, .duration])
        #expect(rows(r.frame)[1] == [.float(2), .string("20"), .timestamp(1_759_672_991_000_000), .duration(90_000_000)])
    }

    @Test func zoneAppliesToNaiveTimestamps() throws {
        let p = dir.file("z.csv", "t\n2025-10-05 19:33:11\n2025-10-05T14:03:11Z\n")
        let r = try load(p) { $0.zone = Zone("Asia/Kolkata")! }
        #expect(rows(r.frame) == [[.timestamp(1_759_672_991_000_000)], [.timestamp(1_759_672_991_000_000)]])
    }

    @Test func dictionaryEncodesLowCardinality() throws {
        var text = "apn,id\n"
        for i in 0..<1000 { text += "\(["internet", "ims", "wap"][i % 3]),s\(i)\n" }
        let r = try load(dir.file("dict.csv", text))
        guard case .string(.dictionary(let idx, let d))? = r.frame.column("apn")?.values else {
            Issue.record("apn is not dictionary-encoded")
            return
        }
        #expect(idx.count == 1000 && d.count == 3)
        guard case .string(.plain)? = r.frame.column("id")?.values else {
            Issue.record("id should be plain")
            return
        }
        #expect(r.frame.column("apn")?.value(at: 4) == .string("ims"))
    }

    @Test func leadingBlankLinesBeforeTheHeader() throws {
        let p = dir.file("lb.csv", "\n\r\na,b\n1,2\n3\n")
        let r = try load(p) { $0.onError = .skip }
        #expect(r.frame.names == ["a", "b"])
        #expect(rows(r.frame) == [[.int(1), .int(2)]])
        #expect(r.rejects.map { rows($0)[0][0] } == .int(5))
    }

    @Test func blankLinesAreSkipped() throws {
        let r = try load(dir.file("bl.csv", "a,b\n1,2\n\n3,4\n\n"))
        #expect(r.frame.rowCount == 2)
    }

    @Test func sourceFieldsAndResultMetadata() throws {
        let p = dir.file("m.csv", "a,b\n1,2\n")
        let r = try load(p)
        #expect(r.bytesRead == 8)
        #expect(r.rejects == nil && r.rejectedCount == 0)
    }
}

@Suite struct ReaderTimestampColumnTests {
    let dir = TempFolder()

    @Test func dayFirstLayoutsAcrossAColumn() throws {
        let r = try load(dir.file("df.csv", "t,u,v\n01/02/2025 10:00:00,01-02-2025,05-Oct-2025 14:03:11.25\n13/02/2025 10:00:00,13-02-2025,06-OCT-2025 00:00:00\n"))
        #expect(r.frame.fields.map(\.type) == [.timestamp, .timestamp, .timestamp])
        #expect(rows(r.frame)[0][0] == .timestamp(1_738_404_000_000_000)) // 2025-02-01T10:00:00Z
        #expect(rows(r.frame)[1][1] == .timestamp(1_739_404_800_000_000)) // 2025-02-13
        #expect(rows(r.frame)[0][2] == .timestamp(1_759_672_991_250_000))
    }

    @Test func mixedLayoutsInOneColumnStayText() throws {
        let r = try load(dir.file("mx.csv", "t\n2025-02-01 10:00:00\n01/02/2025 10:00:00\n"))
        #expect(r.frame.fields.map(\.type) == [.string])
        #expect(rows(r.frame)[1][0] == .string("01/02/2025 10:00:00"))
    }

    @Test func invalidDateInATimestampColumnWidensToText() throws {
        let r = try load(dir.file("iv.csv", "t\n2025-02-01 10:00:00\n2025-02-30 10:00:00\n"))
        #expect(rows(r.frame) == [[.string("2025-02-01 10:00:00")], [.string("2025-02-30 10:00:00")]])
    }

    @Test func declaredTimestampRejectsInvalidDate() {
        let p = dir.file("dv.csv", "t\n2025-02-01 10:00:00\n2025-02-30 10:00:00\n")
        #expect(loadError(p) { $0.types = ["t": .timestamp] }?.description
            == "\(p):3:1: error: value \"2025-02-30 10:00:00\" in column `t` is not a valid timestamp; fix types= or use on_error=skip to keep going")
    }
}

@Suite struct ReaderTypeListTests {
    @Test func parses() throws {
        #expect(try TypeList.parse("a:int, `Start Date`:timestamp ,b : ip, x:y:duration") ==
            ["a": .int, "Start Date": .timestamp, "b": .ip, "x:y": .duration])
        #expect(try TypeList.parse("") == [:])
    }

    @Test func rejects() {
        #expect(throws: TypeList.ParseError.missingColon(item: "a")) { try TypeList.parse("a") }
        #expect(throws: TypeList.ParseError.unknownType(column: "a", type: "number")) { try TypeList.parse("a:number") }
        #expect(throws: TypeList.ParseError.duplicateColumn("a")) { try TypeList.parse("a:int,a:float") }
        #expect(TypeList.ParseError.unknownType(column: "a", type: "n").description
            == "unknown type \"n\" for column `a` (types are int, float, bool, string, timestamp, duration, ip)")
    }
}

@Suite struct ReaderNullColumnTests {
    let dir = TempFolder()

    @Test func allNullColumnIsAStringColumnOfNulls() throws {
        let r = try load(dir.file("an.csv", "a,b\n1,\n2,\n"))
        #expect(r.frame.fields.map(\.type) == [.int, .string])
        #expect(r.frame.column("b")?.nullCount == 2)
    }

    @Test func nullsBeforeTheFirstValueAreKept() throws {
        var text = "a,b\n"
        for i in 0..<100 { text += "\(i),\n" }
        text += "100,10.0.0.1\n"
        let r = try load(dir.file("nb.csv", text)) { $0.threads = 1 }
        #expect(r.frame.column("b")?.type == .ip)
        #expect(r.frame.column("b")?.nullCount == 100)
        #expect(r.frame.column("b")?.value(at: 100) == .ip(IPAddress("10.0.0.1")!))
    }

    @Test func boolColumnWithNulls() throws {
        let r = try load(dir.file("bn.csv", "a,b\n1,\n2,true\n3,FALSE\n4,\n"))
        #expect(rows(r.frame).map { $0[1] } == [.null, .bool(true), .bool(false), .null])
    }
}
