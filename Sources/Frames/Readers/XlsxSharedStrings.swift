import Foundation

/// The shared string table (`xl/sharedStrings.xml`): `<si>` items, each the
/// text of its `<t>` runs (rich text `<r><t>` joined; phonetic `<rPh>` guides
/// left out), kept as CSV fields ready to copy — entities and `_xHHHH_`
/// escapes decoded, quoted when needed, line breaks as spaces — in one byte
/// buffer with the end offset of each.
struct XlsxSharedStrings {
    /// The fields, one after another.
    private(set) var bytes: [UInt8] = []
    /// End offset in `bytes` of each string.
    private(set) var ends: [Int] = []
    /// Whether each string had line breaks (read as spaces).
    private(set) var broken: [Bool] = []
    /// Whether the table holds every string of the part (false when only the start of the part was read).
    private(set) var complete = true

    init() {}

    var count: Int { ends.count }

    /// The byte range of string `i` in `bytes`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// String `i` as text (the CSV field, for tests and messages).
    func field(_ i: Int) -> String {
        String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// Reads the part; the reason (`line L column C: what`) when it is not
    /// well-formed XML. With `partial`, `data` is the start of the part and
    /// the table holds the strings complete in it.
    static func read(_ data: Data, partial: Bool = false) -> (table: XlsxSharedStrings, error: String?) {
        var table = XlsxSharedStrings()
        table.complete = !partial
        let error: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(XlsxXMLTokens.Failure) {
                try table.scan(bytes)
                return nil
            } catch {
                if partial { return nil }
                return XlsxXMLTokens.place(error.offset, in: bytes) + ": " + error.reason
            }
        }
        return (table, error)
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(XlsxXMLTokens.Failure) {
        var tokens = XlsxXMLTokens(bytes)
        var current: [UInt8] = []
        var inItem = false
        var inText = false
        var phonetic = 0
        self.bytes.reserveCapacity(bytes.count / 3)
        loop: while true {
            switch try tokens.next() {
            case .done: break loop
            case .start(let name, _, let empty):
                if tokens.equals(name, "si") {
                    current.removeAll(keepingCapacity: true)
                    inItem = true
                    if empty { finish(&current); inItem = false }
                } else if tokens.equals(name, "t") {
                    inText = !empty && inItem && phonetic == 0
                } else if tokens.equals(name, "rPh"), !empty {
                    phonetic += 1
                }
            case .end(let name):
                if tokens.equals(name, "t") {
                    inText = false
                } else if tokens.equals(name, "rPh") {
                    phonetic = max(0, phonetic - 1)
                } else if tokens.equals(name, "si"), inItem {
                    finish(&current)
                    inItem = false
                }
            case .text(let r):
                if inText { try tokens.decode(r, into: &current) }
            case .cdata(let r):
                if inText { current.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[r])) }
            }
        }
    }

    private mutating func finish(_ text: inout [UInt8]) {
        XlsxCellText.unescape(&text)
        broken.append(XlsxCSVField.append(text, to: &bytes))
        ends.append(bytes.count)
    }
}
