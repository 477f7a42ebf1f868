"""Benchmark results: wrk output to JSON, the latest tables, and the side-by-side with the peers.

Standard library only (it also reads the peers' results, which live outside this project).

    python bench/compare.py wrk-json --database sqlite --n 10000 hello=/_hello/=hello.txt ...
    python bench/compare.py show [--database sqlite] [--n 10000]
    python bench/compare.py peers --peers-dir /tmp/peers --n 2000

Result files: bench/results/<database>-<n>-<timestamp>.json (in-process, from bench/run.py) and
bench/results/<database>-<n>-<timestamp>-http.json (wrk, from bench/http.sh).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from datetime import datetime

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
# The peers' pages (peerbench run_bench.sh / run_load.sh) and the portal page each compares to.
PEER_PAGES = [
    ("hello", "hello", {"/_hello/"}),
    ("detail", "detail", {"/handbok/artikel-1000/"}),
    ("listing", "list", {"/handbok/_dir/", "/handbok/"}),
    # The peers have no deep page or facets: their first listing page is the closest equivalent.
    ("listing", "list-deep", {"/handbok/_dir/", "/handbok/"}),
    ("listing", "list-facets", {"/handbok/_dir/", "/handbok/"}),
    ("search", "search", {"/_search/?q=kvarnsten", "/search/?query=kvarnsten"}),
]


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
    return result


def _latest(pattern: str, predicate=lambda data: True) -> tuple[str, dict] | None:
    for path in sorted(glob.glob(os.path.join(RESULTS, pattern)), reverse=True):
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        if predicate(data):
            return path, data
    return None


def _stamp_key(path: str) -> str:
    match = re.search(r"-(\d{8}-\d{6})(?:-http)?\.json$", path)
    return match.group(1) if match else ""


def latest_portal(database: str, n: int | None, kind: str, source_prefix: str | None = None):
    suffix = "-http.json" if kind == "http" else ".json"
    candidates = []
    for path in glob.glob(os.path.join(RESULTS, f"{database}-{n if n else '*'}-*{suffix}")):
        if kind == "inprocess" and path.endswith("-http.json"):
            continue
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        if source_prefix and not str(data.get("source", "")).startswith(source_prefix):
            continue
        candidates.append((_stamp_key(path), path, data))
    if not candidates:
        return None
    _stamp, path, data = max(candidates)
    return path, data


# Tables -------------------------------------------------------------------------------------


def inprocess_table(data: dict) -> str:
    lines = [
        f"In-process, {data['database']}, {data['n']} methods ({data.get('source')}), "
        f"{data['runs']} runs, DEBUG={data.get('debug')}",
        "",
        "Served: what an anonymous visitor gets (page cache on; the editor's desk is never "
        "cached). Rendered: the page cache off, as for the first visitor after a change.",
        "",
        "| page | path | served median / p90 ms | queries | rendered median / p90 ms | queries "
        "| SQL ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in data["results"]:
        render = row.get("render", row)
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['median_ms']:.2f} / {row['p90_ms']:.2f} "
            f"| {row['queries']} | {render['median_ms']:.2f} / {render['p90_ms']:.2f} "
            f"| {render['queries']} | {render['sql_ms']:.1f} |"
        )
    return "\n".join(lines)


def http_table(data: dict) -> str:
    lines = [
        f"HTTP, {data['database']}, {data['n']} methods, gunicorn 2 workers, wrk "
        f"-t{data['threads']} -c{data['connections']} -d{data['duration']}",
        "",
        "| page | path | req/s | p50 ms | p90 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in data["results"]:
        errors = row.get("non_2xx", 0) + row.get("socket_errors", 0)
        lines.append(
            f"| {row['label']} | `{row['path']}` | {row['rps']:.0f} | {row.get('p50_ms', 0):.1f} "
            f"| {row.get('p90_ms', 0):.1f} | {row.get('p99_ms', 0):.1f} | {errors} |"
        )
    return "\n".join(lines)


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
    os.makedirs(RESULTS, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = os.path.join(RESULTS, f"{args.database}-{args.n}-{stamp}-http.json")
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(data, stream, indent=1)
    print(http_table(data))
    print(f"Wrote {out}")


def cmd_show(args) -> None:
    for database in [args.database] if args.database else ["sqlite", "postgresql"]:
        for kind, table in (("inprocess", inprocess_table), ("http", http_table)):
            found = latest_portal(database, args.n, kind)
            if found:
                print(f"<!-- {os.path.basename(found[0])} -->")
                print(table(found[1]))
                print()


def _peer_inprocess(peers_dir: str, name: str, cache: str = "LocMemCache") -> dict:
    """The peer's rows with its default cache (LocMemCache) or with DummyCache (no caching)."""
    path = os.path.join(peers_dir, "results", f"{name}-{cache}.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as stream:
        return {row["label"]: row for row in json.load(stream)["results"]}


def _peer_http(peers_dir: str, name: str) -> dict:
    rows = {}
    for _peer_label, _portal_label, paths in PEER_PAGES:
        for path in paths:
            filename = os.path.join(
                peers_dir, "results", f"{name}-wrk-{re.sub(r'[/?=]', '_', path)}.txt"
            )
            if os.path.exists(filename):
                with open(filename, encoding="utf-8") as stream:
                    rows[_peer_label] = parse_wrk(stream.read())
    return rows


def _ratio(other: float | None, portal: float | None) -> str:
    if not other or not portal:
        return "–"
    return f"{other / portal:.2f}×"


def cmd_peers(args) -> None:
    portal_in = latest_portal(args.database, args.n, "inprocess", "corpus:")
    portal_http = latest_portal(args.database, args.n, "http", "corpus:")
    if not portal_in:
        sys.exit(f"No portal in-process result for {args.database} n={args.n} from a corpus.")
    portal_rows = {row["label"]: row for row in portal_in[1]["results"]}
    http_rows = {row["label"]: row for row in portal_http[1]["results"]} if portal_http else {}
    peers_http = {name: _peer_http(args.peers_dir, name) for name in ("wiki", "wagtail")}
    print(
        f"Same corpus, {args.n} articles, portal on {args.database}, DEBUG off. Ratios: "
        "peer / portal (above 1: the portal is faster).\n"
    )
    # Like with like: each system with its caches on, and each with caching off (the peers with
    # DummyCache, the portal with its page cache off: what a rare URL or the first visitor after
    # a change costs).
    for title, cache, key in (
        ("caches on (peers: LocMemCache; portal: page cache)", "LocMemCache", None),
        ("caching off (peers: DummyCache; portal: page cache off)", "DummyCache", "render"),
    ):
        peers = {name: _peer_inprocess(args.peers_dir, name, cache) for name in ("wiki", "wagtail")}
        print(f"In-process, median ms (SQL queries), {title}\n")
        print("| page | portal | django-wiki | Wagtail | wiki/portal | Wagtail/portal |")
        print("|---|---:|---:|---:|---:|---:|")
        for peer_label, portal_label, _paths in PEER_PAGES:
            row_mine = portal_rows.get(portal_label, {})
            mine = row_mine.get(key, row_mine) if key else row_mine
            cells = [f"{mine.get('median_ms', 0):.2f} ({mine.get('queries', '?')})"]
            ratios = []
            for name in ("wiki", "wagtail"):
                row = peers[name].get(peer_label)
                warn = "" if not row or row.get("status") == 200 else f" [{row.get('status')}]"
                cells.append(f"{row['median_ms']:.2f} ({row['queries']}){warn}" if row else "–")
                ratios.append(_ratio(row and row["median_ms"], mine.get("median_ms")))
            label = f"{peer_label} / {portal_label}"
            print(f"| {label} | " + " | ".join(cells + ratios) + " |")
        print()
    print("\nHTTP, requests/s (p50 ms), gunicorn 2 workers, wrk -t2 -c8 -d10s\n")
    print("| page | portal | django-wiki | Wagtail | portal/wiki | portal/Wagtail |")
    print("|---|---:|---:|---:|---:|---:|")
    for peer_label, portal_label, _paths in PEER_PAGES:
        mine = http_rows.get(portal_label, {})
        cells = [f"{mine.get('rps', 0):.0f} ({mine.get('p50_ms', 0):.1f})" if mine else "–"]
        ratios = []
        for name in ("wiki", "wagtail"):
            row = peers_http[name].get(peer_label)
            errors = "" if not row or not row.get("non_2xx") else f" [{row['non_2xx']} non-2xx]"
            cells.append(f"{row['rps']:.0f} ({row.get('p50_ms', 0):.1f}){errors}" if row else "–")
            ratios.append(_ratio(mine.get("rps"), row and row["rps"]))
        print(f"| {peer_label} / {portal_label} | " + " | ".join(cells + ratios) + " |")
    print(f"\nportal: {os.path.basename(portal_in[0])}", end="")
    print(f", {os.path.basename(portal_http[0])}" if portal_http else "")


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
    wrk.add_argument("files", nargs="+", help="label=path=wrk-output-file")
    wrk.set_defaults(func=cmd_wrk_json)
    show = commands.add_parser("show", help="the latest tables as markdown")
    show.add_argument("--database")
    show.add_argument("--n", type=int)
    show.set_defaults(func=cmd_show)
    peers = commands.add_parser("peers", help="side by side with django-wiki and Wagtail")
    peers.add_argument("--peers-dir", default="/tmp/peers")  # noqa: S108 - peerbench's default
    peers.add_argument("--n", type=int, required=True)
    peers.add_argument("--database", default="sqlite")
    peers.set_defaults(func=cmd_peers)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
