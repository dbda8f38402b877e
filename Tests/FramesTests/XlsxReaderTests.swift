import Foundation
import Testing
import TestSupport
@testable import Frames

/// `.xlsx` sheets: the CSV text a sheet becomes (line = sheet row), cell
/// values (shared, inline and rich strings, numbers, dates in both date
/// systems, booleans, errors), sheet choice, field-numbered positions, and
/// damaged files. The fixtures are written by fixtures/make_workbooks.py.
@Suite struct XlsxReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/fixtures/"
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
        + "/EndToEndTests/golden/data/"
    let dir = TempFolder()

    func csv(_ path: String, sheet: String? = nil) throws -> [String] {
        let file = try MappedFile(path: path)
        let text = String(decoding: try XlsxReader.convert(file, sheet: sheet).csv, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func sheetBecomesCSVLinesNumberedAsRows() throws {
        let lines = try csv(Self.fixtures + "features.xlsx", sheet: "Data")
        #expect(lines[0] == "name,when,flag,amount,note,lookup,,msisdn")
        // Rich text joined; a 1900-system date-time; TRUE; 0.1 as stored; quotes doubled; #N/A empty; a gap column.
        #expect(lines[1] == #"Ravi,2025-10-05 12:00:00,TRUE,0.1,"a, ""quoted"" text",,,919876543210"#)
        #expect(lines[2] == "")   // row 3 is missing
        #expect(lines[3] == "")   // row 4 has only styled empty cells
        // Inline string; date-only format; FALSE; a non-date number format; line break read as a space;
        // a formula's cached text; scientific notation stored as text stays text.
        #expect(lines[4] == "Asha,2025-10-06,FALSE,-2.5,line one line two,ab,,9.19834E+11")
        // Time of day; 1e20 keeps its exponent; entities decoded; beyond 2^53 the shortest round-trip text.
        #expect(lines[5] == "Omar,06:00:00,,1e+20,R&D <team>,,,9007199254740992.0")
        // Elapsed hours are not wrapped at a day; a 15-digit integer stays whole.
        #expect(lines[6] == "Lena,36:00:00,,123456789012345,,,,")
        #expect(lines.count == 8 && lines[7] == "")
    }

    @Test func firstSheetByDefaultAndSheetByName() throws {
        #expect(try csv(Self.fixtures + "features.xlsx") == ["first sheet: notes", ""])
        #expect(try csv(Self.fixtures + "features.xlsx", sheet: "data")[0].hasPrefix("name,"))
        let e = loadError(Self.fixtures + "features.xlsx") { $0.sheet = "Summary" }
        #expect(e == .unknownSheet(path: Self.fixtures + "features.xlsx", sheet: "Summary", sheets: ["Notes", "Data"]))
        #expect(e?.description.contains("sheets: 'Notes', 'Data'") == true)
    }

    @Test func loadsTypedColumnsWithNotes() throws {
        let r = try load(Self.fixtures + "features.xlsx") { $0.sheet = "Data" }
        #expect(r.format == .xlsx)
        #expect(r.frame.rowCount == 4)
        #expect(r.frame.fields.map(\.name) == ["name", "when", "flag", "amount", "note", "lookup", "column_7", "msisdn"])
        #expect(r.frame.fields[3].type == .float)
        #expect(r.frame.fields[7].type == .string)   // an identifier column stays text
        #expect(r.notes.contains { $0.hasPrefix("sheet 'Data' of 2") })
        #expect(r.notes.contains("2 error cell(s) (#N/A, #DIV/0!) read as empty"))
        #expect(r.notes.contains { $0.hasPrefix("1 cell(s) with line breaks") })
    }

    @Test func date1904System() throws {
        let lines = try csv(Self.fixtures + "date1904.xlsx")
        // Day 0 of the 1904 system is 1904-01-01; 44470 days later is 2025-10-02 (the 1900 system's serial 45932).
        #expect(lines[1] == "1904-01-01")
        #expect(lines[2] == "2025-10-02")
        #expect(try load(Self.fixtures + "date1904.xlsx").notes.contains("the workbook counts dates from 1904 (date1904)"))
    }

    @Test func cellTextRules() {
        #expect(XlsxCellText.number("919876543210") == "919876543210")
        #expect(XlsxCellText.number("9.19876543210E+11") == "919876543210")
        #expect(XlsxCellText.number("0.30000000000000004") == "0.30000000000000004")
        #expect(XlsxCellText.number("abc") == nil)
        #expect(XlsxCellText.number("3567890123456789") == "3567890123456789")
        #expect(XlsxCellText.number("1.5") == "1.5")
        // Excel's 1900 system: serial 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01; 60 (29 Feb 1900) does not exist.
        #expect(XlsxCellText.date(serial: 1, kind: .date, date1904: false) == "1900-01-01")
        #expect(XlsxCellText.date(serial: 59, kind: .date, date1904: false) == "1900-02-28")
        #expect(XlsxCellText.date(serial: 60, kind: .date, date1904: false) == nil)
        #expect(XlsxCellText.date(serial: 61, kind: .date, date1904: false) == "1900-03-01")
        #expect(XlsxCellText.date(serial: 45935.585543981481, kind: .dateTime, date1904: false) == "2025-10-05 14:03:11")
        #expect(XlsxCellText.date(serial: 0.5000115740740741, kind: .time, date1904: false) == "12:00:01")
        #expect(XlsxCellText.date(serial: -1, kind: .date, date1904: false) == nil)
        #expect(XlsxCellText.unescaped("a_x000D_b") == "a\rb")
        #expect(XlsxCellText.unescaped("_x_zz_") == "_x_zz_")
        #expect(XlsxSheetConverter.column(of: "B7") == 2)
        #expect(XlsxSheetConverter.column(of: "AA10") == 27)
        #expect(XlsxSheetConverter.column(of: "XFD1") == 16_384)
        #expect(XlsxSheetConverter.column(of: "17") == nil)
    }

    @Test func dateFormatCodes() {
        #expect(XlsxDateKind.custom("dd/mm/yyyy") == .date)
        #expect(XlsxDateKind.custom("hh:mm:ss") == .time)
        #expect(XlsxDateKind.custom("yyyy-mm-dd hh:mm") == .dateTime)
        #expect(XlsxDateKind.custom("[h]:mm:ss") == .elapsed)
        #expect(XlsxDateKind.custom("[$-409]d-mmm-yy;@") == .date)
        #expect(XlsxDateKind.custom("0.00") == nil)
        #expect(XlsxDateKind.custom("#,##0") == nil)
        #expect(XlsxDateKind.custom("\"days\" 0") == nil)
        #expect(XlsxDateKind.custom("[Red]0.00") == nil)
        #expect(XlsxDateKind.custom("General") == nil)
        #expect(XlsxDateKind.builtin(14) == .date && XlsxDateKind.builtin(21) == .time && XlsxDateKind.builtin(22) == .dateTime)
        #expect(XlsxDateKind.builtin(2) == nil && XlsxDateKind.builtin(49) == nil)
    }

    @Test func dotLayoutEqualsItsCSVTwin() throws {
        // The DoT table with its banner, footer, numbers stored as numbers and dates as date cells
        // reads to the same converted text as the hand-written CSV (apart from padding of blank rows).
        let lines = try csv(Self.golden + "dot-ipdr.xlsx")
        let twin = try String(contentsOfFile: Self.golden + "dot-ipdr.csv", encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 13 && twin.count >= 5, "lines: \(lines.count), twin: \(twin.count)")
        #expect(lines[4] == twin[4])   // header, row 5
        #expect(lines[5].hasPrefix("919876543210,404109876543210,3567890123456789,100.72.14.5,40512,"))
        #expect(lines[5].contains(",2025-10-05,14:03:11,2025-10-05,14:05:40,149,"))
        #expect(lines[6].hasPrefix("9.19834E+11,404109876543211,'3567890123456790,"))
        #expect(lines[11].hasPrefix("This is System generated report,,,"))
    }

    @Test func positionsAreRowAndFieldNumber() throws {
        let path = Self.golden + "dot-bad-port.xlsx"
        let e = loadError(path) { $0.header = true; $0.skipLines = 4; $0.types = ["Translated Port": .int] }
        guard case .typeMismatch(let p, let column, _, let text)? = e else {
            Issue.record("expected a type mismatch, got \(String(describing: e))")
            return
        }
        #expect(p.line == 7 && p.column == 7)
        #expect(column == "Translated Port" && text == "40O11")
        let r = try load(path) { $0.header = true; $0.skipLines = 4; $0.types = ["Translated Port": .int]; $0.onError = .skip }
        #expect(r.frame.rowCount == 2)
        #expect(rows(try #require(r.rejects)).first?.prefix(2) == [.int(7), .int(7)])
    }

    @Test func damagedFilesGiveClearErrors() throws {
        let notZip = dir.file("plain.xlsx", "msisdn,start\n1,2\n")
        #expect(loadError(notZip) { $0.format = .xlsx } == .notAWorkbook(path: notZip, reason: "it is not a zip archive (an .xlsx file is one)"))
        let other = Self.golden + "not-a-workbook.xlsx"
        #expect(loadError(other) == .notAWorkbook(path: other, reason: "the zip archive has no xl/workbook.xml"))
        let legacy = Self.golden + "legacy.xls"
        let e = loadError(legacy)
        #expect(e == .legacyWorkbook(path: legacy))
        #expect(e?.description.contains("save it as .xlsx or CSV") == true)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.golden + "dot-ipdr.xlsx")))
        let cut = dir.file("cut.xlsx", bytes: Array(bytes.prefix(bytes.count / 2)))
        guard case .notAWorkbook? = loadError(cut) else {
            Issue.record("a truncated workbook must be refused as not a readable workbook")
            return
        }
    }

    /// Random truncations and byte flips of a real workbook never crash: each load gives a frame or a typed error.
    @Test func damagedWorkbooksNeverCrash() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.golden + "dot-ipdr.xlsx")))
        var rng = SplitMix(seed: 0x5EE7)
        for i in 0..<150 {
            var b = bytes
            if i % 3 == 0 {
                b = Array(b.prefix(1 + Int(rng.next() % UInt64(b.count - 1))))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 6)) where !b.isEmpty {
                    b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            let path = dir.file("fuzz\(i).xlsx", bytes: b)
            do {
                _ = try load(path) { $0.format = .xlsx }
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }
}
