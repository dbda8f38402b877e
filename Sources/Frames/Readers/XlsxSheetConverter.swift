import Foundation

/// Turns a worksheet part into CSV text (RFC 4180): one line per sheet row,
/// so that line N of the text is row N of the sheet (missing and empty rows
/// are empty lines), cells in column order with gaps as empty fields, every
/// row padded with empty fields to the widest row (as a spreadsheet's own CSV
/// export does). Line breaks inside a cell become spaces so that line numbers
/// stay row numbers; they are counted, as are error cells (`#N/A`), which
/// become empty.
///
/// The part is read by a byte scanner (`XlsxXMLTokens`) and the fields are
/// written straight into the output: shared strings are copied from their
/// prepared CSV form, integers are rewritten digit by digit.
final class XlsxSheetConverter {
    /// Excel's limits: a reference past them is damage, not data.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    private let strings: XlsxSharedStrings
    /// Date kind by style index (`s="N"`), nil for styles that show numbers.
    private let dateKinds: [XlsxDateKind?]
    private let date1904: Bool
    private let byteLimit: Int

    /// Error cells read as empty, with a few of their texts.
    private(set) var errorCells = 0
    private(set) var errorExamples: [String] = []
    /// Cells whose line breaks became spaces.
    private(set) var brokenLines = 0
    /// Whether the byte limit stopped the conversion early.
    private(set) var truncated = false
    /// Whether a cell named a shared string past the end of a table that was read only in part.
    private(set) var needsMoreStrings = false

    init(strings: XlsxSharedStrings, styles: XlsxStyles, date1904: Bool, byteLimit: Int = .max) {
        self.strings = strings
        var kinds: [XlsxDateKind?] = Array(repeating: nil, count: (styles.dateKinds.keys.max() ?? -1) + 1)
        for (i, k) in styles.dateKinds where i >= 0 { kinds[i] = k }
        dateKinds = kinds
        self.date1904 = date1904
        self.byteLimit = byteLimit
    }

    /// The type of a cell (`t="…"`).
    private enum CellType { case number, shared, inline, formulaText, bool, error, isoDate }

