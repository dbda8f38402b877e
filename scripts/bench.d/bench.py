"""Benchmark driver: ipdr against DuckDB and pandas on generated IPDR files.

Called by scripts/bench, which prepares the virtual environment, the data and
the ipdr binary and passes them in the environment:
  BENCH_PYTHON  python of the venv holding duckdb/pandas ('' when unavailable)
  BENCH_TOOLS   comma list of tools that can run: ipdr,duckdb,pandas
  IPDR_BIN      ipdr executable ('' when unavailable)
  BENCH_DATA    folder with ipdr-<size>.csv and ipdr-<size>.truth.json, and for tasks 6 to 8
                and 7 ipdr-<size>.logins.csv and ipdr-<size>.logins-truth.json
"""

import argparse
import csv
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = ["ipdr", "duckdb", "pandas"]
TASK_NAMES = {
    1: "load CSV",
    2: "where 443 and bytes_up > 1MB | count",
    3: "summarize count, sum, dcount by msisdn",
    4: "summarize by dst_ip | top 10",
    5: "point lookup (public ip, port, time)",
    6: "interval join 10k logins (ip, port, time)",
    7: "join 1k watch list on msisdn | count",
    8: "join 1k watch list on msisdn | sessions, bytes by case",
}
# Conditions of the joins, shared by the statement text and the documentation.
JOIN_6 = ("l | join kind=inner t on left.client_ip == right.public_ip and "
          "left.client_port == right.public_port and "
          "left.login_time between right.start_time and right.end_time | "
          "select account, login_time, msisdn")
JOIN_7 = "t | join kind=inner w on msisdn | count"
JOIN_8 = ("t | join kind=inner w on msisdn | "
          "summarize sessions = count(), bytes = sum(bytes_up + bytes_down) by case_ref")
WATCH_ROWS = 1000
MISMATCHES = []
TIMING = re.compile(r"^timing: ([0-9]+\.[0-9]{3}) ms: (.*)$")


def loud(msg):
    bar = "!" * 72
    print("\n%s\n!! %s\n%s" % (bar, msg, bar), file=sys.stderr)


def ipdr_statements(path, spec, tasks):
    """The ipdr statement of each task, in task order (task 1 is always first).

    Statements a task needs first (loading the login log, the watch list) come
    right after task 1 with task None: they are timed by ipdr but not reported.
    """
    x, p, t = spec["public_ip"], spec["public_port"], spec["time"]
    setup = []
    if 6 in tasks:
        setup.append((None, 'load "%s" as l with tz="UTC"' % spec["logins"]))
    if 7 in tasks or 8 in tasks:
        setup.append((None, 'load "%s" as w' % spec["watch"]))
    stmts = {
        1: 'load "%s" as t with tz="+05:30"' % path,
        2: "t | where dst_port == 443 and bytes_up > 1MB | count",
        3: "t | summarize count(), sum(bytes_up + bytes_down), dcount(dst_ip) by msisdn",
        4: "t | summarize sessions = count() by dst_ip | top 10 by sessions",
        5: ('t | where public_ip == "%s" and public_port == %d and start_time <= "%s +05:30" '
            'and end_time >= "%s +05:30"' % (x, p, t, t)),
        6: JOIN_6,
        7: JOIN_7,
        8: JOIN_8,
    }
    return [(1, stmts[1])] + setup + [(k, stmts[k]) for k in tasks if k != 1]


def parse_timings(stderr_text):
    """[(ms, statement text)] from `ipdr --timing` stderr lines."""
    out = []
    for line in stderr_text.splitlines():
        m = TIMING.match(line.strip())
        if m:
            out.append((float(m.group(1)), m.group(2).strip()))
    return out


def run_ipdr(ipdr, statements, workdir, with_rss):
    """Run one ipdr process over a script; returns ({task: ms}, maxrss_kb or None)."""
    script = os.path.join(workdir, "bench.ipdr")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(s for _, s in statements) + "\n")
    rss_file = os.path.join(workdir, "rss")
    cmd = [ipdr, "--timing", "--output", "csv", "run", script]
    with_rss = with_rss and os.access("/usr/bin/time", os.X_OK)
    if with_rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError("ipdr failed (exit %d): %s" % (p.returncode, p.stderr.strip()[-2000:]))
    timings = parse_timings(p.stderr)
    if len(timings) != len(statements):
        raise RuntimeError("ipdr printed %d timing lines for %d statements:\n%s"
                           % (len(timings), len(statements), p.stderr[-2000:]))
    ms = {}
    for (task, stmt), (value, text) in zip(statements, timings):
        if text != stmt.strip():
            print("bench: note: timing line text %r differs from statement %r" % (text, stmt),
                  file=sys.stderr)
        if task is not None:
            ms[task] = value
    rss = None
    if with_rss:
        with open(rss_file, encoding="utf-8") as f:
            rss = int(f.read().strip().splitlines()[-1])
    return ms, rss


