"""What an outside tester would send, against a running gunicorn (`make audit`, issue 12).

    .venv/bin/python bench/audit.py http            # the hostile-input run
    .venv/bin/python bench/audit.py deps REPORT     # judge a pip-audit JSON report

http: a scratch SQLite database in a temporary folder (migrated, the demo handbook loaded with
--force-demo-in-production, static files collected there), gunicorn started with
gunicorn.conf.py and production settings (DEBUG off, a fresh secret key, mail dropped), the
demo member signed in through the real login form. Then the project's own corpora:

- every payload of tests/security/xss_payloads.py into the search box (anonymous and signed
  in), a comment, and a new method (title, summary and text); the pages that show them again
  (search results, the method page with its comments, the draft) are fetched too;
- NUL characters in query strings, form fields and paths;
- pathological markdown: `"<a" * 150000`, `"a\\n: b\\n" * 500`, deeply nested lists and
  quotes, into a comment and into the editor's preview.

It fails (exit status 1) on any 5xx, on an answer slower than gunicorn's worker timeout (read
from gunicorn.conf.py), on a NUL request that is not refused with 400, and on a payload that
comes back as markup: a <script> without the page's CSP nonce, an on* event attribute, a
javascript:/vbscript:/data: link, or the payload's raw text where it contains "<". The server
is stopped by its process id and the folder removed, however the run ends.

deps: pip-audit's JSON report on requirements.lock. Fails on any known vulnerability. A package
pip-audit could not look up (PyPI's per-release JSON did not answer) is looked up in PyPI's
project JSON, which lists the vulnerabilities of the newest release: that answers for a package
locked at its newest release. Any package still not audited fails the run too, unless
--unaudited warn is given; it is then listed as not audited, never reported as safe.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import (  # noqa: E402
    DEMO_PASSWORD,
    ROOT,
    Client,
    Response,
    demo_site,
    form_defaults,
    form_with,
    production_env,
    start_gunicorn,
)
from tests.security.xss_payloads import PAYLOADS  # noqa: E402

MEMBER = "medlem@kompetenshandboken.example"
# The site's limits are features; one tester from one address would meet them by design.
NO_RATE_LIMITS = {
    "COMMENT_RATE_LIMIT": "1000000",
    "RATELIMIT_SEARCH": "0",
    "ACCOUNT_RATE_LIMIT_LOGIN": "1000000/m/ip",
    "ACCOUNT_RATE_LIMIT_LOGIN_FAILED": "1000000/m/ip,1000000/m/key",
}
PATHOLOGICAL = {
    "unclosed tags": "<a" * 150000,
    "definition lists": "a\n: b\n" * 500,
    "nested lists": "".join("  " * depth + "- punkt\n" for depth in range(1000)),
    "nested list markers": "- " * 20000 + "x",
    "nested quotes": ">" * 20000 + " x",
    "nested emphasis": "*a " * 20000,
    "nested brackets": "[" * 20000 + "x" + "]" * 20000,
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
C0_AND_SPACE = "".join(map(chr, range(0x21)))
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}


def gunicorn_settings() -> dict:
    settings: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), settings)  # noqa: S102 - our own config file
    return settings


class MarkupFinder(HTMLParser):
    """What a browser would run: scripts without the page's nonce, event handler attributes,
    links with a script scheme."""

    def __init__(self, nonce: str):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        # The CSP runs scripts from the site's own static files and inline ones with the nonce.
        own_file = a.get("src", "").startswith("/static/")
        if tag == "script" and not own_file and (not self.nonce or a.get("nonce") != self.nonce):
            self.found.append(f"<script> neither a static file nor with the page's nonce: {a}")
        for name, value in a.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES:
                # As a browser's URL parser reads it (WHATWG URL): C0 controls and spaces
                # trimmed at both ends, tabs and newlines removed anywhere. A space inside
                # ("java   script:") makes a relative link, harmless.
                compact = re.sub(r"[\t\n\r]", "", value.strip(C0_AND_SPACE)).lower()
                if compact.startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"<{tag} {name}={value[:60]!r}>")

    handle_startendtag = handle_starttag


def page_nonce(response: Response) -> str:
    found = re.search(r"'nonce-([^']+)'", response.headers.get("content-security-policy", ""))
    return found.group(1) if found else ""


class Audit:
    def __init__(self, base: str, timeout: float, limit_request_line: int):
        self.timeout = timeout
        self.limit_request_line = limit_request_line
        self.member = Client(base, timeout=timeout + 5)
        self.anonymous = Client(base, timeout=timeout + 5)
        self.problems: list[str] = []
        self.requests = 0
        self.slowest = 0.0

    def problem(self, text: str) -> None:
        self.problems.append(text)
        print(f"  PROBLEM: {text}", flush=True)

    def send(self, label: str, call) -> Response | None:
        self.requests += 1
        try:
            response = call()
        except OSError as error:
            self.problem(f"{label}: no answer ({type(error).__name__}: {error})")
            return None
        self.slowest = max(self.slowest, response.seconds)
        if response.status >= 500:
            self.problem(f"{label}: answered {response.status}")
        if response.seconds > self.timeout:
            self.problem(f"{label}: took {response.seconds:.1f} s (timeout {self.timeout} s)")
        return response

    def check_markup(self, label: str, response: Response | None, payloads=()) -> None:
        if response is None or "html" not in response.headers.get("content-type", ""):
            return
        finder = MarkupFinder(page_nonce(response))
        finder.feed(response.text)
        for found in finder.found:
            self.problem(f"{label}: executable markup in the page: {found}")
        for payload in payloads:
            if "<" in payload and payload in response.text:
                self.problem(f"{label}: payload reflected unescaped: {payload[:80]!r}")

    # The runs ---------------------------------------------------------------------------

    def baseline(self, slug: str) -> None:
        """The site's own pages pass the markup check: what it finds later came from input."""
        for path in ["/", "/metoder/", f"/metoder/{slug}/", "/sok/?q=samtal"]:
            response = self.send(f"baseline {path}", lambda p=path: self.member.get(p))
            if response is None or response.status != 200:
                raise SystemExit(f"baseline {path} did not answer 200")
            self.check_markup(f"baseline {path}", response)

    def search(self) -> None:
        for number, payload in enumerate(PAYLOADS):
            path = "/sok/?" + urllib.parse.urlencode({"q": payload})
            client = self.member if number % 2 else self.anonymous
            response = self.send(f"search #{number}", lambda p=path, c=client: c.get(p))
            self.check_markup(f"search #{number}", response, [payload])
            # gunicorn refuses a request line over its limit (a search of 5 kB and more).
            too_long = len(f"GET {path} HTTP/1.1") > self.limit_request_line
            allowed = {414} if too_long else {200, 400}
            if response is not None and response.status not in allowed:
                self.problem(f"search #{number}: answered {response.status}")

    def comments(self, slug: str) -> None:
        page = self.member.get(f"/metoder/{slug}/")
        form = form_with(page.text, "body", "/kommentarer/")
        fields = [(k, v) for k, v in form_defaults(form) if k != "body"]
        saved = 0
        for number, payload in enumerate(PAYLOADS):
            response = self.send(
                f"comment #{number}",
                lambda p=payload: self.member.post(form["action"], [*fields, ("body", p)]),
            )
            if response is None:
                continue
            if response.status == 302 and "#kommentar-" in response.location:
                saved += 1
            elif response.status == 400:  # the form again, with a message
                self.check_markup(f"comment form #{number}", response, [payload])
            else:
                self.problem(f"comment #{number}: answered {response.status}")
        print(f"  {saved} comments saved, {len(PAYLOADS) - saved} answered with a message")
        if not saved:
            self.problem("no comment was saved: nothing was shown again to check")
        shown = self.send("method page with comments", lambda: self.member.get(f"/metoder/{slug}/"))
        # Rendered as markdown: allowed markup comes back as markup, so what counts is what
        # a browser would run, not whether the text reappears.
        self.check_markup("method page with comments", shown)

    def methods(self) -> None:
        page = self.member.get("/metoder/ny/")
        form = form_with(page.text, "title", "")
        choices: dict[str, str] = {}
        for f in form["fields"]:
            if f["type"] in {"checkbox", "radio"}:
                choices.setdefault(f["name"], f["value"])
        keep = [
            (k, v)
            for k, v in form_defaults(form)
            if k not in {"title", "summary", "body", "purpose"}
        ]
        drafts = []
        for number, payload in enumerate(PAYLOADS):
            data = [
                *keep,
                ("title", f"Granskning {number} {payload}"[:150]),
                ("summary", f"Sammanfattning {number}: {payload}"),
                ("purpose", payload),
                ("body", f"# Rubrik {number}\n\n{payload}\n\nSlut."),
                *[(name, value) for name, value in choices.items()],
                ("fortsatt", ""),
            ]
            response = self.send(
                f"method #{number}", lambda d=data: self.member.post("/metoder/ny/", d)
            )
            if response is None:
                continue
            found = re.match(r"/metoder/([^/]+)/redigera/", response.location)
            if response.status == 302 and found:
                drafts.append((number, found.group(1), payload))
            elif response.status in (200, 400):  # the form again, with a message
                self.check_markup(f"method form #{number}", response, [payload])
            else:
                self.problem(f"method #{number}: answered {response.status} {response.location}")
        # Every tenth draft is read back on its own page (the draft's author may see it).
        for number, slug, _payload in drafts[::10]:
            shown = self.send(f"draft #{number}", lambda s=slug: self.member.get(f"/metoder/{s}/"))
            self.check_markup(f"draft #{number}", shown)
        refused = len(PAYLOADS) - len(drafts)
        print(f"  {len(drafts)} drafts saved, {refused} answered with the form and a message")

    def nul(self, slug: str) -> None:
        comment_form = form_with(self.member.get(f"/metoder/{slug}/").text, "body", "/kommentarer/")
        comment_fields = [(k, v) for k, v in form_defaults(comment_form) if k != "body"]
        cases = [
            ("search query", lambda: self.anonymous.get("/sok/?q=disk%00")),
            ("list filter", lambda: self.anonymous.get("/metoder/?q=a%00b")),
            ("query key", lambda: self.anonymous.get("/foretag/?%00=1")),
            ("method path", lambda: self.anonymous.get("/metoder/%00/")),
            ("invitation path", lambda: self.anonymous.get("/foretag/inbjudan/%00/")),
            ("signed-in search", lambda: self.member.get("/sok/?q=%00")),
            (
                "comment body",
                lambda: self.member.post(
                    comment_form["action"], [*comment_fields, ("body", "hej\x00då")]
                ),
            ),
            (
                "preview",
                lambda: self.member.post(
                    "/markdownx/markdownify/",
                    [("content", "a\x00b"), ("csrfmiddlewaretoken", self.member.csrf_token())],
                ),
            ),
            (
                "login form",
                lambda: self.anonymous.post(
                    "/konto/login/", [("login", "a\x00@example.se"), ("password", "x")]
                ),
            ),
        ]
        for label, call in cases:
            response = self.send(f"NUL in {label}", call)
            if response is not None and response.status != 400:
                self.problem(f"NUL in {label}: answered {response.status}, not 400")

    def pathological(self, slug: str) -> None:
        comment_form = form_with(self.member.get(f"/metoder/{slug}/").text, "body", "/kommentarer/")
        fields = [(k, v) for k, v in form_defaults(comment_form) if k != "body"]
        for label, text in PATHOLOGICAL.items():
            comment = self.send(
                f"comment: {label}",
                lambda t=text: self.member.post(comment_form["action"], [*fields, ("body", t)]),
            )
            preview = self.send(
                f"preview: {label}",
                lambda t=text: self.member.post(
                    "/markdownx/markdownify/",
                    [("content", t), ("csrfmiddlewaretoken", self.member.csrf_token())],
                ),
            )
            for kind, response, allowed in (
                ("comment", comment, {302, 400}),
                ("preview", preview, {200, 400}),
            ):
                if response is None:
                    continue
                print(f"  {kind}: {label}: {response.status} in {response.seconds:.2f} s")
                if response.status not in allowed:
                    self.problem(f"{kind}: {label}: answered {response.status}")
                self.check_markup(f"{kind}: {label}", response)


