import Foundation
import Testing

/// The case report written by the real binary from the sample dataset, opened
/// by headless Chromium without a network: it loads without console errors
/// or blocked requests, the loaded page has every section, a screenshot is
/// kept under `.build/test-artifacts/`, and printing starts a page per section
/// (landscape for the frames).
/// Chromium must be installed (CI installs Debian's `chromium`): without it the test fails.
@Suite(.serialized) struct CaseReportBrowserTests {
    static let evil = """
    msisdn,dst_ip,start_time,bytes_up,bytes_down,note
    919800000001,31.13.78.7,2025-10-05 09:00:00,10,20,<script>document.title='owned'</script>
    919800000002,8.8.8.8,2025-10-05 10:00:00,30,40,"<img src=""http://example.com/x.png"">"

    """

    static let artifacts = IPDRProcess.repoRoot.appendingPathComponent(".build/test-artifacts")

    func browser() throws -> HeadlessChromium {
        guard let path = HeadlessChromium.locate() else {
            Issue.record("chromium is not installed: install Debian's chromium (scripts/lib/setup.sh does) or set IPDR_CHROMIUM")
            throw CancellationError()
        }
        return HeadlessChromium(executable: path)
    }

    /// Writes the report of a session on the sample; returns its folder and the page.
    func writeReport() throws -> (cwd: URL, page: URL) {
        let cwd = try IPDRProcess.scratchDirectory()
        try Self.evil.write(to: cwd.appendingPathComponent("evil.csv"), atomically: true, encoding: .utf8)
        let script = """
        set tz = "+05:30"
        load datasets/sample/ipdr.csv as ipdr
        load evil.csv as evil
        let telnet = ipdr | where dst_port == 23
        report out/case.html with title="Case 42 <sample>"
        """
        let r = try IPDRProcess.run(["-c", script], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote case report to out/case.html"), "\(r.stdout)")
        return (cwd, cwd.appendingPathComponent("out/case.html"))
    }

    @Test func theReportLoadsOfflineWithEverySection() throws {
        let chromium = try browser()
        let (cwd, page) = try writeReport()
        defer { try? FileManager.default.removeItem(at: cwd) }

        let dom = try chromium.run(["--dump-dom"], page: page)
        #expect(!dom.timedOut && dom.status == 0, "chromium --dump-dom: status \(dom.status)\n\(dom.stderr)")
        #expect(HeadlessChromium.pageProblems(dom.stderr).isEmpty, "\(HeadlessChromium.pageProblems(dom.stderr))")
        let html = dom.stdout
        for id in ["case", "verification", "evidence", "history", "frame-1", "frame-2", "frame-3"] {
            #expect(html.contains("<section id=\"\(id)\""), "the loaded page lacks section \(id)")
        }
        #expect(html.contains("<title>Case 42 &lt;sample&gt;</title>"))
        #expect(html.contains("VERIFIED: audit log "))
        #expect(html.contains("showing 1,000 of 25,000 rows"))
        #expect(html.contains("showing all 400 rows"))
        #expect(html.contains("timeline of start_time, rows per 1h: 25,000 rows in 24 buckets"))
        #expect(html.contains("bar chart of sessions by dst_ip: 10 rows"))
        #expect(html.contains("bar chart of bytes by msisdn: 10 rows"))
        // The evidence cells stayed text: no script ran (the title is unchanged), no image element exists.
        #expect(html.contains("&lt;script&gt;document.title='owned'&lt;/script&gt;"))
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(html.range(of: "<img", options: .caseInsensitive) == nil)

        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let png = Self.artifacts.appendingPathComponent("case-report.png")
        try? FileManager.default.removeItem(at: png)
        let shot = try chromium.run(["--screenshot=\(png.path)", "--window-size=1280,2400", "--hide-scrollbars"], page: page)
        #expect(!shot.timedOut && shot.status == 0, "chromium --screenshot: status \(shot.status)\n\(shot.stderr)")
        #expect(HeadlessChromium.pageProblems(shot.stderr).isEmpty, "\(HeadlessChromium.pageProblems(shot.stderr))")
        let bytes = [UInt8](try Data(contentsOf: png))
        print("case report screenshot: \(png.path) (\(bytes.count) bytes)")
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(bytes.count > 50_000 && bytes.count < 20_000_000, "an implausible size for a 1280×2400 page: \(bytes.count) bytes")
        if bytes.count >= 24 {
            // IHDR: width and height, big-endian, at bytes 16–23.
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1280 && height == 2400, "\(width)×\(height)")
        }
        try? FileManager.default.copyItem(at: page, to: Self.artifacts.appendingPathComponent("case-report.html"))
    }

    @Test func printingStartsAPagePerSection() throws {
        let chromium = try browser()
        let (cwd, page) = try writeReport()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let pdf = cwd.appendingPathComponent("case.pdf")
        let run = try chromium.run(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer"], page: page)
        #expect(!run.timedOut && run.status == 0, "chromium --print-to-pdf: status \(run.status)\n\(run.stderr)")
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        #expect(text.hasPrefix("%PDF-"))
        let counts = text.components(separatedBy: "/Count ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        // Seven sections (case, verification, evidence, history, three frames), each on a page of its own at least.
        #expect((counts.max() ?? 0) >= 7, "pages: \(counts)")
        // The frames' pages are landscape, the others portrait.
        let boxes = text.components(separatedBy: "/MediaBox [").dropFirst().map { $0.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) } }
        let landscape = boxes.filter { $0.count == 4 && $0[2] > $0[3] }.count
        #expect(landscape >= 3 && landscape < boxes.count, "page boxes: \(boxes)")
    }

    /// The log check sees what it must: a page that loads from the network and runs a script is reported.
    @Test func theLogCheckCatchesBlockedLoads() throws {
        let chromium = try browser()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ipdr-csp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("bad.html")
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>bad</title></head><body><img src="http://example.com/x.png"><script>console.log("ran")</script></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let run = try chromium.run(["--dump-dom"], page: page)
        let problems = HeadlessChromium.pageProblems(run.stderr)
        #expect(problems.contains { $0.contains("http://example.com/x.png") }, "\(run.stderr)")
        #expect(problems.contains { $0.contains("inline script") }, "\(run.stderr)")
    }
}
