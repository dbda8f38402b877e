import Foundation

/// The shared string table (`xl/sharedStrings.xml`): `<si>` items, each the
/// text of its `<t>` runs (rich text `<r><t>` joined; phonetic `<rPh>` guides left out).
enum XlsxSharedStrings {
    static func read(_ data: Data) -> (strings: [String], error: String?) {
        var strings: [String] = []
        var current = ""
        var inPhonetic = false
        let error = XlsxElementScanner(start: { name, _ in
            switch name {
            case "si": current = ""
            case "rPh": inPhonetic = true
            default: break
            }
        }, end: { name, text in
            switch name {
            case "t" where !inPhonetic: current += text
            case "rPh": inPhonetic = false
            case "si": strings.append(current)
            default: break
            }
        }).scan(data)
        return (strings, error)
    }
}
