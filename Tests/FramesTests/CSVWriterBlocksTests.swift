import Foundation
import Testing
@testable import Frames

/// CSV formatted a column at a time in blocks on all cores is byte for byte
/// the text of a row-at-a-time pass, and counts neutralised cells the same.
@Suite struct CSVWriterBlocksTests {
    /// Rows spanning several blocks and waves, with every kind of cell.
    func frame(rows n: Int) -> Frame {
        var ids = ColumnBuilder(.int), notes = ColumnBuilder(.string), when = ColumnBuilder(.timestamp)
        var ips = ColumnBuilder(.ip), ratio = ColumnBuilder(.float)
        for i in 0..<n {
            ids.append(i % 11 == 0 ? .null : .int(Int64(i) * 7919 - 50_000))
            switch i % 5 {
            case 0: notes.append(.string("=SUM(A\(i))"))
            case 1: notes.append(.string("quote \" and, comma"))
            case 2: notes.append(.string(""))
            case 3: notes.append(.null)
            default: notes.append(.string("plain \(i % 97)"))
            }
            when.append(.timestamp(1_759_653_191_000_000 + Int64(i) * 1_234_567))
            ips.append(.ip(i % 3 == 0 ? IPAddress(high: 0x2001_0db8_0000_0000, low: UInt64(i))
                                        : IPAddress(high: 0, low: UInt64(0xFFFF_6440_0000) | UInt64(i & 0xFFFF))))
            ratio.append(i % 13 == 0 ? .null : .float(Double(i) / 7))
        }
        return Frame([("id", ids.finish()), ("note", notes.finish()), ("when", when.finish()), ("ip", ips.finish()), ("ratio", ratio.finish())])
    }

    /// The reference: rows `range` written a row at a time, every cell through its column's enum.
    static func rows(_ frame: Frame, _ range: Range<Int>, delimiter: UInt8, zone: Zone, safety: CSVWriter.Safety, to sink: inout ByteSink) -> Int {
        var neutralized = 0
        let asText = frame.names.map { safety.textColumns.contains($0) }
        var stamps = frame.columns.map { _ in TimestampWriter(zone: zone) }
        let columns = frame.columns
        for r in range {
            for (c, column) in columns.enumerated() {
                if c > 0 { sink.byte(delimiter) }
                guard column.isValid(r) else { continue }
                if case .string(let s) = column.values {
                    ValueText.withStringBytes(s, r) { b in
                        if CSVWriter.stringCell(b, asText: asText[c], safety: safety, delimiter: delimiter, to: &sink) { neutralized += 1 }
                    }
                } else {
                    switch column.values {
                    case .timestamp(let a): stamps[c].write(a[r], to: &sink)
                    case .ip(let a): IPTextWriter.write(a[r], to: &sink)
                    default: ValueText.write(column, r, zone: zone, to: &sink)
                    }
                }
            }
            // A lone null in a one-column frame is an empty line, which reads back as a null.
            sink.byte(10)
        }
        return neutralized
    }

    @Test(arguments: [1, CSVWriter.blockRows - 1, CSVWriter.blockRows * 9 + 17])
    func blocksWriteTheSameTextAsOnePass(_ rows: Int) throws {
        let f = frame(rows: rows)
        let safety = CSVWriter.Safety(neutralize: true, textColumns: [])
        var one = ByteSink.memory()
        let header = "id,note,when,ip,ratio\n"
        var h = header
        h.withUTF8 { one.bytes($0) }
        let expectedCount = Self.rows(f, 0..<rows, delimiter: 44, zone: Zone("+05:30") ?? .utc, safety: safety, to: &one)
        one.flush()
        let t = TempFolder()
        let path = t.path + "/out.csv"
        var o = WriteOptions(zone: Zone("+05:30") ?? .utc)
        o.neutralizeFormulas = true
        let outcome = try FrameWriter.writeReporting(f, to: path, options: o)
        let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(file == one.collected)
        #expect(outcome.neutralizedCells == expectedCount)
        #expect(expectedCount == (rows + 4) / 5)
    }
}

/// Addresses written from bytes read exactly as their `description`.
@Suite struct IPTextWriterTests {
    @Test func bytesEqualTheDescription() {
        var samples: [IPAddress] = [
            IPAddress(high: 0, low: 0), IPAddress(high: 0, low: 1), IPAddress(high: 0, low: 0xFFFF_0000_0000),
            IPAddress(high: 0, low: 0xFFFF_FFFF_FFFF), IPAddress(high: 0x2001_0db8_0000_0000, low: 0x0000_0000_0000_0001),
            IPAddress(high: 0x2001_0db8_0000_0001, low: 0x0000_0001_0000_0001), IPAddress(high: 0xfe80_0000_0000_0000, low: 0x0202_b3ff_fe1e_8329),
            IPAddress(high: 0x0001_0000_0000_0000, low: 0x0000_0000_0000_0000), IPAddress(high: .max, low: .max),
        ]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // Random groups, each zero half of the time, so runs of zeros of every length and place occur.
            var high: UInt64 = 0, low: UInt64 = 0
            for _ in 0..<4 { high = high << 16 | (Bool.random(using: &g) ? 0 : UInt64(UInt16.random(in: 1...UInt16.max, using: &g))) }
            for _ in 0..<4 { low = low << 16 | (Bool.random(using: &g) ? 0 : UInt64(UInt16.random(in: 1...UInt16.max, using: &g))) }
            samples.append(IPAddress(high: high, low: low))
            samples.append(IPAddress(high: 0, low: 0xFFFF_0000_0000 | UInt64(UInt32.random(in: 0...UInt32.max, using: &g))))
        }
        for a in samples {
            var sink = ByteSink.memory()
            IPTextWriter.write(a, to: &sink)
            sink.flush()
            #expect(String(decoding: sink.collected, as: UTF8.self) == a.description)
        }
    }
}
