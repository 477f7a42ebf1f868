"""Benchmark results: wrk output to JSON, the latest tables, and the side-by-side with the peers.

Standard library only (it also reads the peers' results, which live outside this project).

    python bench/compare.py wrk-json --database sqlite --n 10000 hello=/_hello/=hello.txt ...
    python bench/compare.py show [--database sqlite] [--n 10000]
    python bench/compare.py peers --peers-dir /tmp/peers [--runs-dir /tmp/peers/runs]

Result files: bench/results/<database>-<n>-<timestamp>.json (in-process, from bench/run.py;
...-cachesoff.json with every cache off) and bench/results/<database>-<n>-<timestamp>-http.json
(wrk, from bench/http.sh). `make bench-peers` (bench/peers.sh) keeps each repetition's results,
the peers' and the portal's, in <peers-dir>/runs/<i>/{peers,portal}/.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import statistics
import sys
from datetime import datetime

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
PEERS = (("wiki", "django-wiki"), ("wagtail", "Wagtail"))
# The same page on each side: (portal label, peer label or None, what it is). The peers' last
# listing page is measured by bench/peers.sh (peerbench measures page 1 only). Wagtail's
# listing has no filters (peerbench's ArticleIndexPage pages through every article), so the
# two-facet list has nothing to be compared with: no ratio between unlike pages.
PAIRS = [
    ("hello", "hello", "hello (the ceiling)"),
    ("detail", "detail", "detail, artikel-1000"),
    ("list", "listing", "list, page 1"),
    ("list-deep", "listing-deep", "list, last page"),
    ("list-facets", None, "list, two facets"),
    ("search", "search", "search kvarnsten"),
]
# The peers' wrk files name the path; the pages bench/http.sh measures name the label.
PEER_PATHS = {
    "hello": ["/_hello/"],
    "detail": ["/handbok/artikel-1000/"],
    "listing": ["/handbok/_dir/", "/handbok/"],
    "search": ["/_search/?q=kvarnsten", "/search/?query=kvarnsten"],
}
DATABASES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# The capacity note's assumption: one page view per signed-in or reading user every 30 s.
SECONDS_PER_VIEW = 30
STALE_NOTE = (
    "The portal's cached page is correct at once on publish (every change retires it on every "
    "app server); the peers' stock page cache keeps serving the old page until its timeout "
    "(600 s)."
)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_wrk(text: str) -> dict:
    """requests/s, latency p50/p90/p99 (ms) and errors from `wrk --latency` output."""
    result: dict = {}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        raise ValueError("no Requests/sec line in wrk output")
    result["rps"] = round(float(rps.group(1)), 1)
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+(\S+)", text, re.MULTILINE)
        if match:
            result[f"p{pct}_ms"] = round(_ms(match.group(1)), 2)
    total = re.search(r"(\d+) requests in ([\d.]+\w+)", text)
    if total:
        result["requests"] = int(total.group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    result["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    result["socket_errors"] = sum(int(g) for g in socket.groups()) if socket else 0
    transfer = re.search(r"Transfer/sec:\s+([\d.]+)(\w+)", text)
    if transfer and result["rps"]:
        scale = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}.get(transfer.group(2), 0)
        result["bytes_per_response"] = round(float(transfer.group(1)) * scale / result["rps"])
    return result


def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as stream:
        return json.load(stream)


def _stamp_key(path: str) -> str:
    match = re.search(r"-(\d{8}-\d{6})(?:-[a-z]+)*\.json$", path)
    return match.group(1) if match else ""


def _caches(data: dict) -> str:
    return data.get("caches", "warm")


def portal_results(folder: str, kind: str) -> list[tuple[str, dict]]:
    """Every portal result of one kind ("inprocess" or "http") in a folder, oldest first."""
    found = []
    for path in glob.glob(os.path.join(folder, "*.json")):
        is_http = path.endswith("-http.json")
        if is_http != (kind == "http"):
            continue
        data = _read(path)
        if data.get("system", "portal") == "portal":
            found.append((_stamp_key(path), path, data))
    return [(path, data) for _stamp, path, data in sorted(found)]


def latest_portal(
    database: str,
    n: int | None,
    kind: str,
    source_prefix: str | None = None,
    caches: str = "warm",
    folder: str = RESULTS,
):
    candidates = [
        (path, data)
        for path, data in portal_results(folder, kind)
        if data.get("database") == database
        and (not n or int(data.get("n", 0)) == n)
        and (not source_prefix or str(data.get("source", "")).startswith(source_prefix))
        and (kind == "http" or _caches(data) == caches)
    ]
    return candidates[-1] if candidates else None


# Tables -------------------------------------------------------------------------------------


def _database_name(data: dict) -> str:
    return DATABASES.get(data.get("database", ""), data.get("database", "?"))


def inprocess_table(data: dict) -> str:
    off = _caches(data) == "off"
    lines = [
        f"In-process, {_database_name(data)}, {data['n']} methods ({data.get('source')}), "
        f"{data['runs']} runs, DEBUG={data.get('debug')}, caches {_caches(data)}",
        "",
        (
            "Every cache off (DummyCache, page cache off): every request renders from the "
            "database alone."
            if off
            else "Served: what an anonymous visitor gets (page cache on; signed-in pages are "
            "never cached). Rendered: the page cache off, reference caches warm (facet counts, "
            "vocabularies, suggestions). × anon: a signed-in page over the anonymous rendered "
            "time of the same page, the two requested in turn."
        ),
        "",
        "| page | user | path | served median / p90 ms | queries | rendered median / p90 ms "
        "| queries | SQL ms | × anon |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    rows = {row["label"]: row for row in data["results"]}
    for row in data["results"]:
        render = row.get("render", row)
        anonymous = rows.get(row.get("anonymous") or "")
        if row.get("x_anon"):
            ratio = f"{row['x_anon']:.2f}"
        elif anonymous and anonymous.get("render", {}).get("median_ms"):
            # Results written before the pages were timed in turn (bench.measure._paired_ratio).
            ratio = f"{render['median_ms'] / anonymous['render']['median_ms']:.2f}"
        else:
            ratio = ""
        lines.append(
            f"| {row['label']} | {row.get('user') or 'anonymous'} | `{row['path']}` "
            f"| {row['median_ms']:.2f} / {row['p90_ms']:.2f} | {row['queries']} "
            f"| {render['median_ms']:.2f} / {render['p90_ms']:.2f} | {render['queries']} "
            f"| {render['sql_ms']:.1f} | {ratio} |"
        )
    return "\n".join(lines)


def http_table(data: dict) -> str:
    cpus = data.get("cpus") or 2
    hello = next((row["rps"] for row in data["results"] if row["label"] == "hello"), None)
    lines = [
        f"HTTP, {_database_name(data)}, {data['n']} methods, gunicorn {data.get('workers', 2)} "
        f"workers, wrk -t{data['threads']} -c{data['connections']} -d{data['duration']} "
        f"(wrk on the same {cpus} cores)",
        "",
        "| page | path | req/s | share of hello | req/s per core | p50 ms | p90 ms | p99 ms "
        "| bytes with headers | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in data["results"]:
        errors = row.get("non_2xx", 0) + row.get("socket_errors", 0)
        share = f"{row['rps'] / hello:.2f}" if hello else ""
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['rps']:.0f} | {share} "
            f"| {row['rps'] / cpus:.0f} | {row.get('p50_ms', 0):.1f} | {row.get('p90_ms', 0):.1f} "
            f"| {row.get('p99_ms', 0):.1f} | {row.get('bytes_per_response', '')} | {errors} |"
        )
    return "\n".join(lines)


def capacity_note(data: dict) -> str:
    """Requests per second per core for readers (cached, rendered) and signed-in users, and
    what that carries in concurrent users."""
    cpus = data.get("cpus") or 2
    rows = {row["label"]: row for row in data["results"]}
    groups = [
        ("readers, cached pages", ["detail", "list", "search"]),
        ("readers, rendered (page cache off)", ["detail-rendered", "list-rendered"]),
        ("signed-in users", [label for label in rows if label.startswith(("member-", "editor-"))]),
    ]
    lines = [
        f"Capacity ({_database_name(data)}, {data['n']} methods; wrk and gunicorn share the "
        f"{cpus} cores, so per core is conservative). Assumption: each user views one page "
        f"every {SECONDS_PER_VIEW} s, so concurrent users = req/s x {SECONDS_PER_VIEW}.",
        "",
        "| who | pages | req/s per core (lowest page) | concurrent users per core |",
        "|---|---|---:|---:|",
    ]
    for who, labels in groups:
        measured = [rows[label] for label in labels if label in rows]
        if not measured:
            continue
        lowest = min(row["rps"] for row in measured) / cpus
        lines.append(
            f"| {who} | {', '.join(row['label'] for row in measured)} | {lowest:.0f} "
            f"| {lowest * SECONDS_PER_VIEW:,.0f} |"
        )
    return "\n".join(lines)


# The comparison with the peers ---------------------------------------------------------------


def _peer_database(peers_dir: str, name: str) -> str:
    """peerbench builds each peer on SQLite (db.sqlite3 in its project); say what was found."""
    project = os.path.join(peers_dir, name)
    if glob.glob(os.path.join(project, "*.sqlite3")) or glob.glob(
        os.path.join(project, "**", "*.sqlite3"), recursive=True
    ):
        return "SQLite"
    return "database unknown"


def _peer_inprocess(folder: str, name: str, cache: str) -> dict:
    """A peer's rows in one cache mode (LocMemCache, DummyCache, PageCache), with the last
    listing page from the <name>-deep-<cache>.json that bench/peers.sh adds."""
    rows = {}
    for stem in (name, f"{name}-deep"):
        path = os.path.join(folder, f"{stem}-{cache}.json")
        if os.path.exists(path):
            rows.update({row["label"]: row for row in _read(path)["results"]})
    return rows


def _peer_http(folder: str, name: str) -> dict:
    rows = {}
    for label, paths in PEER_PATHS.items():
        for path in paths:
            filename = os.path.join(folder, f"{name}-wrk-{re.sub(r'[/?=]', '_', path)}.txt")
            if os.path.exists(filename):
                with open(filename, encoding="utf-8") as stream:
                    rows[label] = parse_wrk(stream.read())
    return rows


def _runs(runs_dir: str) -> list[str]:
    folders = [p for p in glob.glob(os.path.join(runs_dir, "*")) if os.path.isdir(p)]
    return sorted(folders, key=lambda p: (len(os.path.basename(p)), os.path.basename(p)))


def _median(values: list[float]) -> float | None:
    values = [v for v in values if v]
    return statistics.median(values) if values else None


def _cell(rows: list[dict]) -> str:
    """Median over the repetitions of a page's median ms, with its queries."""
    rows = [row for row in rows if row]
    if not rows:
        return "—"
    median = _median([row["median_ms"] for row in rows])
    bad = {row.get("status") for row in rows} - {200, None}
    warn = f" [{', '.join(str(s) for s in sorted(bad))}]" if bad else ""
    return f"{median:.2f} ({rows[-1].get('queries', '?')}){warn}"


