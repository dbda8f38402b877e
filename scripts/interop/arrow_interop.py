#!/usr/bin/env python3
"""Arrow interoperability checks between ipdr and pyarrow, pandas and DuckDB.

usage: arrow_interop.py read FILE      print, as JSON, what pyarrow, pandas and
                                      DuckDB read from FILE (types, values in a
                                      canonical form, schema and field metadata)
       arrow_interop.py write FOLDER   write Arrow files with pyarrow, pandas and
                                      DuckDB for ipdr to load

Canonical values: null → null, numbers as JSON numbers (integral floats as
integers), timestamps and durations as microseconds, 16-byte binaries as IP
address text (IPv4-mapped shown as IPv4), strings as they are.
"""
import datetime
import ipaddress
import json
import os
import sys

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MICRO = datetime.timedelta(microseconds=1)


def ip_text(b):
    a = ipaddress.IPv6Address(bytes(b))
    return str(a.ipv4_mapped) if a.ipv4_mapped else str(a)


def canon(v):
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (bytes, str)):
        v = v.item()
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v != v:
            return None
        return int(v) if float(v).is_integer() and abs(v) < 2**53 else v
    if isinstance(v, pd.Timestamp):
        if pd.isna(v):
            return None
        ts = v if v.tzinfo else v.tz_localize("UTC")
        return (ts - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(microseconds=1)
    if isinstance(v, pd.Timedelta):
        return None if pd.isna(v) else v // pd.Timedelta(microseconds=1)
    if isinstance(v, datetime.datetime):
        dt = v if v.tzinfo else v.replace(tzinfo=datetime.timezone.utc)
        return (dt - EPOCH) // MICRO
    if isinstance(v, datetime.timedelta):
        return v // MICRO
    if isinstance(v, (bytes, bytearray, memoryview)):
        return ip_text(v) if len(bytes(v)) == 16 else bytes(v).hex()
    if v is pd.NaT:
        return None
    return v


def arrow_values(col):
    t = col.type
    if pa.types.is_dictionary(t):
        col = col.cast(t.value_type)
        t = t.value_type
    if pa.types.is_timestamp(t) or pa.types.is_duration(t):
        return [canon(x) for x in pc.cast(col, pa.int64()).to_pylist()]
    return [canon(x) for x in col.to_pylist()]


def describe(table, df):
    """What pyarrow (the table) and pandas (the frame) read: metadata without
    the stored Arrow schema, field metadata, types and canonical values."""
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items() if k != b"ARROW:schema"}
    return {
        "metadata": meta,
        "field_metadata": {f.name: {k.decode(): v.decode() for k, v in (f.metadata or {}).items()} for f in table.schema},
        "pyarrow": {"types": {f.name: str(f.type) for f in table.schema},
                    "values": {f.name: arrow_values(table.column(f.name)) for f in table.schema}},
        "pandas": {"types": {c: str(df[c].dtype) for c in df.columns},
                   "values": {c: [None if (not isinstance(x, (bytes, str)) and pd.isna(x)) else canon(x) for x in df[c].tolist()]
                              for c in df.columns}},
    }


def sample_table():
    """Every Arrow type ipdr reads, with a null row: what pyarrow writes for ipdr."""
    ts = [datetime.datetime(2025, 10, 5, 1, 2, 3, 456789), None, datetime.datetime(1969, 12, 31, 23, 59, 59)]
    return pa.table({
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


def sample_pandas():
    """A pandas frame with nullable ints, object strings, datetime64 and a categorical."""
    return pd.DataFrame({
        "n": pd.array([1, None, 3], dtype="Int64"),
        "x": [1.5, None, -2.0],
        "name": ["a", None, "c"],
        "when": pd.to_datetime(["2025-10-05 01:02:03", None, "2025-10-06 00:00:00"]),
        "kind": pd.Categorical(["tcp", None, "udp"]),
        "ok": [True, False, True],
    })


def read(path):
    table = feather.read_table(path)
    out = describe(table, pd.read_feather(path))
    con = duckdb.connect()
    con.register("t", table)
    rows = con.execute("select * from t").fetchall()
    types = [r[1] for r in con.execute("describe select * from t").fetchall()]
    names = [f.name for f in table.schema]
    out["duckdb"] = {"types": dict(zip(names, types)),
                     "values": {n: [canon(r[i]) for r in rows] for i, n in enumerate(names)}}
    json.dump(out, sys.stdout, sort_keys=True)


def write(folder):
    os.makedirs(folder, exist_ok=True)
    table = sample_table()
    feather.write_feather(table, os.path.join(folder, "pyarrow.arrow"), compression="uncompressed")
    feather.write_feather(table, os.path.join(folder, "pyarrow-chunks.arrow"), compression="uncompressed", chunksize=2)
    feather.write_feather(table, os.path.join(folder, "pyarrow-lz4.arrow"), compression="lz4")
    feather.write_feather(table, os.path.join(folder, "pyarrow-zstd.arrow"), compression="zstd")
    df = sample_pandas()
    df.to_feather(os.path.join(folder, "pandas.arrow"), compression="uncompressed")
    rel = duckdb.sql("select * from (values (1, 'a', timestamptz '2025-10-05 01:02:03+00', interval 5 second, true), "
                     "(null, null, null, null, null)) t(n, s, t, d, b)")
    table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.fetch_arrow_table()
    feather.write_feather(table, os.path.join(folder, "duckdb.arrow"), compression="uncompressed")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("read", "write"):
        sys.exit(__doc__)
    read(sys.argv[2]) if sys.argv[1] == "read" else write(sys.argv[2])