def ipdr_answers(ipdr, statements, workdir):
    """Each query task's result from its own ipdr process, summarised like worker.answer."""
    load = "\n".join(s for k, s in statements if k is None or k == 1)
    answers = {}
    for task, stmt in statements[1:]:
        if task is None:
            continue
        p = subprocess.run([ipdr, "--output", "csv", "-c", load + "\n" + stmt],
                           capture_output=True, text=True)
        if p.returncode != 0:
            answers[task] = {"error": p.stderr.strip()[-500:]}
            continue
        rows = [r for r in csv.reader(io.StringIO(p.stdout)) if r]
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        try:
            if task == 2:
                answers[task] = {"count": int(body[0][0])}
            elif task == 3:
                answers[task] = {"rows": len(body), "total_count": sum(int(r[1]) for r in body),
                                 "total_bytes": sum(int(r[2]) for r in body)}
            elif task == 4:
                answers[task] = {"sessions": sorted((int(r[1]) for r in body), reverse=True)}
            elif task == 5:
                i = header.index("msisdn")
                answers[task] = {"msisdn": sorted(r[i] for r in body)}
            elif task == 6:
                i = header.index("msisdn")
                answers[task] = {"rows": len(body), "msisdn": sorted(r[i] for r in body)}
            elif task == 7:
                answers[task] = {"count": int(body[0][0])}
            elif task == 8:
                answers[task] = {"rows": len(body), "sessions": sorted(int(r[1]) for r in body),
                                 "bytes": sum(int(r[2]) for r in body)}
        except (IndexError, ValueError) as e:
            answers[task] = {"error": "unreadable output (%s): %r" % (e, p.stdout[:300])}
    return answers


