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
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        if parser.parse() { return nil }
        return XlsxElementScanner.describe(parser)
    }

    /// `line L column C: what` for a parser that failed.
    static func describe(_ parser: XMLParser) -> String {
        let code = (parser.parserError as NSError?)?.code ?? 0
        return "line \(parser.lineNumber) column \(parser.columnNumber): \(reason(code: code))"
    }

    /// A parser error code in words.
    static func reason(code: Int) -> String {
        switch XMLParser.ErrorCode(rawValue: code) {
        case .prematureDocumentEndError?: return "the document ends too early (cut short?)"
        case .tagNameMismatchError?: return "a closing tag does not match the open element"
        case .notWellBalancedError?: return "tags are not well balanced"
        case .documentStartError?, .emptyDocumentError?: return "no XML document"
        case .extraContentError?: return "content after the end of the document"
        case .invalidCharacterError?, .invalidCharacterInEntityError?: return "an invalid character"
        case .undeclaredEntityError?, .entityRefLoopError?, .entityReferenceMissingSemiError?, .entityRefAtEOFError?:
            return "a bad entity reference (&…;)"
        case .attributeNotStartedError?, .attributeNotFinishedError?, .attributeRedefinedError?,
             .literalNotStartedError?, .literalNotFinishedError?:
            return "a bad attribute"
        case .gtRequiredError?, .ltRequiredError?, .lessThanSymbolInAttributeError?: return "a misplaced < or >"
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
