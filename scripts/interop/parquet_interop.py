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
import json
import os
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arrow_interop import canon, describe, sample_pandas, sample_table  # noqa: E402


def read(path):
    table = pq.read_table(path)
    out = describe(table, pd.read_parquet(path))
    out["codecs"] = sorted({pq.ParquetFile(path).metadata.row_group(0).column(i).compression
                            for i in range(table.num_columns)}) if table.num_rows else []
    con = duckdb.connect()
    rows = con.execute("select * from read_parquet(?)", [path]).fetchall()
    described = con.execute("describe select * from read_parquet(?)", [path]).fetchall()
    names = [r[0] for r in described]
    out["duckdb"] = {"types": {r[0]: r[1] for r in described},
                     "values": {n: [canon(r[i]) for r in rows] for i, n in enumerate(names)}}
    json.dump(out, sys.stdout, sort_keys=True)


def write(folder):
    os.makedirs(folder, exist_ok=True)
    table = sample_table()
    pq.write_table(table, os.path.join(folder, "pyarrow.parquet"))
    for codec in ("zstd", "gzip", "lz4", "none"):
        pq.write_table(table, os.path.join(folder, f"pyarrow-{codec}.parquet"), compression=codec)
    pq.write_table(table, os.path.join(folder, "pyarrow-v2.parquet"), data_page_version="2.0")
    pq.write_table(table, os.path.join(folder, "pyarrow-groups.parquet"), row_group_size=1, use_dictionary=False)
    pq.write_table(table, os.path.join(folder, "pyarrow-int96.parquet"), use_deprecated_int96_timestamps=True)
    pq.write_table(pa.table({"n": pa.array([1, 2, 3], pa.int64())}), os.path.join(folder, "pyarrow-delta.parquet"),
                   use_dictionary=False, column_encoding={"n": "DELTA_BINARY_PACKED"})
    pq.write_table(pa.table({"l": pa.array([[1], None, [2, 3]])}), os.path.join(folder, "pyarrow-list.parquet"))
    df = sample_pandas()
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
