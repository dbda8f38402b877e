import Foundation
import Testing

/// Runs the interoperability scripts in `scripts/interop` with the Python of
/// the virtual environment `.venv` that `scripts/test` builds (pyarrow, pandas,
/// duckdb), or `IPDR_PYTHON`. Without it the tests fail; they never skip.
enum InteropPython {
    static let python: String = ProcessInfo.processInfo.environment["IPDR_PYTHON"]
        ?? IPDRProcess.repoRoot.appendingPathComponent(".venv/bin/python").path

    /// Runs `scripts/interop/SCRIPT ARGS` in `cwd`.
    static func run(_ script: String, _ args: [String], cwd: URL) throws -> (status: Int32, stdout: Data, stderr: String) {
        #expect(FileManager.default.isExecutableFile(atPath: python),
                "no Python with pyarrow, pandas and duckdb at \(python): run scripts/test (it builds .venv) or set IPDR_PYTHON")
        let r = try ChildProcess.run(URL(fileURLWithPath: python),
                                     [IPDRProcess.repoRoot.appendingPathComponent("scripts/interop/\(script)").path] + args, cwd: cwd)
        return (r.status, r.stdout, String(decoding: r.stderr, as: UTF8.self))
    }

    /// A JSON value as the tests compare it: null → nil, integral numbers as Int, booleans, strings.
    static func normalise(_ v: Any) -> AnyHashable? {
        if v is NSNull { return nil }
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" || String(cString: n.objCType) == "B" { return n.boolValue }
            if n.doubleValue.rounded() == n.doubleValue, abs(n.doubleValue) < 9e15 { return Int(n.int64Value) }
            return n.doubleValue
        }
        return v as? String
    }
}
