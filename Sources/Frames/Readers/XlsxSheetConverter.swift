import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns a worksheet part into CSV text (RFC 4180): one line per sheet row,
/// so that line N of the text is row N of the sheet (missing and empty rows
/// are empty lines), cells in column order with gaps as empty fields, every
/// row padded with empty fields to the widest row (as a spreadsheet's own CSV
/// export does). Line breaks inside a cell become spaces so that line numbers
/// stay row numbers; they are counted, as are error cells (`#N/A`), which
/// become empty.
final class XlsxSheetConverter: NSObject, XMLParserDelegate {
    /// Excel's limits: a reference past them is damage, not data.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    private let strings: [String]
    private let styles: XlsxStyles
    private let date1904: Bool
    private let byteLimit: Int

    /// Row lines without padding, and per line its end offset and field count.
    private var text: [UInt8] = []
    private var lineEnds: [Int] = []
    private var lineFields: [Int] = []
    private var width = 0
    private var lastRow = 0

    private var row: [(column: Int, value: String)] = []
    private var rowNumber = 0
    private var inRow = false
    private var cellRef: String?
    private var cellType = "n"
    private var cellStyle = 0
    private var lastColumn = 0
    private var value: String?
    private var inlineText = ""
    private var inInline = false
    private var inPhonetic = false
    private var chars = ""

    /// What went wrong that the parser cannot say (a reference out of range, a bad shared string index).
    private(set) var failure: String?
    /// Error cells read as empty, with a few of their texts.
    private(set) var errorCells = 0
    private(set) var errorExamples: [String] = []
    /// Cells whose line breaks became spaces.
    private(set) var brokenLines = 0
    /// Whether the byte limit stopped the conversion early.
    private(set) var truncated = false

    init(strings: [String], styles: XlsxStyles, date1904: Bool, byteLimit: Int = .max) {
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
        self.byteLimit = byteLimit
    }

    /// Converts the sheet; the CSV bytes, or the reason it is not a readable sheet.
    func convert(_ data: Data) -> Result<[UInt8], XlsxSheetFailure> {
        let parser = XlsxElementScanner.parser(data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let failure { return .failure(XlsxSheetFailure(reason: failure)) }
        if !ok && !truncated { return .failure(XlsxSheetFailure(reason: firstError ?? XlsxElementScanner.describe(parser))) }
        if inRow { return .failure(XlsxSheetFailure(reason: "the sheet ends inside row \(rowNumber) (cut short)")) }
        return .success(padded())
    }

    /// The lines with every row padded to the widest one.
    private func padded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + lineEnds.count * 2)
        var start = 0
        for (end, fields) in zip(lineEnds, lineFields) {
            out.append(contentsOf: text[start..<end])
            if fields > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: ","), count: width - fields)) }
            out.append(10)
            start = end
        }
        return out
    }

    /// The first error libxml2 reported, where it was seen.
    private var firstError: String?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil {
            firstError = "line \(parser.lineNumber) column \(parser.columnNumber): \(XlsxElementScanner.reason(code: (parseError as NSError).code))"
        }
    }

    private func fail(_ reason: String, _ parser: XMLParser) {
        if failure == nil { failure = reason }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        chars = ""
        switch XlsxElementScanner.local(elementName) {
        case "row":
            let attrs = XlsxElementScanner.local(attributeDict)
            let r = attrs["r"].flatMap { Int($0) } ?? lastRow + 1
            guard r > lastRow, r <= Self.maxRows else {
                fail("row \(attrs["r"] ?? "?") is out of order or out of range (after row \(lastRow))", parser)
                return
            }
            rowNumber = r
            row.removeAll(keepingCapacity: true)
            lastColumn = 0
            inRow = true
        case "c" where inRow:
            let attrs = XlsxElementScanner.local(attributeDict)
            cellRef = attrs["r"]
            cellType = attrs["t"] ?? "n"
            cellStyle = attrs["s"].flatMap { Int($0) } ?? 0
            value = nil
            inlineText = ""
        case "is": inInline = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XlsxElementScanner.local(elementName) {
        case "v": value = chars
        case "t" where inInline && !inPhonetic: inlineText += chars
        case "rPh": inPhonetic = false
        case "is": inInline = false; value = inlineText
        case "c" where inRow: endCell(parser)
        case "row" where inRow: endRow(parser)
        default: break
        }
        chars = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        chars += string
    }

    private func endCell(_ parser: XMLParser) {
        var column = lastColumn + 1
        if let ref = cellRef {
            guard let c = Self.column(of: ref), c <= Self.maxColumns else {
                fail("cell reference '\(ref)' in row \(rowNumber) is not a column of a sheet", parser)
                return
            }
            column = c
        }
        guard column > lastColumn else {
            fail("cell \(cellRef ?? "?") in row \(rowNumber) is out of column order", parser)
            return
        }
        lastColumn = column
        guard let raw = value else { return }
        let text: String
        switch cellType {
        case "s":
            guard let i = Int(raw.trimmingBlanks()), strings.indices.contains(i) else {
                fail("cell \(cellRef ?? "?") names shared string \(raw), but the table has \(strings.count)", parser)
                return
            }
            text = XlsxCellText.unescaped(strings[i])
        case "inlineStr", "str": text = XlsxCellText.unescaped(raw)
        case "b": text = raw.trimmingBlanks() == "1" ? "TRUE" : raw.trimmingBlanks() == "0" ? "FALSE" : raw
        case "e":
            errorCells += 1
            if errorExamples.count < 3, !errorExamples.contains(raw) { errorExamples.append(raw) }
            return
        case "d": text = raw
        default:
            if let kind = styles.dateKinds[cellStyle], let d = Double(raw.trimmingBlanks()),
               let t = XlsxCellText.date(serial: d, kind: kind, date1904: date1904) {
                text = t
            } else {
                text = XlsxCellText.number(raw) ?? raw
            }
        }
        guard !text.isEmpty else { return }
        row.append((column, text))
    }

    private func endRow(_ parser: XMLParser) {
        inRow = false
        while lastRow + 1 < rowNumber {
            lineEnds.append(text.count)
            lineFields.append(0)
            lastRow += 1
        }
        lastRow = rowNumber
        var fields = 0
        for (column, value) in row {
            while fields < column - 1 { text.append(UInt8(ascii: ",")); fields += 1 }
            if fields > 0 { text.append(UInt8(ascii: ",")) }
            fields = column
            append(value)
        }
        lineEnds.append(text.count)
        lineFields.append(fields)
        width = max(width, fields)
        if text.count > byteLimit {
            truncated = true
            parser.abortParsing()
        }
    }

    /// One field, quoted when it holds a comma or a quote; line breaks as spaces.
    private func append(_ value: String) {
        var v = value
        if v.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            brokenLines += 1
            v = String(v.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        if v.contains(where: { $0 == "," || $0 == "\"" }) {
            text.append(UInt8(ascii: "\""))
            for b in v.utf8 {
                if b == UInt8(ascii: "\"") { text.append(b) }
                text.append(b)
            }
            text.append(UInt8(ascii: "\""))
        } else {
            text.append(contentsOf: v.utf8)
        }
    }

    /// The 1-based column of a reference such as `B7` (`AA10` → 27), nil when it has no letters.
    static func column(of ref: String) -> Int? {
        var n = 0
        var letters = 0
        for b in ref.utf8 {
            let upper = b & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            n = n * 26 + Int(upper - UInt8(ascii: "A") + 1)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n
    }
}