def run_worker(python, tool, path, spec, mode):
    p = subprocess.run([python, os.path.join(HERE, "worker.py"), tool, path, json.dumps(spec), mode],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s worker failed: %s" % (tool, p.stderr.strip()[-2000:]))
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return {int(k): v for k, v in r["ms"].items()}, r["maxrss_kb"], {
        int(k): v for k, v in r["answers"].items()}


def bench_size(size, args, env):
    data = env["data"]
    path = os.path.abspath(os.path.join(data, "ipdr-%s.csv" % size))
    with open(os.path.join(data, "ipdr-%s.truth.json" % size), encoding="utf-8") as f:
        cg = json.load(f)["cgnat_lookup"]
    tasks = sorted(set(args.tasks) | {1})
    spec = {"tasks": tasks, "public_ip": cg["public_ip"], "public_port": cg["public_port"],
            "time": cg["time"]}
    truth6 = None
    if 6 in tasks or 7 in tasks or 8 in tasks:
        with open(os.path.join(data, "ipdr-%s.logins-truth.json" % size), encoding="utf-8") as f:
            lt = json.load(f)
        spec["logins"] = os.path.abspath(os.path.join(data, "ipdr-%s.logins.csv" % size))
        spec["watch"] = write_watch_list(os.path.join(data, "ipdr-%s.watch.csv" % size), lt)
        truth6 = login_truth(lt)
    statements = ipdr_statements(path, spec, tasks)
    tools = [t for t in TOOLS if t in env["tools"]]
    times = {t: {k: [] for k in tasks} for t in tools}
    answers = {}
    failed = set()
    with tempfile.TemporaryDirectory(prefix="ipdr-bench-") as work:
        for rep in range(args.repeat):
            for tool in tools:
                if tool in failed:
                    continue
                print("bench: %s rows, run %d/%d, %s" % (size, rep + 1, args.repeat, tool),
                      file=sys.stderr)
                try:
                    if tool == "ipdr":
                        ms, _ = run_ipdr(env["ipdr"], statements, work, with_rss=False)
                    else:
                        ms, _, ans = run_worker(env["python"], tool, path, spec, "time")
                        answers.setdefault(tool, ans)
                except RuntimeError as e:
                    loud("%s skipped for %s: %s" % (tool, size, e))
                    failed.add(tool)
                    continue
                for k in tasks:
                    if k in ms:
                        times[tool][k].append(ms[k])
        rss = {}
        for tool in tools:
            if tool in failed:
                continue
            try:
                if tool == "ipdr":
                    _, rss[tool] = run_ipdr(env["ipdr"], statements[:1], work, with_rss=True)
                    answers["ipdr"] = ipdr_answers(env["ipdr"], statements, work)
                else:
                    _, rss[tool], _ = run_worker(env["python"], tool, path, spec, "load")
            except RuntimeError as e:
                loud("%s memory/answer run failed for %s: %s" % (tool, size, e))
    check_answers(size, answers)
    if truth6 is not None and 6 in tasks:
        check_truth(size, answers, truth6)
    medians = {t: {k: statistics.median(v) for k, v in times[t].items() if v} for t in tools}
    return {"size": size, "tasks": tasks, "tools": [t for t in tools if t not in failed],
            "medians": medians, "rss": rss, "runs": {t: {k: len(v) for k, v in times[t].items()}
                                                      for t in tools}}


def check_answers(size, answers):
    ref_tool = "duckdb" if "duckdb" in answers else next(iter(answers), None)
    if ref_tool is None:
        return
    ref = answers[ref_tool]
    ok = True
    if len(answers) < 2:
        print("bench: %s rows: only %s answered; nothing to compare" % (size, ref_tool),
              file=sys.stderr)
    for tool, ans in answers.items():
        if tool == ref_tool:
            continue
        for task, want in ref.items():
            got = ans.get(task)
            if got != want:
                ok = False
                msg = ("MISMATCH on %s rows, task %d (%s): %s gives %s, %s gives %s"
                       % (size, task, TASK_NAMES[task], tool, short(got), ref_tool, short(want)))
                loud(msg)
                MISMATCHES.append(msg)
    if ok and len(answers) > 1:
        print("bench: %s rows: answers agree (%s)" % (size, ", ".join(sorted(answers))),
              file=sys.stderr)


def write_watch_list(path, logins_truth):
    """A watch list of msisdns (the login accounts' owners), written once; returns its path.

    Columns msisdn and case_ref; WATCH_ROWS distinct msisdns that all occur in the data.
    """
    path = os.path.abspath(path)
    if not os.path.exists(path):
        seen = []
        for a in logins_truth["accounts"]:
            if a["msisdn"] not in seen:
                seen.append(a["msisdn"])
            if len(seen) == WATCH_ROWS:
                break
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="ascii", newline="") as f:
            f.write("msisdn,case_ref\n")
            for i, m in enumerate(seen):
                f.write("%s,CASE-%04d\n" % (m, i // 10 + 1))
        os.replace(tmp, path)
    return path


def login_truth(lt):
    """Task 6's answer from the generator's truth: sessions holding each login's second."""
    msisdn_of = {}
    for r in lt["logins"]:
        for m in r["matches"]:
            msisdn_of[m["line"]] = m["msisdn"]
    found = [msisdn_of[line] for r in lt["logins"] for line in r["exact_lines"]]
    return {"rows": len(found), "msisdn": sorted(found)}


def check_truth(size, answers, want):
    for tool, ans in answers.items():
        got = ans.get(6)
        if got is None:
            continue
        if got != want:
            msg = ("MISMATCH on %s rows, task 6 (%s): %s gives %s, the generator's truth %s"
                   % (size, TASK_NAMES[6], tool, short(got), short(want)))
            loud(msg)
            MISMATCHES.append(msg)
        else:
            print("bench: %s rows: task 6 of %s matches the generator's truth (%d rows)"
                  % (size, tool, want["rows"]), file=sys.stderr)


def short(v):
    s = json.dumps(v)
    return s if len(s) < 300 else s[:300] + "..."


def fmt_ms(v):
    return "—" if v is None else ("%.1f" % v if v >= 10 else "%.2f" % v)


def report(results, markdown):
    for r in results:
        tools = r["tools"]
        header = ["task"] + ["%s ms" % t for t in tools]
        if "ipdr" in tools and "duckdb" in tools:
            header.append("ipdr/DuckDB")
        rows = []
        for k in r["tasks"]:
            row = ["%d. %s" % (k, TASK_NAMES[k])]
            vals = {t: r["medians"].get(t, {}).get(k) for t in tools}
            row += [fmt_ms(vals[t]) for t in tools]
            if "ipdr" in tools and "duckdb" in tools:
                a, b = vals["ipdr"], vals["duckdb"]
                row.append("%.2f×" % (a / b) if a is not None and b else "—")
            rows.append(row)
        mem = ["peak RSS after load, MB"] + [
            "%.0f" % (r["rss"][t] / 1024.0) if t in r["rss"] else "—" for t in tools]
        if "ipdr" in tools and "duckdb" in tools:
            a, b = r["rss"].get("ipdr"), r["rss"].get("duckdb")
            mem.append("%.2f×" % (a / b) if a and b else "—")
        rows.append(mem)
        title = "%s rows (median of %s runs)" % (r["size"], "/".join(
            str(max(r["runs"][t].values(), default=0)) for t in tools) or "0")
        if markdown:
            print("\n### %s\n" % title)
            print("| " + " | ".join(header) + " |")
            print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
            for row in rows:
                print("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
        else:
            print("\n" + title)
            widths = [max(len(x[i]) for x in [header] + rows) for i in range(len(header))]
            for row in [header] + rows:
                print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i])
                                for i, c in enumerate(row)))


def main(argv):
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--sizes", default="1m,5m")
    p.add_argument("--tasks", default="1,2,3,4,5,6,7,8")
    p.add_argument("--markdown", action="store_true")
    a = p.parse_args(argv)
    a.tasks = [int(x) for x in a.tasks.split(",") if x]
    env = {"python": os.environ.get("BENCH_PYTHON", ""), "ipdr": os.environ.get("IPDR_BIN", ""),
           "data": os.environ.get("BENCH_DATA", "bench-data"),
           "tools": [t for t in os.environ.get("BENCH_TOOLS", "").split(",") if t]}
    if not env["tools"]:
        print("bench: no tool can run", file=sys.stderr)
        return 1
    results = [bench_size(s, a, env) for s in a.sizes.split(",") if s]
    report(results, a.markdown)
    for m in MISMATCHES:
        print("\n!! " + m)
    return 3 if MISMATCHES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