def _ratio_cell(ratios: list[float]) -> str:
    if not ratios:
        return "—"
    values = ", ".join(f"{r:.2f}" for r in ratios)
    return f"**{statistics.median(ratios):.2f}×** ({values})" if len(ratios) > 1 else f"{values}×"


def _pick(row: dict, figure: str) -> dict:
    """figure "served" is the row itself; "render" its rendered figures."""
    if not row:
        return {}
    return row.get("render", row) if figure == "render" else row


def comparison_tables(runs_dir: str, peers_dir: str) -> str:
    runs = _runs(runs_dir)
    if not runs:
        raise SystemExit(f"No repetitions in {runs_dir}.")
    peer_db = {name: _peer_database(peers_dir, name) for name, _title in PEERS}
    # portal[database][caches] = one {label: row} per repetition
    portal: dict[str, dict[str, list[dict]]] = {}
    peers: dict[str, dict[str, list[dict]]] = {}
    n = None
    for run in runs:
        for _path, data in portal_results(os.path.join(run, "portal"), "inprocess"):
            slot = portal.setdefault(data["database"], {}).setdefault(_caches(data), [])
            slot.append({row["label"]: row for row in data["results"]})
            n = n or data.get("n")
        for name, _title in PEERS:
            for cache in ("PageCache", "DummyCache", "LocMemCache"):
                rows = _peer_inprocess(os.path.join(run, "peers"), name, cache)
                peers.setdefault(f"{name}-{cache}", []).append(rows)
    databases = [db for db in ("postgresql", "sqlite") if db in portal] + sorted(
        db for db in portal if db not in ("postgresql", "sqlite")
    )
    out = [
        f"Same corpus ({n} articles), same 2-core machine, DEBUG off, in-process (Django test "
        f"client), median of each page's medians over {len(runs)} repetition(s); (queries). "
        "Ratio: Wagtail's time / the portal's (above 1: the portal is faster), the median of the "
        "repetitions' ratios with each repetition's value. A page one side does not have is "
        "'—', and gets no ratio.",
        "",
    ]
    sections = [
        (
            "Cached against cached: the portal's page cache hit; the peers with Django's stock "
            "page cache (peerbench `pagecache`)",
            "warm",
            "served",
            "PageCache",
            STALE_NOTE,
        ),
        (
            "Rendered against rendered, every cache off: the portal with DummyCache and its "
            "page cache off (`bench.run --caches off`); the peers with DummyCache",
            "off",
            "render",
            "DummyCache",
            "",
        ),
        (
            "The portal's warm fragment caches (not like for like, shown apart): the page cache "
            "off but facet counts, vocabularies and suggestions warm (`bench.run`, 'rendered'); "
            "the peers with their default LocMemCache",
            "warm",
            "render",
            "LocMemCache",
            "",
        ),
    ]
    for title, caches, figure, peer_cache, note in sections:
        header = ["page"]
        header += [f"portal ({DATABASES.get(db, db)})" for db in databases]
        header += [f"{t} ({peer_db[name]})" for name, t in PEERS]
        header += [f"Wagtail / portal ({DATABASES.get(db, db)})" for db in databases]
        out += [f"### {title}", ""]
        out.append("| " + " | ".join(header) + " |")
        out.append("|---|" + "---:|" * (len(header) - 1))
        for portal_label, peer_label, description in PAIRS:
            cells = [description]
            for db in databases:
                reps = portal.get(db, {}).get(caches, [])
                cells.append(_cell([_pick(rows.get(portal_label, {}), figure) for rows in reps]))
            for name, _t in PEERS:
                reps = peers.get(f"{name}-{peer_cache}", [])
                cells.append(
                    _cell([rows.get(peer_label, {}) for rows in reps]) if peer_label else "—"
                )
            wagtail = peers.get(f"wagtail-{peer_cache}", [])
            for db in databases:
                ratios = []
                for i, rows in enumerate(portal.get(db, {}).get(caches, [])):
                    mine = _pick(rows.get(portal_label, {}), figure).get("median_ms")
                    theirs = (
                        wagtail[i].get(peer_label, {}).get("median_ms")
                        if peer_label and i < len(wagtail)
                        else None
                    )
                    if mine and theirs:
                        ratios.append(theirs / mine)
                cells.append(_ratio_cell(ratios))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        if note:
            out += [note, ""]
    out += _http_section(runs, peer_db)
    return "\n".join(out)


