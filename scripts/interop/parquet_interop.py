#!/usr/bin/env python3
"""Parquet interoperability checks between ipdr and pyarrow, pandas and DuckDB.

usage: parquet_interop.py read FILE      print, as JSON, what pyarrow, pandas and
                                        DuckDB (its own Parquet reader) read from
                                        FILE: types, values in the canonical form
                                        of arrow_interop.py, key-value metadata
       parquet_interop.py write FOLDER   write Parquet files with pyarrow, pandas
                                        and DuckDB, with their defaults and with
                                        other codecs, page versions and encodings
"""
import datetime
import json
import os
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arrow_interop import arrow_values, canon  # noqa: E402


def read(path):
    table = pq.read_table(path)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items() if k != b"ARROW:schema"}
    out = {
        "metadata": meta,
        "field_metadata": {f.name: {k.decode(): v.decode() for k, v in (f.metadata or {}).items()} for f in table.schema},
        "pyarrow": {"types": {f.name: str(f.type) for f in table.schema},
                    "values": {f.name: arrow_values(table.column(f.name)) for f in table.schema}},
        "codecs": sorted({pq.ParquetFile(path).metadata.row_group(0).column(i).compression
                          for i in range(table.num_columns)}) if table.num_rows else [],
    }
    df = pd.read_parquet(path)
    out["pandas"] = {"types": {c: str(df[c].dtype) for c in df.columns},
                     "values": {c: [None if (not isinstance(x, (bytes, str)) and pd.isna(x)) else canon(x) for x in df[c].tolist()]
                                for c in df.columns}}
    con = duckdb.connect()
    rows = con.execute("select * from read_parquet(?)", [path]).fetchall()
    described = con.execute("describe select * from read_parquet(?)", [path]).fetchall()
    names = [r[0] for r in described]
    out["duckdb"] = {"types": {r[0]: r[1] for r in described},
                     "values": {n: [canon(r[i]) for r in rows] for i, n in enumerate(names)}}
    json.dump(out, sys.stdout, sort_keys=True)


def write(folder):
    os.makedirs(folder, exist_ok=True)
    ts = [datetime.datetime(2025, 10, 5, 1, 2, 3, 456789), None, datetime.datetime(1969, 12, 31, 23, 59, 59)]
    table = pa.table({
        "i8": pa.array([1, None, -128], pa.int8()),
        "u32": pa.array([4294967295, None, 0], pa.uint32()),
        "i64": pa.array([2**62, None, -5], pa.int64()),
        "f32": pa.array([1.5, None, -0.25], pa.float32()),
        "f64": pa.array([0.1, None, 1e300], pa.float64()),
        "b": pa.array([True, None, False]),
        "s": pa.array(["héllo", None, ""], pa.string()),
        "ls": pa.array(["=x", None, "日本"], pa.large_string()),
        "dict": pa.array(["jionet", None, "jionet"]).dictionary_encode(),
        "ts_ns": pa.array(ts, pa.timestamp("ns")),
        "ts_tz": pa.array(ts, pa.timestamp("ms", tz="Asia/Kolkata")),
        "day": pa.array([datetime.date(2025, 10, 5), None, datetime.date(1969, 12, 31)], pa.date32()),
        "dur": pa.array([5, None, -60], pa.duration("s")),
    })
    pq.write_table(table, os.path.join(folder, "pyarrow.parquet"))
    for codec in ("zstd", "gzip", "lz4", "none"):
        pq.write_table(table, os.path.join(folder, f"pyarrow-{codec}.parquet"), compression=codec)
    pq.write_table(table, os.path.join(folder, "pyarrow-v2.parquet"), data_page_version="2.0")
    pq.write_table(table, os.path.join(folder, "pyarrow-groups.parquet"), row_group_size=1, use_dictionary=False)
    pq.write_table(table, os.path.join(folder, "pyarrow-int96.parquet"), use_deprecated_int96_timestamps=True)
    pq.write_table(pa.table({"n": pa.array([1, 2, 3], pa.int64())}), os.path.join(folder, "pyarrow-delta.parquet"),
                   use_dictionary=False, column_encoding={"n": "DELTA_BINARY_PACKED"})
    pq.write_table(pa.table({"l": pa.array([[1], None, [2, 3]])}), os.path.join(folder, "pyarrow-list.parquet"))
    df = pd.DataFrame({
        "n": pd.array([1, None, 3], dtype="Int64"),
        "x": [1.5, None, -2.0],
        "name": ["a", None, "c"],
        "when": pd.to_datetime(["2025-10-05 01:02:03", None, "2025-10-06 00:00:00"]),
        "kind": pd.Categorical(["tcp", None, "udp"]),
        "ok": [True, False, True],
    })
    df.to_parquet(os.path.join(folder, "pandas.parquet"))
    con = duckdb.connect()
    query = ("select * from (values (1, 'a', timestamptz '2025-10-05 01:02:03+00', interval 5 second, true, 12.5), "
             "(null, null, null, null, null, null)) t(n, s, t, d, b, dec)")
    con.execute(f"copy ({query}) to '{os.path.join(folder, 'duckdb.parquet')}'")
    con.execute(f"copy ({query}) to '{os.path.join(folder, 'duckdb-zstd.parquet')}' (compression zstd)")
    # Parquet v2: DuckDB's DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT pages.
    con.execute(f"copy (select i, 'x' || (i % 50) s, 'u' || i u, i / 3 f from range(5000) t(i)) "
                f"to '{os.path.join(folder, 'duckdb-v2.parquet')}' (parquet_version v2)")
    # Many rows: DuckDB switches to dictionary pages and several row groups.
    con.execute(f"copy (select 'x' || (i % 50) s, i, i % 3 = 0 b from range(300000) t(i)) "
                f"to '{os.path.join(folder, 'duckdb-big.parquet')}'")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("read", "write"):
        sys.exit(__doc__)
    read(sys.argv[2]) if sys.argv[1] == "read" else write(sys.argv[2])
