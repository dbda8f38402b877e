import Foundation
import Testing

/// ipdr's Parquet files read by pyarrow, pandas and DuckDB's own Parquet
/// reader with the same values and types, and theirs — defaults, other
/// codecs, page versions, row groups — read by ipdr, through
/// `scripts/interop/parquet_interop.py` (see `InteropPython`).
@Suite struct ParquetInteropTests {
    func python(_ args: [String], cwd: URL) throws -> (status: Int32, stdout: Data, stderr: String) {
        try InteropPython.run("parquet_interop.py", args, cwd: cwd)
    }

    @Test(arguments: [("", "ZSTD"), (" with compression=snappy", "SNAPPY"), (" with compression=none", "UNCOMPRESSED")])
    func pythonToolsReadOurFile(_ options: String, _ codec: String) throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        try ArrowInteropTests.csv.write(to: cwd.appendingPathComponent("all.csv"), atomically: true, encoding: .utf8)
        let save = "save all to out/all.parquet\(options)"
        let r = try IPDRProcess.run(["-c", "load all.csv as all with types=\"d:duration\"\n\(save)\nload out/all.parquet as back"], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("note: out/all.parquet: written by ipdr; the loaded frame's fingerprint matches the one recorded"), "\(r.stderr)")
        let py = try python(["read", "out/all.parquet"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: py.stdout) as? [String: Any])
        for tool in ["pyarrow", "pandas", "duckdb"] {
            let values = try #require((json[tool] as? [String: Any])?["values"] as? [String: [Any]], "\(tool) gave no values")
            for (column, want) in ArrowInteropTests.expected {
                let got = (values[column] ?? []).map(InteropPython.normalise)
                #expect(got == want, "\(tool) read column \(column) as \(got), expected \(want)")
            }
        }
        // Chunks that would not get smaller (four rows) are stored uncompressed.
        let codecs = try #require(json["codecs"] as? [String])
        #expect(codecs.contains(codec) && Set(codecs).isSubset(of: [codec, "UNCOMPRESSED"]), "\(codecs)")
        let types = try #require((json["pyarrow"] as? [String: Any])?["types"] as? [String: String])
        #expect(types["i"] == "int64")
        #expect(types["f"] == "double")
        #expect(types["b"] == "bool")
        #expect(types["s"] == "string" || types["s"]?.hasPrefix("dictionary<values=string, indices=int32") == true, "\(types)")
        #expect(types["t"] == "timestamp[us, tz=UTC]")
        #expect(types["d"] == "duration[us]")
        #expect(types["ip"] == "fixed_size_binary[16]")
        let pandas = try #require((json["pandas"] as? [String: Any])?["types"] as? [String: String])
        #expect(pandas["t"] == "datetime64[us, UTC]")
        #expect(pandas["d"] == "timedelta64[us]")
        let duck = try #require((json["duckdb"] as? [String: Any])?["types"] as? [String: String])
        #expect(duck["t"] == "TIMESTAMP WITH TIME ZONE")
        #expect(duck["d"] == "BIGINT", "Parquet has no duration type: DuckDB sees the microseconds")
        #expect(duck["i"] == "BIGINT")
        #expect(duck["s"] == "VARCHAR")
        #expect(duck["ip"] == "BLOB")
        let fieldMetadata = try #require(json["field_metadata"] as? [String: [String: String]])
        #expect(fieldMetadata["ip"]?["ARROW:extension:name"] == "ipdr.ip")
        let metadata = try #require(json["metadata"] as? [String: String])
        #expect(metadata["ipdr.statement"] == save)
        #expect(metadata["ipdr.fingerprint"]?.count == 64)
        #expect(metadata["ipdr.session"]?.isEmpty == false)
        #expect(metadata["ipdr.evidence"]?.contains("all.csv") == true)
        #expect(metadata["ipdr.evidence"]?.contains("\"sha256\":\"") == true)
        #expect(!FileManager.default.fileExists(atPath: cwd.appendingPathComponent("out/all.parquet.provenance.json").path),
                "the provenance is inside the file")
    }

    @Test func weReadTheirFiles() throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let py = try python(["write", "py"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let pyarrowFiles = ["pyarrow", "pyarrow-zstd", "pyarrow-gzip", "pyarrow-lz4", "pyarrow-none", "pyarrow-v2", "pyarrow-groups", "pyarrow-int96"]
        var script = pyarrowFiles.map { "load py/\($0).parquet as t\n t" }.joined(separator: "\n")
        script += "\ndescribe t\nload py/pandas.parquet as pd\npd\ndescribe pd\nload py/duckdb.parquet as duck\nduck\ndescribe duck"
        script += "\nload py/duckdb-zstd.parquet as dz\ndz\nload py/duckdb-big.parquet as big\nbig | summarize rows = count(), ones = countif(b) by s | sort s | take 2"
        script += "\nload py/pyarrow-delta.parquet as delta\ndelta\nload py/duckdb-v2.parquet as v2\nv2 | summarize rows = count(), total = sum(i), fs = sum(f) by s | sort s | take 2"
        let r = try IPDRProcess.run(["--output", "csv", "-c", script], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout
        // Every pyarrow file — default snappy, zstd, gzip, lz4, uncompressed, v2 pages, one row per group, INT96 — reads the same.
        let first = "1,4294967295,4611686018427387904,1.5,0.1,true,héllo,=x,jionet,2025-10-05T01:02:03.456789Z,2025-10-05T01:02:03.456Z,2025-10-05T00:00:00Z,00:00:05"
        let last = "-128,0,-5,-0.25,1e+300,false,\"\",日本,jionet,1969-12-31T23:59:59Z,1969-12-31T23:59:59Z,1969-12-31T00:00:00Z,-00:01:00"
        #expect(rows.components(separatedBy: first + "\n").count == pyarrowFiles.count + 1, "\(rows)")
        #expect(rows.components(separatedBy: last + "\n").count == pyarrowFiles.count + 1, "\(rows)")
        #expect(rows.contains("dict,string,1,1,jionet,jionet"), "\(rows)")
        #expect(rows.contains("dur,duration,1"), "\(rows)")
        #expect(rows.contains("day,timestamp,1"), "\(rows)")
        // pandas: nullable Int64, object strings, datetime64[ns], categorical.
        #expect(rows.contains("1,1.5,a,2025-10-05T01:02:03Z,tcp,true"), "\(rows)")
        #expect(rows.contains("n,int,1"), "\(rows)")
        #expect(rows.contains("kind,string,1"), "\(rows)")
        // DuckDB: TIMESTAMPTZ, INTERVAL, DECIMAL, snappy and zstd; dictionary pages and several row groups.
        #expect(rows.components(separatedBy: "1,a,2025-10-05T01:02:03Z,00:00:05,true,12.5\n").count == 3, "\(rows)")
        #expect(rows.contains("d,duration,1"), "\(rows)")
        #expect(rows.contains("dec,float,1"), "\(rows)")
        #expect(rows.contains("s,rows,ones\nx0,6000,2000\nx1,6000,2000\n"), "\(rows)")
        // Parquet v2 encodings: pyarrow's DELTA_BINARY_PACKED, DuckDB's v2 pages.
        #expect(rows.contains("n\n1\n2\n3\n"), "\(rows)")
        #expect(rows.contains("s,rows,total,fs\nx0,100,247500,82500.0\nx1,100,247600,82533.33"), "\(rows)")
        #expect(r.stderr.contains("note: py/duckdb.parquet: column `dec`: decimals read as float"))
        #expect(r.stderr.contains("note: py/pyarrow.parquet: column `ts_ns`: timestamps without a zone read as UTC"))
    }

    @Test(arguments: [
        ("pyarrow-list", "column `l` is a nested group (a list, struct or map), which ipdr does not read"),
    ])
    func unsupportedFilesSayWhat(_ file: String, _ message: String) throws {
        let cwd = try IPDRProcess.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cwd) }
        let py = try python(["write", "py"], cwd: cwd)
        try #require(py.status == 0, "\(py.stderr)")
        let r = try IPDRProcess.run(["-c", "load py/\(file).parquet"], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stderr == "py/\(file).parquet: error: \(message)\n")
    }
}