def _http_section(runs: list[str], peer_db: dict) -> list[str]:
    """Over HTTP, from the first repetition that has wrk figures (measured once: wrk is slow)."""
    for run in runs:
        mine = portal_results(os.path.join(run, "portal"), "http")
        peer_folder = os.path.join(run, "peers")
        if mine or glob.glob(os.path.join(peer_folder, "*-wrk-*.txt")):
            break
    else:
        return []
    by_db = {data["database"]: {row["label"]: row for row in data["results"]} for _p, data in mine}
    databases = [db for db in ("postgresql", "sqlite") if db in by_db]
    out = [
        f"### Over HTTP (repetition {os.path.basename(run)}): requests/s (p50 ms), gunicorn 2 "
        "workers, wrk -t2 -c8 on the same 2 cores",
        "",
    ]
    for title, suffix, peer_mode in (
        ("cached: the portal's page cache; the peers with the stock page cache", "", "-pagecache"),
        (
            "rendered: the portal's page cache off (fragment caches warm); the peers' default",
            "-rendered",
            "",
        ),
    ):
        header = ["page"] + [f"portal ({DATABASES.get(db, db)})" for db in databases]
        header += [f"{t} ({peer_db[name]})" for name, t in PEERS]
        header += [f"portal ({DATABASES.get(db, db)}) / Wagtail" for db in databases]
        out += [f"{title}:", "", "| " + " | ".join(header) + " |"]
        out.append("|---|" + "---:|" * (len(header) - 1))
        peer_rows = {name: _peer_http(peer_folder, f"{name}{peer_mode}") for name, _t in PEERS}
        for portal_label, peer_label, description in PAIRS:
            label = portal_label if portal_label == "hello" else portal_label + suffix
            if not any(label in by_db[db] for db in databases):
                continue
            cells = [description]
            for db in databases:
                row = by_db[db].get(label)
                cells.append(f"{row['rps']:.0f} ({row.get('p50_ms', 0):.1f})" if row else "—")
            for name, _t in PEERS:
                row = peer_rows[name].get(peer_label) if peer_label else None
                cells.append(f"{row['rps']:.0f} ({row.get('p50_ms', 0):.1f})" if row else "—")
            wagtail = peer_rows["wagtail"].get(peer_label) if peer_label else None
            for db in databases:
                row = by_db[db].get(label)
                cells.append(f"{row['rps'] / wagtail['rps']:.2f}×" if row and wagtail else "—")
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    for _path, data in mine:
        out += [capacity_note(data), ""]
    return out