def prepare(work: Path) -> tuple[dict[str, str], str]:
    static_root = str(work / "static")
    env = production_env(
        f"sqlite:///{work / 'audit.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        DJANGO_SETTINGS_MODULE="handbook_site.settings",
        **NO_RATE_LIMITS,
    )
    demo_site(env, static_root)
    return env, static_root


def http_audit() -> int:
    started = time.monotonic()
    gunicorn = gunicorn_settings()
    timeout = int(gunicorn["timeout"])
    work = Path(tempfile.mkdtemp(prefix="kh-audit-"))
    server = None
    try:
        print("== scratch SQLite database: migrate, seed_demo, collectstatic", flush=True)
        env, static_root = prepare(work)
        server = start_gunicorn(env, static_root, work / "gunicorn.log", workers=2, threads=4)
        print(f"== gunicorn {server.process.pid} on {server.base} (gunicorn.conf.py)", flush=True)
        audit = Audit(server.base, timeout, int(gunicorn["limit_request_line"]))
        signed_in = audit.member.login(MEMBER, DEMO_PASSWORD)
        if signed_in.status != 302:
            raise SystemExit(f"signing in as {MEMBER} answered {signed_in.status}")
        listing = audit.member.get("/metoder/")
        slugs = re.findall(r'href="/metoder/([a-z0-9-]+)/"', listing.text)
        slug = next(s for s in slugs if s != "ny")  # a published method, not the new-method form
        steps = [
            ("baseline pages", lambda: audit.baseline(slug)),
            (f"{len(PAYLOADS)} XSS payloads: search", audit.search),
            (f"{len(PAYLOADS)} XSS payloads: comments", lambda: audit.comments(slug)),
            (f"{len(PAYLOADS)} XSS payloads: new methods", audit.methods),
            ("NUL characters", lambda: audit.nul(slug)),
            ("pathological markdown", lambda: audit.pathological(slug)),
        ]
        for title, step in steps:
            print(f"== {title} ({time.monotonic() - started:.0f} s)", flush=True)
            step()
        if server.process.poll() is not None:
            audit.problem("gunicorn exited during the run")
        crashed = [line for line in server.log_tail(400).splitlines() if "WORKER TIMEOUT" in line]
        for line in crashed:
            audit.problem(f"gunicorn: {line}")
        print(
            f"== {audit.requests} requests in {time.monotonic() - started:.0f} s, slowest answer "
            f"{audit.slowest:.2f} s (gunicorn timeout {timeout} s), {len(audit.problems)} problems"
        )
        if audit.problems:
            print(server.log_tail(20))
            return 1
        print("== audit passed")
        return 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def pypi_newest(name: str) -> tuple[str, list[dict]] | None:
    url = f"https://pypi.org/pypi/{urllib.parse.quote(name)}/json"
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - fixed https URL
            data = json.load(answer)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return data["info"]["version"], data.get("vulnerabilities") or []


