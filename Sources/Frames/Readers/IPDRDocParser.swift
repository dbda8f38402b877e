import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams an IPDR.org `IPDRDoc` (NDM-U XML: `IPDRDoc` root with `docId`,
/// `version`, `creationTime`, `IPDRRecorderInfo`; `IPDR` records typed by
/// `xsi:type`; a closing `IPDRDoc.End count=… endTime=…`) into a cell table:
/// one row per `IPDR`, a column per child element (namespace prefix dropped;
/// an element nested deeper is named `parent.child`; a name repeated within
/// one record keeps its values joined with `;`), and `ipdr_type`.
final class IPDRDocParser: NSObject, XMLParserDelegate {
    private(set) var table: CellTable
    /// The root element's attributes.
    private(set) var document: [String: String] = [:]
    /// `IPDRDoc.End`'s attributes, nil when the document has none.
    private(set) var end: [String: String]?
    /// A structural problem (the root is not `IPDRDoc`), with its place.
    private(set) var failure: (reason: String, line: Int, column: Int)?

    private var stack: [String] = []
    private var chars = ""
    /// The record being read: its place, type and cells in order (name, value, line, column).
    private var recordLine = 0
    private var recordType: String?
    private var cells: [(name: String, value: String, line: Int, column: Int)] = []
    private var openPlaces: [(line: Int, column: Int, hasChildren: Bool)] = []

    init(path: String) {
        table = CellTable(path: path)
        table.column("ipdr_type")
    }

    /// Parses the document; a positioned error when it is not well-formed XML
    /// or not an IPDRDoc. A document that ends inside an element (cut short)
    /// is an error too, unless `keepComplete`: then the complete records are
    /// kept and the returned text says where the document stops.
    func parse(_ data: Data, keepComplete: Bool) throws(LoadError) -> String? {
        let parser = XlsxElementScanner.parser(data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let failure {
            throw .xmlSyntax(SourcePosition(file: table.path, line: failure.line, column: failure.column), reason: failure.reason)
        }
        if !ok {
            let place = firstError ?? (max(1, parser.lineNumber), max(1, parser.columnNumber), (parser.parserError as NSError?)?.code ?? 0)
            throw .xmlSyntax(SourcePosition(file: table.path, line: place.line, column: place.column),
                             reason: XlsxElementScanner.reason(code: place.code))
        }
        guard let open = stack.last, let place = openPlaces.last else { return nil }
        let line = max(1, parser.lineNumber)
        let reason = "the document ends inside <\(open)> opened at line \(place.line) (cut short)"
        if !keepComplete {
            throw .xmlSyntax(SourcePosition(file: table.path, line: line, column: max(1, parser.columnNumber)),
                             reason: reason + "; on_error=skip keeps the \(table.rowCount) complete IPDR record(s)")
        }
        return reason + ": the record open there is left out"
    }

    /// The place of the first error libxml2 reported (it may go on past it).
    private var firstError: (line: Int, column: Int, code: Int)?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil {
            firstError = (max(1, parser.lineNumber), max(1, parser.columnNumber), (parseError as NSError).code)
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = XlsxElementScanner.local(elementName)
        let attrs = XlsxElementScanner.local(attributeDict)
        chars = ""
        if !openPlaces.isEmpty { openPlaces[openPlaces.count - 1].hasChildren = true }
        openPlaces.append((parser.lineNumber, parser.columnNumber, false))
        defer { stack.append(name) }
        switch stack.count {
        case 0:
            guard name == "IPDRDoc" else {
                failure = ("the root element is <\(name)>, not <IPDRDoc>: this is not an IPDR.org IPDRDoc document", parser.lineNumber, parser.columnNumber)
                parser.abortParsing()
                return
            }
            document = attrs
        case 1 where name == "IPDR":
            recordLine = parser.lineNumber
            recordType = attrs["type"].map(XlsxElementScanner.local)
            cells.removeAll(keepingCapacity: true)
        case 1 where name == "IPDRDoc.End":
            end = attrs
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let place = openPlaces.popLast()
        _ = stack.popLast()
        defer { chars = "" }
        guard stack.count >= 1, stack.count < 2 || stack[1] == "IPDR" else { return }
        if stack.count == 1 {
            if XlsxElementScanner.local(elementName) == "IPDR" { finishRecord() }
            return
        }
        guard let place, !place.hasChildren else { return }
        let name = (stack.dropFirst(2) + [XlsxElementScanner.local(elementName)]).joined(separator: ".")
        let value = chars.trimmingCharacters(in: .whitespacesAndNewlines)
        if let i = cells.firstIndex(where: { $0.name == name }) {
            cells[i].value += ";" + value
        } else {
            cells.append((name, value, place.line, place.column))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        chars += string
    }

    private func finishRecord() {
        let summary = (["xsi:type=\(recordType ?? "")"] + cells.map { "\($0.name)=\($0.value)" }).joined(separator: " ")
        table.addRow(line: recordLine, text: summary)
        table.set("ipdr_type", recordType, line: recordLine, column: 1)
        for c in cells { table.set(c.name, c.value, line: c.line, column: c.column) }
    }
}