    /// Converts the sheet; the CSV bytes, or the reason it is not a readable
    /// sheet (`line L column C: what`, a place in the part). With `partial`,
    /// `data` is the start of the part: the rows complete in it are returned.
    func convert(_ data: Data, partial: Bool = false) -> Result<[UInt8], XlsxSheetFailure> {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var out = Output()
            do throws(XlsxXMLTokens.Failure) {
                try scan(bytes, into: &out, partial: partial)
            } catch {
                // The rows before the first shared string not read yet are the answer.
                if needsMoreStrings { return .success(out.padded()) }
                return .failure(XlsxSheetFailure(reason: XlsxXMLTokens.place(error.offset, in: bytes) + ": " + error.reason))
            }
            return .success(out.padded())
        }
    }

    /// Row lines without padding, and per line its end offset and field count.
    private struct Output {
        var text: [UInt8] = []
        var lineEnds: [Int] = []
        var lineFields: [Int] = []
        var width = 0

        /// The lines with every row padded to the widest one.
        func padded() -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(text.count + lineEnds.count * 2)
            var start = 0
            for (end, fields) in zip(lineEnds, lineFields) {
                out.append(contentsOf: text[start..<end])
                if fields > 0, width > fields { out.append(contentsOf: repeatElement(UInt8(ascii: ","), count: width - fields)) }
                out.append(10)
                start = end
            }
            return out
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout Output, partial: Bool) throws(XlsxXMLTokens.Failure) {
        var tokens = XlsxXMLTokens(bytes)
        out.text.reserveCapacity(bytes.count / 3)
        var lastRow = 0
        var rowNumber = 0
        var inRow = false
        var rowFields = 0
        var lastColumn = 0
        var inCell = false
        var cellRef: Range<Int>?
        var cellType = CellType.number
        var cellStyle = 0
        var cellStart = 0
        var value: [UInt8] = []
        value.reserveCapacity(64)
        var hasValue = false
        var inlineText: [UInt8] = []
        var capture = false        // inside <v>, or a <t> of an inline string outside a phonetic run
        var inValue = false
        var inInline = false
        var phonetic = 0

        func fail(_ offset: Int, _ reason: String) -> XlsxXMLTokens.Failure {
            XlsxXMLTokens.Failure(offset: offset, reason: reason)
        }

        /// Ends a row; whether the byte limit says to stop.
        func endRow() throws(XlsxXMLTokens.Failure) -> Bool {
            inRow = false
            inCell = false
            out.lineEnds.append(out.text.count)
            out.lineFields.append(rowFields)
            out.width = max(out.width, rowFields)
            if out.text.count > byteLimit {
                truncated = true
                return true
            }
            return false
        }

        func endCell() throws(XlsxXMLTokens.Failure) {
            inCell = false
            var column = lastColumn + 1
            if let ref = cellRef {
                guard let c = Self.column(of: ref, bytes), c <= Self.maxColumns else {
                    throw fail(cellStart, "cell reference '\(tokens.string(ref))' in row \(rowNumber) is not a column of a sheet")
                }
                column = c
            }
            guard column > lastColumn else {
                throw fail(cellStart, "cell \(cellRef.map(tokens.string) ?? "?") in row \(rowNumber) is out of column order")
            }
            lastColumn = column
            guard hasValue else { return }
            switch cellType {
            case .shared:
                let i = value.withUnsafeBufferPointer { Self.integer(Self.trimmed($0), $0) }
                if let i, i >= strings.count, !strings.complete {
                    needsMoreStrings = true
                    throw fail(cellStart, "")
                }
                guard let i, i < strings.count else {
                    throw fail(cellStart, "cell \(cellRef.map(tokens.string) ?? "?") names shared string \(String(decoding: value, as: UTF8.self)), but the table has \(strings.count)")
                }
                let r = strings.range(i)
                guard !r.isEmpty else { return }
                separate(column)
                strings.bytes.withUnsafeBufferPointer { out.text.append(contentsOf: UnsafeBufferPointer(rebasing: $0[r])) }
                if strings.broken[i] { brokenLines += 1 }
            case .inline, .formulaText:
                XlsxCellText.unescape(&value)
                field(column, value)
            case .bool:
                let t = value.withUnsafeBufferPointer { Self.trimmed($0).count == 1 ? $0[Self.trimmed($0).lowerBound] : 0 }
                if t == UInt8(ascii: "1") { field(column, Array("TRUE".utf8)) } else if t == UInt8(ascii: "0") { field(column, Array("FALSE".utf8)) } else { field(column, value) }
            case .error:
                errorCells += 1
                let text = String(decoding: value, as: UTF8.self)
                if errorExamples.count < 3, !errorExamples.contains(text) { errorExamples.append(text) }
            case .isoDate:
                field(column, value)
            case .number:
                if cellStyle >= 0, cellStyle < dateKinds.count, let kind = dateKinds[cellStyle],
                   let d = Double(String(decoding: value, as: UTF8.self).trimmingBlanks()),
                   let t = XlsxCellText.date(serial: d, kind: kind, date1904: date1904) {
                    field(column, Array(t.utf8))
                } else if !value.isEmpty {
                    separate(column)
                    let done = value.withUnsafeBufferPointer { Self.appendInteger($0, to: &out.text) }
                    if !done {
                        let raw = String(decoding: value, as: UTF8.self)
                        let t = XlsxCellText.number(raw) ?? raw
                        if XlsxCSVField.append(Array(t.utf8), to: &out.text) { brokenLines += 1 }
                    }
                }
            }
        }

        /// The commas before a non-empty field at `column` (gaps are empty fields).
        func separate(_ column: Int) {
            let commas = rowFields == 0 ? column - 1 : column - rowFields
            if commas > 0 { out.text.append(contentsOf: repeatElement(UInt8(ascii: ","), count: commas)) }
            rowFields = column
        }

        func field(_ column: Int, _ text: [UInt8]) {
            guard !text.isEmpty else { return }
            separate(column)
            if XlsxCSVField.append(text, to: &out.text) { brokenLines += 1 }
        }

        while true {
            let token: XlsxXMLTokens.Token
            do throws(XlsxXMLTokens.Failure) {
                token = try tokens.next()
            } catch {
                // The start of a part is cut anywhere: the rows complete before the cut are the answer.
                if partial { return }
                throw error
            }
            switch token {
            case .done:
                if inRow, !partial { throw fail(bytes.count, "the sheet ends inside row \(rowNumber) (cut short)") }
                return
            case .text(let r):
                if capture {
                    if inValue { try tokens.decode(r, into: &value) } else { try tokens.decode(r, into: &inlineText) }
                }
            case .cdata(let r):
                if capture {
                    if inValue { value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[r])) } else {
                        inlineText.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[r]))
                    }
                }
            case .start(let name, let attributes, let empty):
                let start = tokens.tokenStart
                switch name.count {
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "c"):
                    guard inRow else { break }
                    cellRef = nil
                    cellType = .number
                    cellStyle = 0
                    cellStart = start
                    tokens.forEachAttribute(attributes) { n, v in
                        guard n.count == 1 else { return }
                        switch bytes[n.lowerBound] {
                        case UInt8(ascii: "r"): cellRef = v
                        case UInt8(ascii: "t"): cellType = Self.cellType(v, tokens)
                        case UInt8(ascii: "s"): cellStyle = Self.integer(v, bytes) ?? 0
                        default: break
                        }
                    }
                    hasValue = false
                    value.removeAll(keepingCapacity: true)
                    inlineText.removeAll(keepingCapacity: true)
                    inCell = true
                    if empty { try endCell() }
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "v"):
                    value.removeAll(keepingCapacity: true)
                    hasValue = true
                    inValue = !empty
                    capture = !empty
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "t"):
                    capture = inInline && phonetic == 0 && !empty
                case 2 where tokens.equals(name, "is"):
                    inInline = !empty
                    inlineText.removeAll(keepingCapacity: true)
                    if empty { hasValue = true; value.removeAll(keepingCapacity: true) }
                case 3 where tokens.equals(name, "rPh"):
                    if !empty { phonetic += 1 }
                case 3 where tokens.equals(name, "row"):
                    var r: Range<Int>?
                    tokens.forEachAttribute(attributes) { n, v in
                        if n.count == 1, bytes[n.lowerBound] == UInt8(ascii: "r") { r = v }
                    }
                    let number = r.flatMap { Self.integer($0, bytes) } ?? lastRow + 1
                    guard number > lastRow, number <= Self.maxRows else {
                        throw fail(start, "row \(r.map(tokens.string) ?? "?") is out of order or out of range (after row \(lastRow))")
                    }
                    rowNumber = number
                    while lastRow + 1 < rowNumber {
                        out.lineEnds.append(out.text.count)
                        out.lineFields.append(0)
                        lastRow += 1
                    }
                    lastRow = rowNumber
                    rowFields = 0
                    lastColumn = 0
                    inRow = true
                    if empty { if try endRow() { return } }
                default: break
                }
            case .end(let name):
                switch name.count {
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "v"):
                    inValue = false
                    capture = false
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "t"):
                    capture = false
                case 1 where bytes[name.lowerBound] == UInt8(ascii: "c"):
                    if inCell { try endCell() }
                case 2 where tokens.equals(name, "is"):
                    inInline = false
                    value = inlineText
                    hasValue = true
                case 3 where tokens.equals(name, "rPh"):
                    phonetic = max(0, phonetic - 1)
                case 3 where tokens.equals(name, "row"):
                    if inRow, try endRow() { return }
                default: break
                }
            }
        }

    }

    private static func cellType(_ v: Range<Int>, _ tokens: XlsxXMLTokens) -> CellType {
        switch v.count {
        case 1:
            switch tokens.bytes[v.lowerBound] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .bool
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3 where tokens.equals(v, "str"): return .formulaText
        case 9 where tokens.equals(v, "inlineStr"): return .inline
        default: return .number
        }
    }

    /// `range` without leading and trailing blanks.
    private static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lo = 0
        var hi = b.count
        while lo < hi, XlsxXMLTokens.isSpace(b[lo]) { lo += 1 }
        while hi > lo, XlsxXMLTokens.isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// A non-negative decimal integer of at most 9 digits, nil otherwise.
    private static func integer(_ r: Range<Int>, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !r.isEmpty, r.count <= 9 else { return nil }
        var n = 0
        var i = r.lowerBound
        while i < r.upperBound {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
            i += 1
        }
        return n
    }

    /// Writes a stored integer of up to 15 digits (optionally negative,
    /// blanks around) as `XlsxCellText.number` would — leading zeros dropped,
    /// `-0` as `0` — without going through a double; false when the text is
    /// not such an integer.
    @inline(__always)
    private static func appendInteger(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let r = trimmed(b)
        var i = r.lowerBound
        let negative = i < r.upperBound && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digits = r.upperBound - i
        guard digits > 0, digits <= 15 else { return false }
        var k = i
        while k < r.upperBound {
            if b[k] &- UInt8(ascii: "0") >= 10 { return false }
            k += 1
        }
        while i < r.upperBound - 1, b[i] == UInt8(ascii: "0") { i += 1 }
        if negative, !(r.upperBound - i == 1 && b[i] == UInt8(ascii: "0")) { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<r.upperBound]))
        return true
    }

    /// The 1-based column of a reference such as `B7` (`AA10` → 27), nil when it has no letters.
    static func column(of ref: String) -> Int? {
        var s = ref
        return s.withUTF8 { column(of: 0..<$0.count, $0) }
    }

    private static func column(of ref: Range<Int>, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0
        var letters = 0
        var i = ref.lowerBound
        while i < ref.upperBound {
            defer { i += 1 }
            let upper = b[i] & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            n = n * 26 + Int(upper - UInt8(ascii: "A") + 1)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n
    }
}
