#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of parsing one chunk of a CSV file.
struct CSVChunkResult: Sendable {
    var columns: [ChunkColumn]
    var rows: Int
    /// Where parsing stopped: the start of the record after the last one parsed.
    var stop: Int
    /// Physical newlines in `start..<stop`.
    var newlines: Int
    /// Rejected records (skip), or the first problem (fail).
    var issues: [DataIssue]
    /// Columns that held a value not fitting their inferred kind.
    var needsString: [Bool]
    var cancelled: Bool
}

/// Parses RFC 4180 records of a byte range straight into column accumulators.
///
/// A record starting before the chunk's end is read to its own end, even
/// past the chunk; the caller checks that each chunk stopped exactly where
/// the next one began. The mapped memory is read-only and outlives every
/// parser, so parsers may run on several threads at once.
struct CSVChunkParser: @unchecked Sendable {
    /// The mapped file.
    let base: UnsafePointer<UInt8>
    /// The end of the data.
    let eof: Int
    let delimiter: UInt8
    /// The starting kind of each column.
    let kinds: [ValueKind]
    let declared: [Bool]
    let zone: Zone
    let policy: ErrorPolicy
    let maxLineBytes: Int
    let isCancelled: (@Sendable () -> Bool)?
    /// A one-byte field that means null (Zeek's `-`); 0 = none.
    var unsetField: UInt8 = 0
    /// Told how many more bytes were parsed, every few thousand records.
    var advanced: (@Sendable (Int64) -> Void)? = nil

    private static let quote: UInt8 = 34
    private static let newline: UInt8 = 10
    private static let cr: UInt8 = 13

