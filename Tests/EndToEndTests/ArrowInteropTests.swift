import Foundation
import Testing

/// ipdr's Arrow files read by pyarrow, pandas and DuckDB with the same values
/// and types, and theirs read by ipdr, through `scripts/interop/arrow_interop.py`
/// in the virtual environment `.venv` that `scripts/test` builds. Without it
/// these tests fail (they never skip): set `IPDR_PYTHON` to another interpreter
/// that has pyarrow, pandas and duckdb.
@Suite struct ArrowInteropTests {
    /// Every type with a null row; `d` declared a duration, `msisdn` an identifier.
    static let csv = """
    i,f,b,s,t,d,ip,msisdn
    1,1.5,true,hello,2025-10-05T00:00:11Z,00:00:05,10.0.0.1,919800000001
    ,,,,,,,
    -7,-0.25,false,=x,1970-01-01T00:00:00.000001Z,-00:01:00,2001:db8::1,919800000001
    -7,-0.25,false,=x,1970-01-01T00:00:00.000001Z,-00:01:00,2001:db8::1,919800000001

    """

    static var expected: [String: [AnyHashable?]] { [
        "i": [1, nil, -7, -7], "f": [1.5, nil, -0.25, -0.25], "b": [true, nil, false, false],
        "s": ["hello", nil, "=x", "=x"], "t": [1_759_622_411_000_000, nil, 1, 1], "d": [5_000_000, nil, -60_000_000, -60_000_000],
        "ip": ["10.0.0.1", nil, "2001:db8::1", "2001:db8::1"], "msisdn": ["919800000001", nil, "919800000001", "919800000001"],
    ] }

    func python(_ args: [String], cwd: URL) throws -> (status: Int32, stdout: Data, stderr: String) {
        try InteropPython.run("arrow_interop.py", args, cwd: cwd)
    }

    @Test func pythonToolsReadOurFile() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try Self.csv.write(to: cwd.appendingPathComponent("all.csv"), atomically: true, encoding: .utf8)
        let r = try IPDRProcess.run(["-c", "load all.csv as all with types=\"d:duration\"\nsave all to out/all.arrow"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let py = try python(["read", "out/all.arrow"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: py.stdout) as? [String: Any])
        for tool in ["pyarrow", "pandas", "duckdb"] {
            let values = try #require((json[tool] as? [String: Any])?["values"] as? [String: [Any]], "\(tool) gave no values")
            for (column, want) in Self.expected {
                let got = (values[column] ?? []).map(InteropPython.normalise)
                #expect(got == want, "\(tool) read column \(column) as \(got), expected \(want)")
            }
        }
        let types = try #require((json["pyarrow"] as? [String: Any])?["types"] as? [String: String])
        #expect(types["i"] == "int64")
        #expect(types["f"] == "double")
        #expect(types["b"] == "bool")
        #expect(types["s"]?.contains("large_string") == true, "plain large_string or dictionary<int32, large_string>")
        #expect(types["t"] == "timestamp[us, tz=UTC]")
        #expect(types["d"] == "duration[us]")
        #expect(types["ip"] == "fixed_size_binary[16]")
        #expect(types["msisdn"]?.hasPrefix("dictionary<values=large_string, indices=int32") == true || types["msisdn"] == "large_string")
        let duck = try #require((json["duckdb"] as? [String: Any])?["types"] as? [String: String])
        #expect(duck["t"] == "TIMESTAMP WITH TIME ZONE")
        #expect(duck["d"] == "INTERVAL")
        #expect(duck["i"] == "BIGINT")
        let fieldMetadata = try #require(json["field_metadata"] as? [String: [String: String]])
        #expect(fieldMetadata["ip"]?["ARROW:extension:name"] == "ipdr.ip")
        let metadata = try #require(json["metadata"] as? [String: String])
        #expect(metadata["ipdr.statement"] == "save all to out/all.arrow")
        #expect(metadata["ipdr.fingerprint"]?.count == 64)
        #expect(metadata["ipdr.session"]?.isEmpty == false)
        #expect(metadata["ipdr.evidence"]?.contains("all.csv") == true)
        #expect(metadata["ipdr.evidence"]?.contains("\"sha256\":\"") == true)
    }

    @Test func weReadTheirFiles() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let py = try python(["write", "py"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let script = """
        load py/pyarrow.arrow as pa
        load py/pyarrow-chunks.arrow as chunks
        pa
        chunks
        describe pa
        load py/pandas.arrow as pd
        pd
        describe pd
        load py/duckdb.arrow as duck
        duck
        describe duck
        """
        let r = try IPDRProcess.run(["--output", "csv", "-c", script], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout
        // pyarrow: narrow ints widened, float32, utf8 and large strings, dictionary, ns/ms timestamps, date32, duration[s].
        // (--output csv is for programs: `=x` is not escaped.)
        #expect(rows.contains("1,4294967295,4611686018427387904,1.5,0.1,true,héllo,=x,jionet,2025-10-05T01:02:03.456789Z,2025-10-05T01:02:03.456Z,2025-10-05T00:00:00Z,00:00:05"), "\(rows)")
        #expect(rows.contains("-128,0,-5,-0.25,1e+300,false,\"\",日本,jionet,1969-12-31T23:59:59Z,1969-12-31T23:59:59Z,1969-12-31T00:00:00Z,-00:01:00"), "\(rows)")
        #expect(rows.components(separatedBy: "i8,u32,i64,f32").count == 3, "both pyarrow files print the same header")
        #expect(rows.contains("dict,string,1,1,jionet,jionet"), "\(rows)")
        #expect(rows.contains("ts_ns,timestamp,1"), "\(rows)")
        #expect(rows.contains("dur,duration,1"), "\(rows)")
        // pandas: nullable Int64, object strings, datetime64[ns], categorical.
        #expect(rows.contains("1,1.5,a,2025-10-05T01:02:03Z,tcp,true"), "\(rows)")
        #expect(rows.contains("n,int,1"), "\(rows)")
        #expect(rows.contains("kind,string,1"), "\(rows)")
        // DuckDB: TIMESTAMPTZ and INTERVAL.
        #expect(rows.contains("1,a,2025-10-05T01:02:03Z,00:00:05,true"), "\(rows)")
        #expect(rows.contains("d,duration,1"), "\(rows)")
        #expect(r.stderr.contains("timestamps without a zone read as UTC"))
    }

    /// pyarrow's and pandas' default LZ4 frames and zstd buffers read like the uncompressed file.
    @Test(arguments: ["lz4", "zstd"])
    func compressedFilesLoad(_ file: String) throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let py = try python(["write", "py"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let r = try IPDRProcess.run(["--output", "csv", "-c", "load py/pyarrow.arrow as plain\nplain\nload py/pyarrow-\(file).arrow as packed\npacked"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let halves = r.stdout.components(separatedBy: "i8,u32,i64")
        #expect(halves.count == 3 && halves[1] == halves[2], "\(r.stdout)")
        #expect(r.stdout.contains("1,4294967295,4611686018427387904,1.5"), "\(r.stdout)")
    }
}
