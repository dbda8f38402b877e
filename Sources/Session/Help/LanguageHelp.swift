/// Help for statements, stages, load options and settings (functions and
/// aggregates come from the engine's catalogs).
enum LanguageHelp {
    static let statements: [HelpTopic] = [
        .init(.statement, "load", "load PATH [as NAME] [with K=V, ...]", "read a CSV, TSV, JSON, NDJSON or Arrow file, a Zeek log, an nfdump CSV export, a RADIUS detail file, a CGNAT port-block syslog, an .xlsx sheet or an IPDRDoc XML file into a frame (default name: the file's stem)", #"load datasets/sample/ipdr.csv as ipdr with tz="+05:30""#),
        .init(.statement, "let", "let NAME = PIPELINE", "bind a pipeline's result to a frame name, replacing an older frame of that name", "let night = ipdr | where hour(start_time) < 5"),
        .init(.statement, "save", "save NAME-or-PIPELINE to PATH [with K=V, ...]", "write a frame as csv, tsv, json, ndjson, arrow or parquet (compression=zstd|snappy|none), or a pipeline ending in chart as svg (from the extension or format=), with its provenance; overwrite=true to replace a file, raw=true to keep formula-like CSV cells as they are, text_ids=true to keep identifiers as text in spreadsheets", "save night to out/night.csv"),
        .init(.statement, "frames", "frames", "list frames: name, rows, columns, memory, where each came from", "frames"),
        .init(.statement, "describe", "describe NAME", "one row per column: column, type, nulls, distinct, min, max", "describe ipdr"),
        .init(.statement, "drop", "drop NAME", "forget a frame", "drop night"),
        .init(.statement, "plugins", "plugins", "list loaded analyzer plugins", "plugins"),
        .init(.statement, "profiles", "profiles", "list the column-mapping profiles load can use: built-in ones and the .json files of $IPDR_PROFILES (default ~/.config/ipdr/profiles)", "profiles"),
        .init(.statement, "help", "help [TOPIC]", "list statements, stages, functions, settings; help NAME for one", "help summarize"),
        .init(.statement, "set", "set KEY = VALUE", "change a session setting", #"set tz = "+05:30""#),
        .init(.statement, "settings", "settings", "list session settings and their values", "settings"),
        .init(.statement, "run", "run PATH", "execute a script file, statement by statement", "run datasets/sample/tour.ipdr"),
        .init(.statement, "audit", "audit tail [N] | audit verify [PATH] | audit export PATH [with session=ID, overwrite=true] | audit seal [KEYFILE]", "the audit log: last N entries, check the hash chain, a replayable script of a session, a signed checkpoint", "audit tail 5"),
        .init(.statement, "report", "report PATH [with title=TEXT, frames=A,B,..., rows=N, overwrite=true]", "write the case report, one self-contained HTML file that loads nothing and prints cleanly: the case, the audit verdict, the evidence with SHA-256s, the audited history, and each frame's fingerprint, charts and first N rows (default 1,000); ending in & it runs as a job", #"report out/case.html with title="Case 42", frames=ipdr"#),
        .init(.statement, "status", "status", "memory, frames, plugins and timings of recent commands", "status"),
        .init(.statement, "jobs", "STATEMENT &  |  jobs", "a load, let, save or report ending in & runs as a background job over the frames as they are now; the prompt comes back at once and [N] done/failed is shown when it ends. jobs lists them: job, status (running, done, failed, cancelled), progress, elapsed, statement", "save ipdr to out/all.arrow &"),
        .init(.statement, "wait", "wait [N]", "wait for job N, or for every running job, and show how each ended; Ctrl-C stops waiting, not the jobs; fails when a job it waited for failed", "wait 2"),
        .init(.statement, "cancel", "cancel [N]  (or cancel %N)", "stop job N, or every running job: a cancelled save leaves no file, a cancelled load or let no frame", "cancel 2"),
        .init(.statement, "exit", "exit | quit", "leave the shell", "exit"),
    ]

    static let stages: [HelpTopic] = [
        .init(.stage, "where", "where EXPR", "keep rows where EXPR is true (null counts as false)", "ipdr | where dst_port == 443 and bytes_up > 1MB"),
        .init(.stage, "select", "select ITEM, ...", "keep and order columns; ITEM is col or name = EXPR", "ipdr | select msisdn, dst_ip, mb = bytes_down / 1MB"),
        .init(.stage, "extend", "extend name = EXPR, ...", "add or replace columns", "ipdr | extend secs = (end_time - start_time) / 1s"),
        .init(.stage, "exclude", "exclude col, ...", "drop columns", "ipdr | exclude imsi, lac"),
        .init(.stage, "rename", "rename new = old, ...", "rename columns", "ipdr | rename phone = msisdn"),
        .init(.stage, "sort", "sort EXPR [asc|desc], ...", "stable sort, ascending by default, nulls last", "ipdr | sort bytes_down desc"),
        .init(.stage, "take", "take N  (alias limit N)", "the first N rows", "ipdr | take 5"),
        .init(.stage, "top", "top N by EXPR [asc|desc]", "the N rows with the largest (default) EXPR", "ipdr | top 10 by bytes_up"),
        .init(.stage, "distinct", "distinct col, ...", "unique combinations, in first-seen order", "ipdr | distinct msisdn, imei"),
        .init(.stage, "count", "count", "one row, one column count", "ipdr | where dst_port == 53 | count"),
        .init(.stage, "join", "join [kind=inner|left|semi|anti] [report=true] FRAME on COND", "match rows of another frame: equality terms make the key, range terms (between, <, <=, >, >=) filter; report=true adds matches per left row", "logins | join kind=left ipdr on left.client_ip == right.public_ip and left.client_port == right.public_port and left.login_time between right.start_time - 2s and right.end_time + 2s"),
        .init(.stage, "summarize", "summarize AGG, ... [by KEY, ...]", "group and aggregate; output is keys then aggregates, sorted by the keys", "ipdr | summarize sessions = count(), up = sum(bytes_up) by msisdn"),
        .init(.stage, "chart", "chart bar|timeline|histogram ARG=COL ...", "draw the result (last stage only): bar x=COL y=COL, a bar per row; timeline time=COL [step=1h] [by=COL], rows per step in the tz setting, empty steps as zero, at most 8 series (the rest as other); histogram value=COL [bins=N], equal-width bins (Sturges' rule by default), nulls reported. --output csv|json prints the chart's numbers; save … to x.svg draws it as SVG", "ipdr | summarize n = count() by msisdn | top 10 by n | chart bar x=msisdn y=n"),
    ]

    static let loadOptions: [HelpTopic] = [
        .init(.option, "format", "format=csv|tsv|json|ndjson|arrow|parquet|zeek|nfdump|radius|natlog|xlsx|ipdrxml", "file format (default: from the extension and the content; zeek, nfdump (nfdump -o csv), radius (RADIUS accounting detail), natlog (CGNAT port-block syslog), xlsx and ipdrxml (IPDRDoc) are read only)", "load x.txt with format=tsv"),
        .init(.option, "delimiter", "delimiter=\",\"", "field separator, one character (default: sniffed among , ; | tab)", #"load x.csv with delimiter=";""#),
        .init(.option, "header", "header=true|false", "whether the first row names the columns (default: sniffed)", "load x.csv with header=false"),
        .init(.option, "tz", "tz=ZONE", "zone of timestamps that carry no offset (default: the tz setting)", #"load x.csv with tz="Asia/Kolkata""#),
        .init(.option, "types", "types=\"col:type, ...\"", "override inferred column types (int, float, bool, string, timestamp, duration, ip)", #"load x.csv with types="cell_id:string, dur:duration""#),
        .init(.option, "on_error", "on_error=fail|skip", "fail stops at the first bad line; skip keeps going and puts rejected lines in NAME_rejects", "load x.csv with on_error=skip"),
        .init(.option, "max_line", "max_line=SIZE", "longest accepted line (default 1MiB)", "load x.csv with max_line=4MiB"),
        .init(.option, "sheet", "sheet=NAME", "the sheet of an .xlsx workbook to read (default: the first); an unknown name lists the sheets", #"load jio.xlsx with sheet="IPDR""#),
        .init(.option, "profile", "profile=auto|none|NAME", "map an operator's layout onto canonical columns (default auto: the profile that knows the header best; none: read as it is); see `profiles`", "load jio.csv with profile=dot-ipdr"),
    ]
}