# Commands -----------------------------------------------------------------------------------


def cmd_wrk_json(args) -> None:
    rows = []
    for spec in args.files:
        label, rest = spec.split("=", 1)
        path, filename = rest.rsplit("=", 1)  # the path may hold "=" itself
        with open(filename, encoding="utf-8") as stream:
            rows.append({"label": label, "path": path, **parse_wrk(stream.read())})
    data = {
        "kind": "http",
        "system": "portal",
        "database": args.database,
        "n": args.n,
        "source": args.source,
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "workers": 2,
        "cpus": os.cpu_count(),
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "results": rows,
    }
    folder = args.output_dir or RESULTS
    os.makedirs(folder, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = os.path.join(folder, f"{args.database}-{args.n}-{stamp}-http.json")
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=1)
    print(http_table(data))
    print()
    print(capacity_note(data))
    print(f"Wrote {out}")


def cmd_show(args) -> None:
    for database in [args.database] if args.database else ["sqlite", "postgresql"]:
        for kind, caches, table in (
            ("inprocess", "warm", inprocess_table),
            ("inprocess", "off", inprocess_table),
            ("http", "warm", http_table),
        ):
            found = latest_portal(database, args.n, kind, caches=caches, folder=args.results_dir)
            if found:
                print(f"<!-- {os.path.basename(found[0])} -->")
                print(table(found[1]))
                print()
                if kind == "http":
                    print(capacity_note(found[1]))
                    print()


