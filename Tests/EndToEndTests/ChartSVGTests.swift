import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `save … | chart … to x.svg` on the real binary: the files are well-formed
/// XML (Foundation's XMLParser and Python's ElementTree), reference nothing
/// outside themselves, escape their text, carry every label, and get a
/// provenance sidecar like other exports.
@Suite struct ChartSVGTests {
    /// Collects the text of a document and whether it parsed.
    final class TextCollector: NSObject, XMLParserDelegate {
        var text = ""
        var elements: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
            text += "\n"
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static let data = """
    msisdn,label,start_time,bytes_down,apn
    +919800000001,a<b & "c",2025-10-05 09:00:00,5000000,jionet
    +919800000002,plain,2025-10-05 02:15:00,100,jionet
    +919800000003,x'y>z,2025-10-05 23:59:59,120,ims
    +919800000004,=cmd|' /C calc'!A0,2025-10-06 01:00:00,,internet
    """

    @Test func svgFilesAreSelfContainedAndCarryEveryLabel() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try Self.data.write(to: cwd.appendingPathComponent("chart.csv"), atomically: true, encoding: .utf8)
        let script = """
        load chart.csv as c
        save c | chart bar x=label y=bytes_down to out/bar.svg
        save c | chart timeline time=start_time step=6h by=apn to out/timeline.svg
        save c | chart histogram value=bytes_down bins=3 to out/histogram.svg
        """
        let r = try IPDRProcess.run(["-c", script], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let expected: [(String, [String])] = [
            ("bar", ["bar chart of bytes_down by label: 4 rows", "a<b & \"c\"", "plain", "x'y>z", "=cmd|' /C calc'!A0", "5,000,000", "100", "120", "null"]),
            ("timeline", ["timeline of start_time, rows per 6h by apn: 4 rows in 5 buckets, 3 series", "jionet", "ims", "internet",
                          "2025-10-05 00:00:00", "2025-10-06 00:00:00"]),
            ("histogram", ["histogram of bytes_down in 3 bins: 3 rows", "100", "5,000,000", "1 row with a null bytes_down not charted"]),
        ]
        for (name, labels) in expected {
            let url = cwd.appendingPathComponent("out/\(name).svg")
            let bytes = try Data(contentsOf: url)
            let parser = XMLParser(data: bytes)
            let collector = TextCollector()
            parser.delegate = collector
            #expect(parser.parse(), "\(name).svg: \(String(describing: parser.parserError))")
            #expect(collector.elements.first == "svg")
            for label in labels { #expect(collector.text.contains(label), "\(name).svg lacks \(label)") }
            let source = String(decoding: bytes, as: UTF8.self)
            // The namespace is the only address; no scripts, no external fonts or images.
            #expect(source.components(separatedBy: "http").count == 2, "\(name).svg references something outside")
            #expect(source.contains(#"xmlns="http://www.w3.org/2000/svg""#))
            for forbidden in ["<script", "href", "@import", "url("] { #expect(!source.contains(forbidden)) }
            let sidecar = cwd.appendingPathComponent("out/\(name).svg.provenance.json")
            let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: sidecar)) as? [String: Any]
            #expect(provenance?["fingerprint"] as? String != nil)
            #expect((provenance?["statement"] as? String)?.contains("chart") == true)
        }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
        import sys, xml.etree.ElementTree as ET
        for p in sys.argv[1:]:
            root = ET.parse(p).getroot()
            assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag
            text = ''.join(root.itertext())
            assert 'a<b & "c"' in text or 'timeline' in p or 'histogram' in p, p
        print('ok')
        """] + expected.map { cwd.appendingPathComponent("out/\($0.0).svg").path }
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "ok\n")
    }

    @Test func overwritingIsRefusedAndOtherPipelinesAreNotSVG() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let first = try IPDRProcess.run(["-c", "load golden/data/small.csv as s\nsave s | chart histogram value=bytes_up to h.svg"], cwd: cwd)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: cwd.appendingPathComponent("h.svg"))
        let again = try IPDRProcess.run(["-c", "load golden/data/small.csv as s\nsave s | chart histogram value=bytes_down to h.svg"], cwd: cwd)
        #expect(again.status != 0)
        #expect(again.stderr.contains("h.svg: error: the file already exists; use overwrite=true to replace it"))
        #expect(try Data(contentsOf: cwd.appendingPathComponent("h.svg")) == before)
        let replaced = try IPDRProcess.run(["-c", "load golden/data/small.csv as s\nsave s | chart histogram value=bytes_down to h.svg with overwrite=true"], cwd: cwd)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try Data(contentsOf: cwd.appendingPathComponent("h.svg")) != before)
        let plain = try IPDRProcess.run(["-c", "load golden/data/small.csv as s\nsave s to s.svg"], cwd: cwd)
        #expect(plain.stderr.contains("only a chart can be saved as SVG"))
        #expect(!FileManager.default.fileExists(atPath: cwd.appendingPathComponent("s.svg").path))
    }
}
