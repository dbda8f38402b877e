import Foundation

/// Reads one sheet of an Excel workbook (`.xlsx`): the sheet is turned into
/// CSV text in memory (`XlsxSheetConverter`: line N = sheet row N) and read
/// by the CSV reader, so banners, footers, profiles and damage reports work
/// as for a CSV file. Positions in errors are `file.xlsx:ROW:FIELD`.
enum XlsxReader {
    /// A sheet as CSV text, with what the analyst should know about the conversion.
    struct Conversion {
        var csv: [UInt8]
        var notes: [String]
    }

    /// Converts the chosen sheet (`sheet`, else the first); at most about
    /// `byteLimit` bytes of rows when only the start is wanted, in which case
    /// only as much of the sheet part is decompressed as those rows need.
    static func convert(_ file: MappedFile, sheet: String?, byteLimit: Int = .max) throws(LoadError) -> Conversion {
        let archive = try XlsxArchive(file: file)
        let workbook = try XlsxWorkbook(archive: archive)
        let chosen = try workbook.sheet(named: sheet, path: file.path)
        let stringsPart = workbook.folder + "sharedStrings.xml"
        let styles = try archive.part(workbook.folder + "styles.xml").map(XlsxStyles.init) ?? XlsxStyles()
        // For the start of a sheet, only the start of its part and of the shared strings is read:
        // 16 times the bytes wanted (XML is several times its CSV text), doubled while that is short.
        let first: Int? = byteLimit == .max ? nil : max(1 << 20, byteLimit.multipliedReportingOverflow(by: 16).partialValue)
        var sheetLimit = first
        var stringsLimit = first
        var strings = XlsxSharedStrings()
        var stringsRead: Int?? = .none
        var converter: XlsxSheetConverter
        var csv: [UInt8]
        while true {
            if stringsRead != .some(stringsLimit) {
                stringsRead = .some(stringsLimit)
                if let (part, whole) = try archive.part(stringsPart, limit: stringsLimit) {
                    let read = XlsxSharedStrings.read(part, partial: !whole)
                    if let e = read.error {
                        throw .notAWorkbook(path: file.path, reason: "the shared strings (\(stringsPart)) are not well-formed XML (\(e))")
                    }
                    strings = read.table
                }
            }
            guard let (data, whole) = try archive.part(chosen.part, limit: sheetLimit) else {
                throw .notAWorkbook(path: file.path, reason: "sheet '\(chosen.name)' has no part \(chosen.part) in the archive (a chart sheet?)")
            }
            converter = XlsxSheetConverter(strings: strings, styles: styles, date1904: workbook.date1904, byteLimit: byteLimit)
            switch converter.convert(data, partial: !whole) {
            case .success(let bytes): csv = bytes
            case .failure(let f): throw .notAWorkbook(path: file.path, reason: "sheet '\(chosen.name)' (\(chosen.part)): \(f.reason)")
            }
            if converter.truncated { break }
            if converter.needsMoreStrings {
                stringsLimit = Self.doubled(stringsLimit)
            } else if !whole {
                sheetLimit = Self.doubled(sheetLimit)
            } else {
                break
            }
        }
        var notes: [String] = []
        if workbook.sheets.count > 1 {
            notes.append("sheet '\(chosen.name)' of \(workbook.sheets.count) (\(workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", "))); sheet=NAME reads another")
        }
        if workbook.date1904 { notes.append("the workbook counts dates from 1904 (date1904)") }
        if converter.errorCells > 0 {
            notes.append("\(converter.errorCells) error cell(s) (\(converter.errorExamples.joined(separator: ", "))) read as empty")
        }
        if converter.brokenLines > 0 {
            notes.append("\(converter.brokenLines) cell(s) with line breaks read with spaces instead, so that line numbers are sheet rows")
        }
        return Conversion(csv: csv, notes: notes)
    }

    static func read(_ file: MappedFile, options: ReadOptions) throws(LoadError) -> ReadResult {
        let conversion = try convert(file, sheet: options.sheet)
        guard !conversion.csv.allSatisfy({ $0 == 10 }) else { throw .emptyFile(path: file.path) }
        let text = try MappedFile(path: file.path, contents: conversion.csv)
        var o = options
        if o.delimiter == nil { o.delimiter = UInt8(ascii: ",") }
        o.contentObserver = nil
        var result: ReadResult
        do {
            result = try CSVReader.read(text, format: .csv, options: o)
        } catch {
            throw fieldPositioned(error, csv: conversion.csv)
        }
        result.format = .xlsx
        result.delimiter = nil
        result.bytesRead = Int64(file.count)
        result.notes = conversion.notes + result.notes
        if let rejects = result.rejects { result.rejects = fieldPositioned(rejects, csv: conversion.csv) }
        return result
    }

    /// Twice a part limit; nil (the whole part) past what a part may hold.
    private static func doubled(_ limit: Int?) -> Int? {
        guard let limit, limit < XlsxArchive.maxPartBytes / 2 else { return nil }
        return limit * 2
    }

    /// The first `bytes` bytes of the chosen sheet's CSV text, nil when it cannot be read.
    static func prefix(_ file: MappedFile, sheet: String?, bytes: Int) -> [UInt8]? {
        guard let c = try? convert(file, sheet: sheet, byteLimit: bytes) else { return nil }
        return Array(c.csv.prefix(bytes))
    }

    /// The error with its column given as the field number in the sheet row
    /// (the CSV reader counts characters of the converted line).
    static func fieldPositioned(_ error: LoadError, csv: [UInt8]) -> LoadError {
        guard var p = error.position else { return error }
        p.column = fieldNumber(csv, line: p.line, column: p.column)
        switch error {
        case .unterminatedQuote: return .unterminatedQuote(p)
        case .textAfterQuote: return .textAfterQuote(p)
        case .wrongFieldCount(_, let e, let f): return .wrongFieldCount(p, expected: e, found: f)
        case .invalidUTF8(_, let b): return .invalidUTF8(p, byte: b)
        case .typeMismatch(_, let c, let t, let text): return .typeMismatch(p, column: c, type: t, text: text)
        case .lineTooLong(_, let limit): return .lineTooLong(p, limit: limit)
        default: return error
        }
    }

    /// The rejects frame with its `column` as field numbers.
    static func fieldPositioned(_ rejects: Frame, csv: [UInt8]) -> Frame {
        guard let li = rejects.fields.firstIndex(where: { $0.name == "line" }),
              let ci = rejects.fields.firstIndex(where: { $0.name == "column" }),
              case .int(let lines) = rejects.columns[li].values, case .int(var columns) = rejects.columns[ci].values else { return rejects }
        for i in columns.indices { columns[i] = Int64(fieldNumber(csv, line: Int(lines[i]), column: Int(columns[i]))) }
        var cols = rejects.columns
        cols[ci] = Column(.int(columns), validity: rejects.columns[ci].validity)
        return Frame(fields: rejects.fields, columns: cols, rowCount: rejects.rowCount)
    }

    /// The 1-based field of `line` that holds character `column` of that line.
    static func fieldNumber(_ csv: [UInt8], line: Int, column: Int) -> Int {
        var start = 0
        var l = 1
        while l < line, start < csv.count {
            if csv[start] == 10 { l += 1 }
            start += 1
        }
        var field = 1
        var chars = 1
        var quoted = false
        var i = start
        while i < csv.count, csv[i] != 10, chars < column {
            let b = csv[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if b == UInt8(ascii: ","), !quoted { field += 1 }
            if b & 0xC0 != 0x80 { chars += 1 }
            i += 1
        }
        return field
    }
}