def deps_audit(report_path: str, unaudited_mode: str) -> int:
    try:
        report = json.loads(Path(report_path).read_text())
    except (OSError, ValueError) as error:
        print(f"pip-audit wrote no report ({error}): see its messages above")
        return 1
    vulnerable, not_audited, audited = [], [], 0
    skipped = [dep["name"] for dep in report["dependencies"] if "skip_reason" in dep]
    with ThreadPoolExecutor(max_workers=8) as pool:
        newest_of = dict(zip(skipped, pool.map(pypi_newest, skipped), strict=True))
    for dep in report["dependencies"]:
        name = dep["name"]
        version = dep.get("version") or re.search(r"\(([^()]*)\)$", dep["skip_reason"]).group(1)
        if "skip_reason" not in dep:
            audited += 1
            vulnerable += [(name, version, v["id"], v.get("fix_versions")) for v in dep["vulns"]]
            continue
        newest = newest_of[name]
        if newest is None or newest[0] != version:
            not_audited.append(f"{name} {version}" + (f" (newest {newest[0]})" if newest else ""))
            continue
        audited += 1
        vulnerable += [(name, version, v["id"], v.get("fixed_in")) for v in newest[1]]
    print(f"{audited} of {len(report['dependencies'])} locked packages audited")
    for name, version, vuln, fixed in vulnerable:
        print(f"VULNERABLE: {name} {version}: {vuln} (fixed in {', '.join(fixed or []) or '?'})")
    if not_audited:
        print(
            f"NOT AUDITED ({len(not_audited)}; PyPI did not answer for these releases): "
            + ", ".join(not_audited)
        )
    if vulnerable:
        return 1
    if not_audited and unaudited_mode == "fail":
        print("failing: packages could not be audited (AUDIT_UNAUDITED=warn to only list them)")
        return 1
    print("no known vulnerabilities" + (" in the audited packages" if not_audited else ""))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("http", help="the hostile-input run against gunicorn")
    deps = sub.add_parser("deps", help="judge pip-audit's JSON report")
    deps.add_argument("report")
    deps.add_argument("--unaudited", choices=["fail", "warn"], default="fail")
    args = parser.parse_args()
    if args.command == "deps":
        return deps_audit(args.report, args.unaudited)
    return http_audit()


if __name__ == "__main__":
    sys.exit(main())
