"""One benchmark process for DuckDB or pandas: load the CSV, run the tasks, report JSON.

Usage: python worker.py TOOL CSV SPEC_JSON MODE
  TOOL  duckdb | pandas
  SPEC  {"tasks": [2, 3, ...], "public_ip": X, "public_port": P, "time": "yyyy-MM-dd HH:mm:ss",
         "logins": CSV, "watch": CSV}   (the last two for tasks 6 to 8)
  MODE  time    load, then each task once; prints {"ms": {task: ms}, "answers": {...}}
        load    load only; prints {"ms": {"1": ms}, "maxrss_kb": peak RSS of this process}

Runs in a fresh process per measurement so that peak RSS and caches of one
tool do not leak into another's numbers.

Zones: the IPDR's times are naive IST and the login log's naive UTC. Both
tools here read them as naive wall-clock times, so the login time is moved by
+05:30 before it is compared, which compares the same instants as ipdr does
with tz="+05:30" and tz="UTC". The login log and the watch list are loaded
after the timed load, untimed.
"""

import json
import resource
import sys
import time


def duckdb_tool(path, spec):
    import duckdb

    con = duckdb.connect()
    x, p, t = spec["public_ip"], int(spec["public_port"]), spec["time"]
    esc = path.replace("'", "''")

    def load():
        con.execute("CREATE TABLE t AS SELECT * FROM read_csv('%s')" % esc)

    def setup():
        if 6 in spec["tasks"]:
            con.execute("CREATE TABLE l AS SELECT * FROM read_csv('%s')"
                        % spec["logins"].replace("'", "''"))
        if 7 in spec["tasks"] or 8 in spec["tasks"]:
            con.execute("CREATE TABLE w AS SELECT * FROM read_csv('%s')"
                        % spec["watch"].replace("'", "''"))

    queries = {
        2: ("SELECT count(*) FROM t WHERE dst_port = 443 AND bytes_up > 1000000", None),
        3: ("SELECT msisdn, count(*), sum(bytes_up + bytes_down), count(DISTINCT dst_ip) "
            "FROM t GROUP BY msisdn ORDER BY msisdn", None),
        4: ("SELECT dst_ip, count(*) AS sessions FROM t GROUP BY dst_ip "
            "ORDER BY sessions DESC LIMIT 10", None),
        5: ("SELECT * FROM t WHERE public_ip = ? AND public_port = ? "
            "AND start_time <= CAST(? AS TIMESTAMP) AND end_time >= CAST(? AS TIMESTAMP)",
            [x, p, t, t]),
        6: ("SELECT l.account, l.login_time, t.msisdn FROM l JOIN t "
            "ON l.client_ip = t.public_ip AND l.client_port = t.public_port "
            "AND l.login_time + INTERVAL 330 MINUTE BETWEEN t.start_time AND t.end_time", None),
        7: ("SELECT count(*) FROM t JOIN w ON t.msisdn = w.msisdn", None),
        8: ("SELECT w.case_ref, count(*) AS sessions, sum(t.bytes_up + t.bytes_down) AS bytes "
            "FROM t JOIN w ON t.msisdn = w.msisdn GROUP BY w.case_ref ORDER BY w.case_ref", None),
    }

    def run(task):
        sql, params = queries[task]
        rows = con.execute(sql, params).fetchall() if params else con.execute(sql).fetchall()
        col = {5: column_index(con, "msisdn") if task == 5 else 0, 6: 2}.get(task, 0)
        return answer(task, rows, msisdn_col=col)

    return load, setup, run


def column_index(con, name):
    cols = [r[0] for r in con.execute("DESCRIBE t").fetchall()]
    return cols.index(name)


