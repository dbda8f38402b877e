import Foundation
import Testing
import TestSupport
@testable import Frames

/// The byte scanner that turns a worksheet part and the shared strings into
/// CSV text: every XML form a workbook writer uses (prefixes, quotes,
/// self-closing tags, entities, CDATA, rich and phonetic runs, `_xHHHH_`
/// escapes), cell types, positioned errors, partial parts, and random damage.
@Suite struct XlsxSheetConverterTests {
    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#

    /// Styles: 0 General, 1 a date (built-in 14), 2 a custom date-time code.
    static let styles = XlsxStyles(Data("""
        <styleSheet \(main)><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>
        <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>
        """.utf8))

    func table(_ items: String) -> XlsxSharedStrings {
        let read = XlsxSharedStrings.read(Data("<sst \(Self.main)>\(items)</sst>".utf8))
        #expect(read.error == nil)
        return read.table
    }

    func converter(_ strings: String = "") -> XlsxSheetConverter {
        XlsxSheetConverter(strings: table(strings), styles: Self.styles, date1904: false)
    }

    /// The CSV lines of a sheet whose `sheetData` holds `rows`.
    func lines(_ rows: String, strings: String = "", _ c: XlsxSheetConverter? = nil) throws -> [String] {
        let conv = c ?? converter(strings)
        let xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<worksheet \(Self.main)><sheetData>\(rows)</sheetData></worksheet>"
        let csv = try conv.convert(Data(xml.utf8)).get()
        return String(decoding: csv, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    func failure(_ xml: String, strings: String = "") -> String? {
        if case .failure(let f) = converter(strings).convert(Data(xml.utf8)) { return f.reason }
        return nil
    }

    @Test func rowsAreLinesAndColumnsAreFields() throws {
        // A row that starts in column C, a gap, a missing row 2, and padding to the widest row.
        let out = try lines(#"<row r="1"><c r="C1"><v>3</v></c><c r="E1"><v>5</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>"#)
        #expect(out == [",,3,,5", "", "1,,,,"])
    }

    @Test func cellTypes() throws {
        let strings = "<si><t>shared</t></si><si><t>a,b</t></si><si><t></t></si>"
        let out = try lines("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="b"><v>1</v></c>\
            <c r="E1" t="b"><v>0</v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1" t="str"><f>CONCAT("x","y")</f><v>xy</v></c>\
            <c r="H1" t="d"><v>2025-10-05T14:03:11</v></c><c r="I1" t="n"><v>0.1</v></c><c r="J1"><f>1+1</f><v>2</v></c></row>
            """, strings: strings)
        #expect(out == [#"shared,"a,b",,TRUE,FALSE,,xy,2025-10-05T14:03:11,0.1,2"#])
    }

    @Test func numbersAndDatesByStyle() throws {
        let out = try lines("""
            <row r="1"><c r="A1"><v>007</v></c><c r="B1"><v>-0</v></c><c r="C1"><v>1.50</v></c><c r="D1"><v> 12 </v></c>\
            <c r="E1"><v>919876543210</v></c><c r="F1"><v>9007199254740993</v></c><c r="G1"><v>1E3</v></c><c r="H1"><v>-42</v></c></row>\
            <row r="2"><c r="A2" s="1"><v>45935</v></c><c r="B2" s="2"><v>45935.585543981481</v></c><c r="C2" s="1"><v>abc</v></c>\
            <c r="D2" s="9"><v>45935</v></c></row>
            """)
        #expect(out[0] == "7,0,1.5,12,919876543210,9007199254740992.0,1000,-42")
        #expect(out[1] == "2025-10-05,2025-10-05 14:03:11,abc,45935,,,,")
    }

    @Test func inlineRichAndPhoneticText() throws {
        let strings = #"<si><r><rPr><b/></rPr><t>Ra</t></r><r><t>vi</t></r><rPh sb="0" eb="1"><t>ラ</t></rPh></si><si><t xml:space="preserve">  two  spaces </t></si>"#
        let out = try lines("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
            <c r="C1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve"> line</t></r><rPh><t>x</t></rPh></is></c></row>
            """, strings: strings)
        #expect(out == ["Ravi,  two  spaces ,in line"])
    }

    @Test func selfClosingTagsPrefixesQuotesAndAttributeOrder() throws {
        let out = try lines("""
            <x:row r="1" spans="1:3"><x:c r="A1" s="0"/><x:c t='inlineStr' r='B1'><x:is><x:t>b</x:t></x:is></x:c>\
            <x:c s="1" t="n" r="C1" ><x:v >45935</x:v ></x:c></x:row><row r="2"/><row r="3"><c r="A3"><v/></c><c r="B3" t="inlineStr"><is/></c></row>
            """)
        // Row 3 holds only empty cells: an empty line, not padded.
        #expect(out == [",b,2025-10-05", "", ""])
    }

    @Test func entitiesCDATAAndEscapes() throws {
        let strings = #"<si><t>R&amp;D &lt;team&gt; &quot;q&quot; &apos;a&apos; &#65;&#x42;&#x20AC;</t></si><si><t>a_x000D__x000A_b _x0041_ _xZZZZ_</t></si>"#
        let out = try lines("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v><![CDATA[12]]></v></c>\
            <c r="D1" t="inlineStr"><is><t><![CDATA[a<b>&amp;]]></t></is></c><!-- a comment --><?pi here?></row>
            """, strings: strings)
        #expect(out == [#""R&D <team> ""q"" 'a' AB€",a b A _xZZZZ_,12,a<b>&amp;"#])
    }

    @Test func lineBreaksBecomeSpacesAndAreCounted() throws {
        let c = converter("<si><t>one\ntwo</t></si>")
        let out = try lines(#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x&#13;&#10;y&#13;z</t></is></c></row>"#, c)
        #expect(out == ["one two,one two,x y z"])
        #expect(c.brokenLines == 3)
    }

    @Test func errorCellsAreCounted() throws {
        let c = converter()
        let out = try lines(#"<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><v>#DIV/0!</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1"><v>1</v></c></row>"#, c)
        #expect(out == [",,,1"])
        #expect(c.errorCells == 3 && c.errorExamples == ["#N/A", "#DIV/0!"])
    }

    @Test func malformedPartsArePositioned() {
        let head = "<worksheet \(Self.main)>\n<sheetData>\n"
        #expect(failure(head + #"<row r="1"><c r="A1"><v>1</v></x></row></sheetData></worksheet>"#)
            == "line 3 column 30: a closing tag that does not match the open element")
        #expect(failure(head + #"<row r="1"><c r="A1" t="inlineStr"><is><t>a &nbsp; b</t></is></c></row></sheetData></worksheet>"#)
            == "line 3 column 45: a bad entity reference (&nbsp;)")
        #expect(failure(head + #"<row r="1"><c r=A1><v>1</v></c></row></sheetData></worksheet>"#)
            == "line 3 column 17: a bad attribute (its value is not quoted)")
        #expect(failure(head + #"<row r="1"><c r="A1"><v>1</v></c></row>"#) == "line 3 column 40: the part ends inside <sheetData> (cut short)")
        #expect(failure(head + #"<row r="1"><c r="A1"><v>1</v"#) == "line 3 column 26: a tag that is not closed with > (cut short?)")
        #expect(failure("") == "line 1 column 1: no XML document (empty, or not XML)")
        #expect(failure(head + #"<row r="2"/><row r="1"/></sheetData></worksheet>"#)
            == "line 3 column 13: row 1 is out of order or out of range (after row 2)")
        #expect(failure(head + #"<row r="1"><c r="B1"/><c r="A1"/></row></sheetData></worksheet>"#)
            == "line 3 column 23: cell A1 in row 1 is out of column order")
        #expect(failure(head + #"<row r="1"><c r="1A"/></row></sheetData></worksheet>"#)
            == "line 3 column 12: cell reference '1A' in row 1 is not a column of a sheet")
        #expect(failure(head + #"<row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>"#, strings: "<si><t>a</t></si>")
            == "line 3 column 12: cell A1 names shared string 5, but the table has 1")
        #expect(failure(head + "</sheetData></worksheet><extra/>") == "line 3 column 25: content after the end of the document")
        let sst = XlsxSharedStrings.read(Data("<sst>\n<si><t>a</t></si><si><t>b</sst>".utf8))
        #expect(sst.error == "line 2 column 26: a closing tag that does not match the open element")
    }

    @Test func partialPartGivesTheCompleteRows() throws {
        let xml = "<worksheet \(Self.main)><sheetData>" + (1...50).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
            + "</sheetData></worksheet>"
        let bytes = Array(xml.utf8)
        let cut = Data(bytes.prefix(bytes.count / 2))
        let csv = try converter().convert(cut, partial: true).get()
        let out = String(decoding: csv, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(!out.isEmpty && out.count < 50)
        #expect(out == (1...out.count).map(String.init))
        // A byte limit stops after the row that passes it.
        let limited = XlsxSheetConverter(strings: XlsxSharedStrings(), styles: XlsxStyles(), date1904: false, byteLimit: 10)
        // The row text so far is "12345678910" when row 10 passes 10 bytes.
        #expect(String(decoding: try limited.convert(Data(bytes)).get(), as: UTF8.self) == (1...10).map { "\($0)\n" }.joined())
        #expect(limited.truncated)
    }

    @Test func workbookPrefixStopsEarly() throws {
        let path = XlsxReaderTests.golden + "dot-ipdr.xlsx"
        let file = try MappedFile(path: path)
        let whole = try XlsxReader.convert(file, sheet: nil).csv
        let start = try #require(XlsxReader.prefix(file, sheet: nil, bytes: 100))
        // The same rows; padding is to the widest row read, so compare lines without trailing commas.
        func unpadded(_ b: [UInt8]) -> [Substring] {
            String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { l in l[..<(l.lastIndex { $0 != "," }.map { l.index(after: $0) } ?? l.startIndex)] }
        }
        let lines = unpadded(start)
        #expect(lines.count >= 2)
        #expect(Array(lines.dropLast()) == Array(unpadded(whole).prefix(lines.count - 1)))
    }

    /// Random truncations and byte flips of a real sheet part and shared
    /// strings part: never a crash; each gives CSV or a reason that starts with its place.
    @Test func damagedPartsNeverCrash() throws {
        let file = try MappedFile(path: XlsxReaderTests.golden + "dot-ipdr.xlsx")
        let archive = try XlsxArchive(file: file)
        let workbook = try XlsxWorkbook(archive: archive)
        let sheet = try #require(try archive.part(workbook.sheets[0].part))
        let sst = try #require(try archive.part(workbook.folder + "sharedStrings.xml"))
        let strings = XlsxSharedStrings.read(sst).table
        var rng = SplitMix(seed: 0xC0FFEE)
        for i in 0..<400 {
            var b = Array(i % 2 == 0 ? sheet : sst)
            if i % 4 < 2 {
                b = Array(b.prefix(Int(rng.next() % UInt64(b.count))))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next() % 128)
                }
            }
            if i % 2 == 0 {
                let conv = XlsxSheetConverter(strings: strings, styles: XlsxStyles(), date1904: false)
                if case .failure(let f) = conv.convert(Data(b)) {
                    #expect(f.reason.hasPrefix("line "), "\(f.reason)")
                }
                _ = XlsxSheetConverter(strings: strings, styles: XlsxStyles(), date1904: false).convert(Data(b), partial: true)
            } else if let e = XlsxSharedStrings.read(Data(b)).error {
                #expect(e.hasPrefix("line "), "\(e)")
            }
        }
    }
}
