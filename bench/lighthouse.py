"""Lighthouse on the six pages a visitor meets first (`make lighthouse`, issue 13).

    .venv/bin/python bench/lighthouse.py [--lighthouse PATH] [--keep DIR]

A scratch SQLite database in a temporary folder (migrated, the demo handbook loaded, static
files collected), gunicorn with gunicorn.conf.py and production settings (DEBUG off, the real
CSP and security headers) on a free port, then Lighthouse's accessibility, best-practices and
SEO categories for the start page, a phase, the method list, a method, search and the company
list, each with the mobile and the desktop preset. Prints every score and every audit that
failed; a page below 100 (--minimum) is run once more (a side fetch such as robots.txt can time
out on a busy machine), and the run exits 1 if it is still below. The server is stopped by its
process id and the folder removed, however the run ends (--keep DIR keeps the JSON reports).

Lighthouse comes from npm (`make lighthouse` installs the pinned version into a scratch prefix)
and drives the Debian Chromium (CHROME_PATH, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import demo_site, production_env, start_gunicorn  # noqa: E402

PAGES = {
    "start": "/",
    "phase": "/fas/forankring/",
    "method list": "/metoder/",
    "method": "/metoder/trepartssamtal/",
    "search": "/sok/?q=handledning",
    "company list": "/foretag/",
}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("accessibility", "best-practices", "seo")
DEFAULT_LIGHTHOUSE = "/tmp/lh/node_modules/.bin/lighthouse"  # noqa: S108 - the Makefile's prefix


def run_lighthouse(lighthouse: str, url: str, preset: str, report: Path) -> dict:
    args = [
        lighthouse, url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
    ]  # fmt: skip
    if preset == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-2000:]}")
    return json.loads(report.read_text())


def scores_of(result: dict) -> dict[str, int]:
    return {key: round((result["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}


def failures(result: dict) -> list[str]:
    """The audits that cost points: scored, weighted, and not passed."""
    found = []
    for key, category in result["categories"].items():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{key}: {ref['id']} ({audit['title']})")
    return found


def show(name: str, preset: str, result: dict, note: str = "") -> None:
    scores = scores_of(result)
    print(f"{name:<14}{preset:<9}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES) + note)
    for failure in failures(result):
        print(f"    {failure}")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", DEFAULT_LIGHTHOUSE))
    parser.add_argument("--minimum", type=int, default=100, help="lowest passing score (0-100)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    options = parser.parse_args()
    if not Path(options.lighthouse).exists() and not shutil.which(options.lighthouse):
        print(f"Lighthouse not found at {options.lighthouse}; `make lighthouse` installs it.")
        return 2

    work = Path(tempfile.mkdtemp(prefix="kh-lighthouse-"))
    reports = options.keep or work / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    server = None
    low = []
    try:
        print("== scratch SQLite database: migrate, seed_demo, collectstatic", flush=True)
        static_root = str(work / "static")
        env = production_env(
            f"sqlite:///{work / 'lighthouse.sqlite3'}",
            MEDIA_ROOT=str(work / "media"),
            DJANGO_SETTINGS_MODULE="handbook_site.settings",
        )
        demo_site(env, static_root)
        server = start_gunicorn(env, static_root, work / "gunicorn.log", workers=2, threads=2)
        print(f"== gunicorn {server.process.pid} on {server.base}", flush=True)
        print(f"{'page':<14}{'preset':<9}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, path in PAGES.items():
            for preset in PRESETS:
                report = reports / f"{name.replace(' ', '-')}-{preset}.json"
                result = run_lighthouse(options.lighthouse, server.base + path, preset, report)
                if min(scores_of(result).values()) < options.minimum:
                    # Once more before judging: on a busy machine a fetch Lighthouse makes on
                    # the side (robots.txt) can time out. A real fault fails the second run too.
                    show(name, preset, result, "  (once more)")
                    result = run_lighthouse(options.lighthouse, server.base + path, preset, report)
                show(name, preset, result)
                low += [
                    f"{name} ({preset}) {category}: {score}"
                    for category, score in scores_of(result).items()
                    if score < options.minimum
                ]
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    if low:
        print(f"Below {options.minimum}:\n  " + "\n  ".join(low))
        return 1
    print(f"Every page scores at least {options.minimum} in {', '.join(CATEGORIES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