def answer(task, rows, msisdn_col=0):
    """A tool-neutral summary of a task's result, for the agreement check."""
    if task == 2:
        return {"count": int(rows[0][0])}
    if task == 3:
        return {"rows": len(rows), "total_count": int(sum(r[1] for r in rows)),
                "total_bytes": int(sum(r[2] for r in rows))}
    if task == 4:
        return {"sessions": sorted((int(r[1]) for r in rows), reverse=True)}
    if task == 5:
        return {"msisdn": sorted(str(r[msisdn_col]) for r in rows)}
    if task == 6:
        return {"rows": len(rows), "msisdn": sorted(str(r[msisdn_col]) for r in rows)}
    if task == 7:
        return {"count": int(rows[0][0])}
    if task == 8:
        return {"rows": len(rows), "sessions": sorted(int(r[1]) for r in rows),
                "bytes": int(sum(r[2] for r in rows))}
    raise ValueError(task)


def pandas_tool(path, spec):
    import pandas as pd

    state = {}
    x, p = spec["public_ip"], int(spec["public_port"])
    t = pd.Timestamp(spec["time"])

    def load():
        state["df"] = pd.read_csv(path, parse_dates=["start_time", "end_time"])

    def setup():
        if 6 in spec["tasks"]:
            lg = pd.read_csv(spec["logins"], parse_dates=["login_time"],
                             dtype={"client_port": "Int64"})
            lg["login_time"] = lg["login_time"] + pd.Timedelta(minutes=330)
            state["l"] = lg
        if 7 in spec["tasks"] or 8 in spec["tasks"]:
            state["w"] = pd.read_csv(spec["watch"])

    def run(task):
        df = state["df"]
        if task == 2:
            n = int(((df["dst_port"] == 443) & (df["bytes_up"] > 1_000_000)).sum())
            return {"count": n}
        if task == 3:
            g = (df.assign(b=df["bytes_up"] + df["bytes_down"])
                 .groupby("msisdn", sort=True)
                 .agg(count=("b", "size"), total=("b", "sum"), dsts=("dst_ip", "nunique")))
            return {"rows": len(g), "total_count": int(g["count"].sum()),
                    "total_bytes": int(g["total"].sum())}
        if task == 4:
            s = df.groupby("dst_ip").size().nlargest(10)
            return {"sessions": sorted((int(v) for v in s.tolist()), reverse=True)}
        if task == 5:
            m = df[(df["public_ip"] == x) & (df["public_port"] == p)
                   & (df["start_time"] <= t) & (df["end_time"] >= t)]
            return {"msisdn": sorted(str(v) for v in m["msisdn"].tolist())}
        if task == 6:
            lg = state["l"].dropna(subset=["client_port"]).astype({"client_port": "int64"})
            m = lg.merge(df, left_on=["client_ip", "client_port"],
                         right_on=["public_ip", "public_port"], how="inner")
            m = m[(m["login_time"] >= m["start_time"]) & (m["login_time"] <= m["end_time"])]
            return {"rows": len(m), "msisdn": sorted(str(v) for v in m["msisdn"].tolist())}
        if task == 7:
            return {"count": len(df.merge(state["w"], on="msisdn", how="inner"))}
        if task == 8:
            m = df[["msisdn", "bytes_up", "bytes_down"]].merge(state["w"], on="msisdn", how="inner")
            g = (m.assign(b=m["bytes_up"] + m["bytes_down"])
                 .groupby("case_ref", sort=True).agg(sessions=("b", "size"), total=("b", "sum")))
            return {"rows": len(g), "sessions": sorted(int(v) for v in g["sessions"].tolist()),
                    "bytes": int(g["total"].sum())}
        raise ValueError(task)

    return load, setup, run


def main(argv):
    tool, path, spec_text, mode = argv
    spec = json.loads(spec_text)
    load, setup, run = {"duckdb": duckdb_tool, "pandas": pandas_tool}[tool](path, spec)
    ms, answers = {}, {}
    t0 = time.perf_counter()
    load()
    ms["1"] = (time.perf_counter() - t0) * 1000.0
    if mode == "time":
        setup()
        for task in spec["tasks"]:
            if task == 1:
                continue
            t0 = time.perf_counter()
            answers[str(task)] = run(task)
            ms[str(task)] = (time.perf_counter() - t0) * 1000.0
    out = {"ms": ms, "answers": answers,
           "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
