import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams the elements of a small workbook part (workbook, relationships,
/// styles, shared strings) to closures, by local name (namespace prefixes
/// dropped from element and attribute names), with the text inside each.
final class XlsxElementScanner: NSObject, XMLParserDelegate {
    private let onStart: (String, [String: String]) -> Void
    private let onEnd: (String, String) -> Void
    private var text = ""

    /// `start(name, attributes)` at each opening tag, `end(name, text)` at each
    /// closing tag with the text seen since the last tag.
    init(start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void = { _, _ in }) {
        onStart = start
        onEnd = end
    }

    /// Parses `data`; the reason when it is not well-formed XML.
    func scan(_ data: Data) -> String? {
        let parser = XlsxElementScanner.parser(data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        if parser.parse() { return nil }
        return firstError ?? XlsxElementScanner.describe(parser)
    }

    /// The first error libxml2 reported, where it was seen (it may go on past it).
    private var firstError: String?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil {
            firstError = "line \(parser.lineNumber) column \(parser.columnNumber): \(Self.reason(code: (parseError as NSError).code))"
        }
    }

    /// A parser fed from a stream over `data`, in chunks: given the whole
    /// document at once, libxml2 refuses documents over 10 MB ("huge input
    /// lookup"), which a sheet of some 10,000 rows already is.
    static func parser(_ data: Data) -> XMLParser {
        XMLParser(stream: InputStream(data: data))
    }

    /// `line L column C: what` for a parser that failed.
    static func describe(_ parser: XMLParser) -> String {
        let code = (parser.parserError as NSError?)?.code ?? 0
        return "line \(parser.lineNumber) column \(parser.columnNumber): \(reason(code: code))"
    }

    /// A parser error code in words (the codes are libxml2's, which XMLParser passes on).
    static func reason(code: Int) -> String {
        switch code {
        case 3, 4: return "no XML document (empty, or not XML)"
        case 5, 86: return "content after the end of the document"
        case 9, 81, 32: return "a character that is not allowed, or the wrong encoding"
        case 23, 26: return "a bad entity reference (&…;)"
        case 33, 34, 38, 39, 40, 41, 42: return "a bad attribute"
        case 68: return "a tag without a name"
        case 72, 73, 74: return "a tag that is not closed with >"
        case 76: return "a closing tag that does not match the open element"
        case 77, 85: return "an element that is never closed (the document ends too early?)"
        default: return "not well-formed (XML parser error \(code))"
        }
    }

    /// The part of a qualified name after its prefix.
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Attributes keyed by local name.
    static func local(_ attributes: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in attributes { out[local(k)] = v }
        return out
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        text = ""
        onStart(Self.local(elementName), Self.local(attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        onEnd(Self.local(elementName), text)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
