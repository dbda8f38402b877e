import Foundation
import Testing
import TestSupport
@testable import Frames

/// IPDR.org IPDRDoc XML. The layout follows NDM-U 3.x as the DOCSIS OSSI
/// SAMIS appendix describes it: an `IPDRDoc` root (`docId`, `version`,
/// `creationTime`, `IPDRRecorderInfo`) in namespace
/// http://www.ipdr.org/namespaces/ipdr, `IPDR` elements typed by `xsi:type`
/// holding `IPDRcreationTime`, `seqNum` and the service's fields (DOCSIS-Type:
/// `CMTShostName`, `CMTSipAddress`, `CMmacAddress`, `CMipAddress`,
/// `CPEipAddress`, `serviceDirection`, `serviceOctetsPassed`, … as in Cisco's
/// SAMIS billing record sample), and `IPDRDoc.End count endTime` last.
@Suite struct IPDRDocReaderTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
        + "/EndToEndTests/golden/data/"
    let dir = TempFolder()

    @Test func oneRowPerRecordWithTypeAndChildColumns() throws {
        let r = try load(Self.golden + "ipdrdoc-two-types.xml")
        #expect(r.format == .ipdrxml)
        #expect(r.frame.rowCount == 4)
        let names = r.frame.fields.map(\.name)
        #expect(names.prefix(3) == ["ipdr_type", "IPDRcreationTime", "CMTShostName"])
        #expect(r.frame.column("ipdr_type")?.value(at: 2) == .string("IP-Type"))   // prefix dropped
        #expect(r.frame.column("CMTSipAddress")?.type == .ip)
        #expect(r.frame.column("IPDRcreationTime")?.type == .timestamp)
        #expect(r.frame.column("subscriberId")?.type == .string)   // an identifier stays text
        #expect(r.frame.column("serviceOctetsPassed")?.value(at: 1) == .int(88211))
        #expect(r.frame.column("sourceIP")?.isValid(0) == false)   // a DOCSIS record has no sourceIP
        #expect(r.notes.first?.hasPrefix("IPDRDoc version 3.5.1, docId 7f3c2a10") == true)
        #expect(r.warnings.isEmpty)
    }

    @Test func endCountIsChecked() throws {
        let r = try load(Self.golden + "ipdrdoc-count.xml")
        #expect(r.warnings.contains("IPDRDoc.End says count=5 but 4 IPDR record(s) were read: the document is truncated or padded"))
    }

    @Test func cutShortDocumentIsPositionedOrKeptWithSkip() throws {
        let path = Self.golden + "ipdrdoc-truncated.xml"
        guard case .xmlSyntax(let p, let reason)? = loadError(path) else {
            Issue.record("a cut-short document must be an XML error")
            return
        }
        #expect(p.line == 51)
        #expect(reason == "the document ends inside <IPDR> opened at line 44 (cut short); on_error=skip keeps the 3 complete IPDR record(s)")
        let r = try load(path) { $0.onError = .skip }
        #expect(r.frame.rowCount == 3)
        #expect(r.warnings.contains { $0.hasPrefix("the document ends inside <IPDR>") })
    }

    @Test func malformedXMLHasItsPosition() {
        let path = Self.golden + "ipdrdoc-malformed.xml"
        let e = loadError(path)
        #expect(e == .xmlSyntax(SourcePosition(file: path, line: 40, column: 36), reason: "a closing tag that does not match the open element"))
        let other = dir.file("other.xml", "<?xml version=\"1.0\"?>\n<catalog><book/></catalog>\n")
        guard case .xmlSyntax(let p, let reason)? = loadError(other) else {
            Issue.record("an XML file that is not an IPDRDoc must be refused")
            return
        }
        #expect(p.line == 2 && reason.contains("not an IPDR.org IPDRDoc"))
    }

    @Test func detectedByContent() throws {
        let text = try String(contentsOfFile: Self.golden + "ipdrdoc-two-types.xml", encoding: .utf8)
        let path = dir.file("records.dat", text)
        #expect(try FrameReader.format(path: path, options: ReadOptions(zone: .utc)) == .ipdrxml)
        let bare = dir.file("bare.txt", "<ipdr:IPDRDoc xmlns:ipdr=\"http://www.ipdr.org/namespaces/ipdr\"><ipdr:IPDRDoc.End count=\"0\"/></ipdr:IPDRDoc>")
        #expect(try FrameReader.format(path: bare, options: ReadOptions(zone: .utc)) == .ipdrxml)
        #expect(try load(bare).frame.rowCount == 0)
    }

    /// Documents over 10 MB parse (libxml2 refuses them when given whole: they are fed in chunks).
    @Test func documentOverTenMegabytes() throws {
        let big = String(repeating: "a", count: 11_000_000)
        let text = "<?xml version=\"1.0\"?>\n<IPDRDoc xmlns=\"http://www.ipdr.org/namespaces/ipdr\">\n<IPDR><note>\(big)</note></IPDR>\n"
            + "<IPDR><note>b</note></IPDR>\n<IPDRDoc.End count=\"2\"/>\n</IPDRDoc>\n"
        let r = try load(dir.file("big.xml", text))
        #expect(r.frame.rowCount == 2)
        #expect(r.frame.column("note")?.value(at: 1) == .string("b"))
    }

    /// Random truncations and byte flips never crash: a frame or a positioned error.
    @Test func damagedDocumentsNeverCrash() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Self.golden + "ipdrdoc-two-types.xml")))
        var rng = SplitMix(seed: 0x1D2D)
        let nasty: [UInt8] = [60, 62, 47, 38, 34, 0xFF, 0xC3, 59, 10, 32]
        for i in 0..<200 {
            var b = bytes
            if i % 3 == 0 {
                b = Array(b.prefix(1 + Int(rng.next() % UInt64(b.count - 1))))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    b[Int(rng.next() % UInt64(b.count))] = nasty[Int(rng.next() % UInt64(nasty.count))]
                }
            }
            let path = dir.file("fuzz\(i).xml", bytes: b)
            do {
                _ = try load(path) { $0.format = .ipdrxml; $0.onError = i % 2 == 0 ? .skip : .fail }
            } catch {
                if let p = error.position { #expect(p.line >= 1 && p.column >= 1) }
            }
        }
    }
}