def cmd_peers(args) -> None:
    runs_dir = args.runs_dir or os.path.join(args.peers_dir, "runs")
    if not os.path.isdir(runs_dir):
        sys.exit(f"No {runs_dir}: run make bench-peers (bench/peers.sh) first.")
    print(comparison_tables(runs_dir, args.peers_dir))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    wrk = commands.add_parser("wrk-json", help="wrk outputs -> results JSON")
    wrk.add_argument("--database", required=True)
    wrk.add_argument("--n", type=int, required=True)
    wrk.add_argument("--source", default="")
    wrk.add_argument("--threads", type=int, default=2)
    wrk.add_argument("--connections", type=int, default=8)
    wrk.add_argument("--duration", default="10s")
    wrk.add_argument("--output-dir", help="where the JSON goes (default bench/results)")
    wrk.add_argument("files", nargs="+", help="label=path=wrk-output-file")
    wrk.set_defaults(func=cmd_wrk_json)
    show = commands.add_parser("show", help="the latest tables as markdown")
    show.add_argument("--database")
    show.add_argument("--n", type=int)
    show.add_argument("--results-dir", default=RESULTS, help="default bench/results")
    show.set_defaults(func=cmd_show)
    peers = commands.add_parser("peers", help="side by side with django-wiki and Wagtail")
    peers.add_argument("--peers-dir", default="/tmp/peers")  # noqa: S108 - peerbench's default
    peers.add_argument("--runs-dir", help="the repetitions (default <peers-dir>/runs)")
    peers.set_defaults(func=cmd_peers)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
