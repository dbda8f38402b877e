import Foundation
import Testing

/// The README's tour, run through the real binary and checked against answers
/// computed independently in Python (`scripts/expected-tour`) from the same CSV.
@Suite struct TourTests {
    /// Each tour pipeline (in tour order) and the file holding its expected rows.
    static let expectedFiles = [
        "top-uploaders", "night-by-hour", "cgnat-lookup", "cgnat-lookup-without-port", "beaconing",
        "sim-swap", "handset-swaps", "night-top-downloaders", "upload-windows", "fanout",
    ]

    static func tourPipelines() throws -> (setup: [String], pipelines: [String]) {
        let tour = try String(contentsOf: IPDRProcess.repoRoot.appendingPathComponent("datasets/sample/tour.ipdr"), encoding: .utf8)
        var setup: [String] = []
        var pipelines: [String] = []
        for raw in tour.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("set ") || line.hasPrefix("load ") || line.hasPrefix("let ") {
                setup.append(line)
            } else if line.hasPrefix("ipdr |") || line.hasPrefix("night |") {
                pipelines.append(line)
            }
        }
        return (setup, pipelines)
    }

    @Test func tourRunsCleanly() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let r = try IPDRProcess.run(["run", "datasets/sample/tour.ipdr"], cwd: cwd)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("loaded ipdr: 25,000 rows × 18 columns"))
        #expect(r.stdout.contains("saved 1,243 rows to out/night.csv"))
        let saved = try String(contentsOf: cwd.appendingPathComponent("out/night.csv"), encoding: .utf8)
        #expect(saved.split(separator: "\n").count == 1_244)
    }

    @Test func pipelineResultsMatchIndependentAnswers() throws {
        let (setup, pipelines) = try Self.tourPipelines()
        try #require(pipelines.count == Self.expectedFiles.count, "the tour's pipelines changed: update expectedFiles")
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        for (pipeline, name) in zip(pipelines, Self.expectedFiles) {
            let script = (setup + [pipeline]).joined(separator: "\n")
            let r = try IPDRProcess.run(["--output", "csv", "-c", script], cwd: cwd)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let expected = try String(contentsOf: IPDRProcess.repoRoot.appendingPathComponent("datasets/sample/expected/\(name).csv"), encoding: .utf8)
            #expect(r.stdout == expected, "\(name) differs:\n\(LineDiff.render(expected: expected, actual: r.stdout))")
        }
    }
}