    func parse(from start: Int, to end: Int) -> CSVChunkResult {
        let ncols = kinds.count
        let estimate = max(16, (end - start) / max(8 * ncols, 1))
        let declaredOrder = (0..<ncols).filter { declared[$0] && kinds[$0] != .string }
        let otherOrder = (0..<ncols).filter { !(declared[$0] && kinds[$0] != .string) }
        // Field spans of the current record, in buffers reused for every record.
        var spanCapacity = ncols + 1
        var fStart = UnsafeMutablePointer<Int>.allocate(capacity: spanCapacity)
        var fEnd = UnsafeMutablePointer<Int>.allocate(capacity: spanCapacity)
        var fFlags = UnsafeMutablePointer<UInt8>.allocate(capacity: spanCapacity)
        defer {
            fStart.deallocate()
            fEnd.deallocate()
            fFlags.deallocate()
        }
        var scratch: [UInt8] = []
        var issues: [DataIssue] = []
        var rows = 0
        var lines = 0
        var p = start
        let b = base
        let delim = delimiter
        var records = 0
        var reported = start
        var released = start
        let accBuffer = UnsafeMutablePointer<ColumnAccumulator>.allocate(capacity: max(ncols, 1))
        for c in 0..<ncols {
            (accBuffer + c).initialize(to: ColumnAccumulator(kind: kinds[c], declared: declared[c], zone: zone, capacity: estimate))
        }
        defer {
            accBuffer.deinitialize(count: ncols)
            accBuffer.deallocate()
        }

        recordLoop: while p < end {
            records += 1
            if records & 0x1FFF == 1, let advanced, p > reported {
                advanced(Int64(p - reported))
                reported = p
            }
            if records & 0x1FFF == 1, p - released > PageRelease.stride {
                PageRelease.release(b, from: released, to: p)
                released = p
            }
            if records & 0x1FFF == 1, let isCancelled, isCancelled() {
                return CSVChunkResult(columns: [], rows: rows, stop: p, newlines: lines, issues: issues,
                                      needsString: [], cancelled: true)
            }
            let recStart = p
            let recLine = lines
            var nf = 0
            var issue: DataIssue?

            // Tokenize one record.
            fieldLoop: while true {
                var flags: UInt8 = 0
                let fs: Int, fe: Int
                if p < eof, b[p] == CSVChunkParser.quote {
                    flags = 1
                    var q = p + 1
                    var close = -1
                    while q < eof {
                        guard let hit = memchr(b + q, Int32(CSVChunkParser.quote), eof - q) else { break }
                        let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - b
                        if at + 1 < eof, b[at + 1] == CSVChunkParser.quote {
                            flags |= 2
                            q = at + 2
                            continue
                        }
                        close = at
                        break
                    }
                    if close < 0 {
                        // Unterminated: reject the line the quote opened on and resume after it.
                        let lineEnd = memchr(b + p, Int32(CSVChunkParser.newline), eof - p)
                            .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - b } ?? eof
                        let bad = DataIssue(kind: .unterminatedQuote, line: lines, offset: p,
                                            textStart: recStart, textEnd: trimCR(lineEnd, after: recStart))
                        issues.append(bad)
                        if policy == .fail {
                            return CSVChunkResult(columns: [], rows: rows, stop: p, newlines: lines, issues: issues,
                                                  needsString: [], cancelled: false)
                        }
                        p = lineEnd < eof ? lineEnd + 1 : eof
                        if lineEnd < eof { lines += 1 }
                        continue recordLoop
                    }
                    var k = p + 1
                    while k < close {
                        if b[k] == CSVChunkParser.newline { lines += 1 }
                        k += 1
                    }
                    fs = p + 1
                    fe = close
                    p = close + 1
                    if p < eof, b[p] != delim, b[p] != CSVChunkParser.newline,
                       !(b[p] == CSVChunkParser.cr && (p + 1 == eof || b[p + 1] == CSVChunkParser.newline)) {
                        if issue == nil {
                            issue = DataIssue(kind: .textAfterQuote, line: lines, offset: p, textStart: recStart, textEnd: 0)
                        }
                        while p < eof, b[p] != delim, b[p] != CSVChunkParser.newline { p += 1 }
                    }
                } else {
                    var q = p
                    while q < eof {
                        let c = b[q]
                        if c == delim || c == CSVChunkParser.newline { break }
                        q += 1
                    }
                    fs = p
                    var e = q
                    if e > p, b[e - 1] == CSVChunkParser.cr, q == eof || b[q] == CSVChunkParser.newline { e -= 1 }
                    fe = e
                    p = q
                }
                if nf == spanCapacity {
                    let bigger = spanCapacity * 2
                    let s2 = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
                    let e2 = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
                    let f2 = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
                    s2.update(from: fStart, count: nf); e2.update(from: fEnd, count: nf); f2.update(from: fFlags, count: nf)
                    fStart.deallocate(); fEnd.deallocate(); fFlags.deallocate()
                    fStart = s2; fEnd = e2; fFlags = f2
                    spanCapacity = bigger
                }
                fStart[nf] = fs
                fEnd[nf] = fe
                fFlags[nf] = flags
                nf += 1
                if p >= eof { break fieldLoop }
                let c = b[p]
                if c == delim { p += 1; continue fieldLoop }
                if c == CSVChunkParser.cr { p += 1 }
                if p < eof, b[p] == CSVChunkParser.newline {
                    p += 1
                    lines += 1
                }
                break fieldLoop
            }
            let recEnd = trimCR(p > recStart && p <= eof && b[p - 1] == CSVChunkParser.newline ? p - 1 : p, after: recStart)

            // A blank line is no record (in a one-column file it is a null).
            if issue == nil, nf == 1, fFlags[0] == 0, fEnd[0] == fStart[0], ncols > 1 { continue recordLoop }

            if issue == nil, recEnd - recStart > maxLineBytes {
                issue = longLine(recStart, recEnd, recLine)
            }
            if issue == nil, let bad = UTF8Check.firstInvalid(b + recStart, recEnd - recStart) {
                let at = recStart + bad
                issue = DataIssue(kind: .invalidUTF8(b[at]), line: recLine + countNewlines(recStart, at), offset: at,
                                  textStart: recStart, textEnd: recEnd)
            }
            if issue == nil, nf != ncols {
                issue = DataIssue(kind: .fieldCount(expected: ncols, found: nf), line: recLine, offset: recStart,
                                  textStart: recStart, textEnd: recEnd)
            }
            if issue == nil {
                // Declared columns first: they are the only ones that can reject the record.
                var done = 0
                for c in declaredOrder {
                    if !appendField(&accBuffer[c], fStart[c], fEnd[c], fFlags[c], &scratch) {
                        for u in declaredOrder.prefix(done) { accBuffer[u].removeLast() }
                        let text = String(decoding: UnsafeBufferPointer(start: b + fStart[c], count: fEnd[c] - fStart[c]),
                                          as: UTF8.self)
                        let at = fFlags[c] & 1 != 0 ? fStart[c] - 1 : fStart[c]
                        issue = DataIssue(kind: .typeMismatch(column: c, text: text),
                                          line: recLine + countNewlines(recStart, at), offset: at,
                                          textStart: recStart, textEnd: recEnd)
                        break
                    }
                    done += 1
                }
            }
            if var bad = issue {
                bad.textEnd = recEnd
                issues.append(bad)
                if policy == .fail {
                    return CSVChunkResult(columns: [], rows: rows, stop: recStart, newlines: recLine, issues: issues,
                                          needsString: [], cancelled: false)
                }
                continue recordLoop
            }
            for c in otherOrder {
                _ = appendField(&accBuffer[c], fStart[c], fEnd[c], fFlags[c], &scratch)
            }
            rows += 1
        }
        if let advanced, p > reported { advanced(Int64(p - reported)) }
        var columns: [ChunkColumn] = []
        columns.reserveCapacity(ncols)
        var needs: [Bool] = []
        for c in 0..<ncols {
            needs.append(accBuffer[c].needsString)
            columns.append(accBuffer[c].finish())
        }
        return CSVChunkResult(columns: columns, rows: rows, stop: p, newlines: lines, issues: issues,
                              needsString: needs, cancelled: false)
    }

    /// Appends one field's value (null when empty and unquoted). False = misfit of a declared type.
    @inline(__always)
    private func appendField(_ acc: inout ColumnAccumulator, _ s: Int, _ e: Int, _ flags: UInt8, _ scratch: inout [UInt8]) -> Bool {
        if flags == 0 && (e == s || (unsetField != 0 && e == s + 1 && base[s] == unsetField)) {
            acc.appendNull()
            return true
        }
        if flags & 2 == 0 {
            return acc.append(base + s, e - s, quoted: flags & 1 != 0)
        }
        scratch.removeAll(keepingCapacity: true)
        var i = s
        while i < e {
            let c = base[i]
            scratch.append(c)
            i += c == CSVChunkParser.quote ? 2 : 1
        }
        return scratch.withUnsafeBufferPointer { acc.append($0.baseAddress!, $0.count, quoted: true) }
    }

    /// `end`, moved back over a carriage return.
    @inline(__always)
    private func trimCR(_ end: Int, after start: Int) -> Int {
        end > start && base[end - 1] == CSVChunkParser.cr ? end - 1 : end
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if base[i] == CSVChunkParser.newline { n += 1 }
            i += 1
        }
        return n
    }

    /// The first physical line of a record longer than the limit, if any.
    private func longLine(_ start: Int, _ end: Int, _ line: Int) -> DataIssue? {
        var lineStart = start
        var n = line
        var i = start
        while i <= end {
            if i == end || base[i] == CSVChunkParser.newline {
                let len = trimCR(i, after: lineStart) - lineStart
                if len > maxLineBytes {
                    return DataIssue(kind: .lineTooLong(limit: maxLineBytes), line: n, offset: lineStart,
                                     textStart: start, textEnd: end)
                }
                lineStart = i + 1
                n += 1
            }
            i += 1
        }
        return nil
    }
}
