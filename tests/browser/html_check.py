"""The W3C Nu HTML Checker (vnu.jar) over every page the browser tests load.

`ServedHtml` keeps the HTML of each document the live server sends to a browser context, as
the server sent it (not the DOM after scripts ran), one file per distinct page. At the end of
the browser session `tests/browser/test_html_validity.py` runs vnu.jar once over all of them
(one Java start: it is slow to start, fast per page) and fails with every error, naming the URL
the page came from.

vnu.jar comes from the npm package vnu-jar (`make vnu`, and .ci/run), run with the machine's
Java; VNU_JAR points at another copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VNU_JAR_PLACES = (
    PROJECT_ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar",
    PROJECT_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar",
)
INDEX = "pages.json"
# Parts of a page that differ on every load without changing its markup: the pages are
# deduplicated on the rest.
VOLATILE = re.compile(r'((?:name="csrfmiddlewaretoken" value|nonce)=")[^"]*(")')


def vnu_command() -> tuple[list[str] | None, str]:
    """The command that runs vnu.jar, or None and the reason it cannot run here."""
    configured = os.environ.get("VNU_JAR")
    jar = Path(configured) if configured else next((p for p in VNU_JAR_PLACES if p.exists()), None)
    if jar is None or not jar.exists():
        where = configured or " or ".join(str(p) for p in VNU_JAR_PLACES)
        return None, f"vnu.jar not found at {where} (run `make vnu`, or set VNU_JAR)"
    java = shutil.which("java")
    if java is None:
        return None, "java not found on PATH (install the Debian package default-jre-headless)"
    return [java, "-Xss4m", "-jar", str(jar)], ""


@dataclass
class ServedHtml:
    """The HTML documents that the watched browser contexts got from the live server, saved
    in `directory`."""

    directory: Path
    pages: dict[str, str] = field(default_factory=dict)  # file name -> first URL that served it
    contexts: int = 0
    unreadable: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.glob("page-*.html"):  # a directory reused from an earlier run
            old.unlink()

    def watch(self, context, origin: str) -> None:
        """Record every HTML document a Playwright browser context receives from the server at
        `origin`."""
        self.contexts += 1
        context.on("response", lambda response: self._on_response(response, origin))

    def _on_response(self, response, origin: str) -> None:
        request = response.request
        if request.resource_type != "document" or not response.url.startswith(origin):
            return
        if response.status < 200 or 300 <= response.status < 400:
            return  # redirects have no page; error pages (4xx, 5xx) are checked too
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/html"):
            return
        try:
            html = response.text()
        except Exception as error:  # the browser dropped the body (the page navigated away)
            self.unreadable.append(f"{response.url}: {error}")
            return
        self.record(response.url, html)

    def record(self, url: str, html: str) -> None:
        digest = hashlib.sha256(VOLATILE.sub(r"\1\2", html).encode()).hexdigest()[:20]
        name = f"page-{digest}.html"
        if name in self.pages:
            return
        (self.directory / name).write_text(html, encoding="utf-8")
        self.pages[name] = url
        (self.directory / INDEX).write_text(json.dumps(self.pages, indent=1), encoding="utf-8")


def run_vnu(command: list[str], directory: Path) -> list[dict]:
    """vnu's error messages for every recorded page in `directory` (one run of the checker)."""
    files = sorted(str(path) for path in directory.glob("page-*.html"))
    result = subprocess.run(  # noqa: S603 (our own command line)
        [*command, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu.jar gave no JSON report (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        ) from error
    return [m for m in report.get("messages", []) if m.get("type") != "info"]


def describe(messages: list[dict], pages: dict[str, str]) -> str:
    """One line per error: the URL that served the page, the line, and vnu's message; each
    page's saved file is named once so the markup can be looked at."""
    lines: list[str] = []
    by_file: dict[str, list[dict]] = {}
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1]
        by_file.setdefault(name, []).append(message)
    for name, found in by_file.items():
        lines.append(f"{pages.get(name, name)}  ({name})")
        for message in found:
            line = message.get("lastLine", "?")
            extract = " ".join(message.get("extract", "").split())
            lines.append(f"  line {line}: {message.get('message')}")
            if extract:
                lines.append(f"    {extract}")
    return "\n".join(lines)
