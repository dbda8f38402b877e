import Foundation
import ZIPFoundation

/// The zip container of a `.xlsx` workbook: parts
/// by name, each decompressed whole (a part larger than `maxPartBytes` is
/// refused rather than exhausting memory).
struct XlsxArchive {
    /// The largest decompressed part accepted (a sheet of a million rows is well under this).
    static let maxPartBytes = 2 << 30

    let path: String
    private let archive: Archive
    /// The file's size: no part can hold more compressed bytes.
    private let size: UInt64
    /// Entry paths by lowercased path (zip names are case-sensitive; workbook writers disagree on case).
    private let entries: [String: Entry]

    /// Whether the file is read as a workbook: an OLE compound file (legacy
    /// or encrypted workbook, refused with advice), a zip archive named
    /// `.xlsx`/`.xlsm`, or a zip archive under another name that holds
    /// `xl/workbook.xml` (a workbook renamed `.csv`). Other zip files stay
    /// binary files.
    static func looks(_ file: MappedFile) -> Bool {
        let b = file.rawBytes
        if isOLE(b) { return true }
        guard isZip(b) else { return false }
        let lower = file.path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return true }
        let name = Array("xl/workbook.xml".utf8)
        guard b.count >= name.count else { return false }
        // Zip entry names are stored uncompressed in the local and central headers.
        for i in 0...(b.count - name.count) where b[i] == name[0] {
            if (1..<name.count).allSatisfy({ b[i + $0] == name[$0] }) { return true }
        }
        return false
    }

    static func isZip(_ b: UnsafeRawBufferPointer) -> Bool {
        b.count >= 4 && b[0] == 0x50 && b[1] == 0x4B && b[2] == 3 && b[3] == 4
    }

    static func isOLE(_ b: UnsafeRawBufferPointer) -> Bool {
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        return b.count >= magic.count && magic.indices.allSatisfy { b[$0] == magic[$0] }
    }

    /// Opens the archive of a mapped file. The archive is read through the
    /// file itself, not the mapped bytes: the library's in-memory reading
    /// traps on offsets past the end, which damaged archives hold.
    init(file: MappedFile) throws(LoadError) {
        path = file.path
        size = UInt64(file.count)
        let bytes = file.rawBytes
        if Self.isOLE(bytes) { throw .legacyWorkbook(path: path) }
        guard Self.isZip(bytes) else {
            throw .notAWorkbook(path: path, reason: "it is not a zip archive (an .xlsx file is one)")
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .notAWorkbook(path: path, reason: "the zip archive is damaged or cut short (\(error))")
        }
        // Part names are read as UTF-8 (workbook part names are ASCII): the
        // library's code page 437 decoding of other names traps on damaged bytes.
        var byName: [String: Entry] = [:]
        for entry in archive where byName[entry.path(using: .utf8).lowercased()] == nil {
            byName[entry.path(using: .utf8).lowercased()] = entry
        }
        entries = byName
    }

    /// Whether the archive holds a part.
    func has(_ part: String) -> Bool { entries[part.lowercased()] != nil }

    /// The decompressed bytes of a part, nil when the archive has no such part.
    func part(_ name: String) throws(LoadError) -> Data? {
        try part(name, limit: nil)?.data
    }

    /// The first `limit` or so decompressed bytes of a part (all of it when
    /// `limit` is nil), cut after its last `>` when cut; whether it is whole.
    /// Decompression stops at the limit.
    func part(_ name: String, limit: Int?) throws(LoadError) -> (data: Data, whole: Bool)? {
        guard let entry = entries[name.lowercased()] else { return nil }
        guard entry.type == .file else { return nil }
        if entry.compressedSize > size {
            throw .notAWorkbook(path: path, reason: "part \(name) claims \(entry.compressedSize) compressed bytes, more than the file holds")
        }
        if entry.uncompressedSize > UInt64(Self.maxPartBytes) {
            throw .notAWorkbook(path: path, reason: "part \(name) claims \(entry.uncompressedSize) bytes, more than ipdr reads from one part")
        }
        var out = Data()
        out.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(limit ?? 64 << 20), 64 << 20)))
        let most = Self.maxPartBytes
        var whole = true
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if out.count + chunk.count > most { throw ArchiveLimit.tooLarge }
                out.append(chunk)
                if let limit, out.count >= limit { throw ArchiveLimit.enough }
            }
        } catch ArchiveLimit.enough {
            whole = false
            if let end = out.lastIndex(of: UInt8(ascii: ">")) { out = out.prefix(through: end) } else { out = Data() }
        } catch {
            throw .notAWorkbook(path: path, reason: "part \(name) is damaged (\(error))")
        }
        // Workbook parts are UTF-8 XML; the XML parser's callbacks trap on names that are not.
        // (The cut after the last `>` leaves no partial UTF-8 sequence at the end.)
        let valid = out.withUnsafeBytes { raw in
            raw.bindMemory(to: UInt8.self).baseAddress.map { UTF8Check.firstInvalid($0, raw.count) == nil } ?? true
        }
        if !valid { throw .notAWorkbook(path: path, reason: "part \(name) is not UTF-8 text") }
        return (out, whole)
    }

    /// Stops a decompression that outgrows `maxPartBytes`, or one that has read enough.
    private enum ArchiveLimit: Error { case tooLarge, enough }
}
