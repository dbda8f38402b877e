import Foundation

/// What `xl/workbook.xml` and its relationships say: the sheets in order with
/// the part each is stored in, and the date system (1900, or 1904 when
/// `workbookPr date1904` is set).
struct XlsxWorkbook {
    struct Sheet {
        var name: String
        var part: String
    }

    var sheets: [Sheet] = []
    var date1904 = false
    /// The workbook part's folder (`xl/`), against which its relationships resolve.
    var folder = "xl/"

    /// Reads the workbook parts of an archive.
    init(archive: XlsxArchive) throws(LoadError) {
        let path = archive.path
        var workbookPart = "xl/workbook.xml"
        if let rels = try archive.part("_rels/.rels") {
            var found: String?
            _ = XlsxElementScanner(start: { name, a in
                if name == "Relationship", found == nil, let type = a["Type"], type.hasSuffix("/officeDocument"), let t = a["Target"] {
                    found = t
                }
            }).scan(rels)
            if let found { workbookPart = Self.resolve(found, from: "") }
        }
        guard let workbook = try archive.part(workbookPart) else {
            let hint = archive.has("word/document.xml") ? " (it is a Word document)" : archive.has("ppt/presentation.xml") ? " (it is a presentation)" : ""
            throw .notAWorkbook(path: path, reason: "the zip archive has no \(workbookPart)\(hint)")
        }
        if let slash = workbookPart.lastIndex(of: "/") { folder = String(workbookPart[...slash]) } else { folder = "" }
        var listed: [(name: String, id: String)] = []
        var is1904 = false
        let bad = XlsxElementScanner(start: { name, a in
            switch name {
            case "sheet":
                listed.append((a["name"] ?? "Sheet\(listed.count + 1)", a["id"] ?? ""))
            case "workbookPr":
                let v = a["date1904"]?.lowercased()
                is1904 = v == "1" || v == "true"
            default: break
            }
        }).scan(workbook)
        if let bad { throw .notAWorkbook(path: path, reason: "\(workbookPart) is not well-formed XML (\(bad))") }
        date1904 = is1904
        var targets: [String: String] = [:]
        let relsPart = folder + "_rels/" + String(workbookPart.split(separator: "/").last ?? "workbook.xml") + ".rels"
        if let rels = try archive.part(relsPart) {
            _ = XlsxElementScanner(start: { name, a in
                if name == "Relationship", let id = a["Id"], let t = a["Target"] { targets[id] = t }
            }).scan(rels)
        }
        let base = folder
        sheets = listed.enumerated().map { i, s in
            let target = targets[s.id].map { Self.resolve($0, from: base) } ?? "\(base)worksheets/sheet\(i + 1).xml"
            return Sheet(name: s.name, part: target)
        }
        if sheets.isEmpty { throw .notAWorkbook(path: path, reason: "the workbook lists no sheets") }
    }

    /// A relationship target as a part name: absolute (`/xl/…`) or relative to `folder`, with `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for p in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// The sheet to read: the named one (exact, then ignoring case), else the first.
    func sheet(named name: String?, path: String) throws(LoadError) -> Sheet {
        guard let name else { return sheets[0] }
        if let s = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return s
        }
        throw .unknownSheet(path: path, sheet: name, sheets: sheets.map(\.name))
    }
}
