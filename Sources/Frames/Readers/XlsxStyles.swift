import Foundation

/// The date kind of each cell style (`s="N"` indexes `cellXfs`), from
/// `xl/styles.xml`: the built-in number format ids and the custom `numFmts`.
struct XlsxStyles {
    /// Date kind by style index; styles not listed show plain numbers.
    private(set) var dateKinds: [Int: XlsxDateKind] = [:]

    init() {}

    /// Reads the styles part (absent or damaged styles: no dates known).
    init(_ data: Data) {
        var custom: [Int: String] = [:]
        var formatIds: [Int] = []
        var inCellXfs = false
        _ = XlsxElementScanner(start: { name, a in
            switch name {
            case "numFmt":
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs:
                formatIds.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }, end: { name, _ in
            if name == "cellXfs" { inCellXfs = false }
        }).scan(data)
        for (i, id) in formatIds.enumerated() {
            let kind = custom[id].map(XlsxDateKind.custom) ?? XlsxDateKind.builtin(id)
            if let kind { dateKinds[i] = kind }
        }
    }
}
