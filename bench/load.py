"""Load test: gunicorn on PostgreSQL under many signed-in clients reading and writing at once.

    bash bench/load.sh --clients 50 --seconds 60 [--restart-db-at 20 --outage 5]

Creates the scratch database kh_load_run (drops it first), migrates, loads the demo handbook,
adds one member of Kafé Kompassen per client, and starts gunicorn with production settings
(DEBUG off, mail queued in the database). Every client signs in through allauth's real login
form and then, until the time is up, reads pages (home, list, facets, method pages, search,
some as an anonymous visitor), comments on published methods and writes method drafts through
the submission wizard (the basics step, then the phases step). A write counts as acknowledged
when the server answered the redirect that says it is saved; the client keeps the unique text it
wrote. Afterwards the database must hold every acknowledged write exactly once, and no method
may be half written (a draft without its revision or target roles, phases without steps).

With --restart-db-at S PostgreSQL is stopped S seconds in, kept down --outage seconds and
started again, with gunicorn left running: during the outage the answers must be the 503 page,
quickly; afterwards requests must succeed again without restarting anything.

No 5xx is allowed outside the outage (and no 500 at all), and no 429: the rate limits are set
high for the run (COMMENT_RATE_LIMIT, RATELIMIT_SEARCH, ACCOUNT_RATE_LIMIT_LOGIN*), since 60
clients from one address would otherwise meet them by design. Prints a summary and writes JSON
to bench/results/. Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import (  # noqa: E402
    ROOT,
    Client,
    ensure_pg_running,
    form_defaults,
    form_with,
    fresh_database,
    pg_cluster_command,
    pg_is_ready,
    production_env,
    start_gunicorn,
)

DATABASE = "kh_load_run"
USER_PASSWORD = "last-test-losen-2026"  # noqa: S105 - throw-away users in a scratch database
USER_DOMAIN = "load.example"
# The rate limits are features, not failures; a load run from one address turns them off.
NO_RATE_LIMITS = {
    "COMMENT_RATE_LIMIT": "1000000",
    "RATELIMIT_SEARCH": "0",
    "RATELIMIT_UPLOAD": "0",
    "ACCOUNT_RATE_LIMIT_LOGIN": "1000000/m/ip",
    "ACCOUNT_RATE_LIMIT_LOGIN_FAILED": "1000000/m/ip,1000000/m/key",
}
# What a client does next: (action, weight). Reads dominate, as on the real site.
MIX = [
    ("home", 2), ("list", 3), ("facet", 3), ("detail", 5), ("search", 2), ("anonymous", 3),
    ("comment", 2), ("draft", 1),
]  # fmt: skip
SEARCH_WORDS = ["handledare", "fadder", "bild", "samtal", "kök", "språk", "uppföljning"]


@dataclass
class Record:
    start: float  # seconds since the load began
    seconds: float
    action: str
    status: int  # 0: no answer (connection refused or reset, timeout)


@dataclass
class Ack:
    kind: str  # comment, draft, draft_step
    text: str  # the unique text written
    detail: dict = field(default_factory=dict)


@dataclass
class Shared:
    base: str
    t0: float
    stop_at: float
    slugs: list[str]
    facets: list[str]
    records: list[Record] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.t0


class LoadClient(threading.Thread):
    def __init__(self, number: int, shared: Shared, seed: int, delay: float = 0.0):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number = number
        self.shared = shared
        self.random = random.Random(seed)
        self.http = Client(shared.base, timeout=30)
        self.anonymous = Client(shared.base, timeout=30)
        self.email = f"last{number:03d}@{USER_DOMAIN}"
        self.count = 0
        self.crashes = 0
        self.delay = delay
        self.drafts: list[str] = []  # slugs of this client's drafts

    def _timed(self, action: str, call, client: Client | None = None):
        start = self.shared.now()
        try:
            response = call(client or self.http)
        except OSError as error:
            self._record(Record(start, self.shared.now() - start, action, 0))
            self._problem(f"{action}: {type(error).__name__}: {error}")
            return None
        self._record(Record(start, response.seconds, action, response.status))
        if response.status == 500 or response.status == 429:
            self._problem(f"{action} answered {response.status}")
        return response

    def _record(self, record: Record) -> None:
        with self.shared.lock:
            self.shared.records.append(record)

    def _problem(self, text: str) -> None:
        with self.shared.lock:
            if len(self.shared.problems) < 200:
                self.shared.problems.append(f"{self.name} t={self.shared.now():.1f}: {text}")

    def _ack(self, ack: Ack) -> None:
        with self.shared.lock:
            self.shared.acks.append(ack)

    def _unique(self, label: str) -> str:
        self.count += 1
        return f"{label} k{self.number} n{self.count} {uuid.uuid4().hex[:10]}"

    def run(self) -> None:
        time.sleep(self.delay)
        # Sign in (again, if the database was down at the first try).
        while self.shared.now() < self.shared.stop_at and not self._login():
            time.sleep(0.5)
        actions, weights = zip(*MIX, strict=True)
        while self.shared.now() < self.shared.stop_at:
            action = self.random.choices(actions, weights)[0]
            try:
                getattr(self, f"do_{action}")()
            except Exception as error:  # a page without the expected form, say: keep going
                self.crashes += 1
                self._problem(f"{action} raised {type(error).__name__}: {error}")

    def _login(self) -> bool:
        """allauth's real login form: the page sets the CSRF cookie, the form carries it."""
        page = self._timed("login_form", lambda c: c.get("/konto/login/"))
        if page is None or page.status != 200:
            return False
        form = form_with(page.text, "password", "/konto/login/")
        data = [(k, v) for k, v in form_defaults(form) if k not in {"login", "password"}]
        data += [("login", self.email), ("password", USER_PASSWORD)]
        answer = self._timed("login", lambda c: c.post("/konto/login/", data))
        return answer is not None and answer.status == 302 and answer.location == "/"

    def do_home(self) -> None:
        self._timed("home", lambda c: c.get("/"))

    def do_list(self) -> None:
        self._timed("list", lambda c: c.get(f"/metoder/?sida={self.random.randint(1, 2)}"))

    def do_facet(self) -> None:
        self._timed("facet", lambda c: c.get("/metoder/?" + self.random.choice(self.shared.facets)))

    def do_detail(self) -> None:
        slug = self.random.choice(self.shared.slugs)
        self._timed("detail", lambda c: c.get(f"/metoder/{slug}/"))

    def do_search(self) -> None:
        word = self.random.choice(SEARCH_WORDS)
        self._timed("search", lambda c: c.get(f"/sok/?q={quote(word)}"))

    def do_anonymous(self) -> None:
        path = self.random.choice(
            ["/", "/metoder/", f"/metoder/{self.random.choice(self.shared.slugs)}/"]
        )
        self._timed("anonymous", lambda c: c.get(path), self.anonymous)

    def do_comment(self) -> None:
        slug = self.random.choice(self.shared.slugs)
        page = self._timed("detail", lambda c: c.get(f"/metoder/{slug}/"))
        if page is None or page.status != 200:
            return
        form = form_with(page.text, "body", "/kommentarer/")
        text = self._unique("Lastkommentar")
        data = [(k, v) for k, v in form_defaults(form) if k != "body"] + [("body", text)]
        answer = self._timed("comment", lambda c: c.post(form["action"], data))
        if answer is None:
            return
        found = re.search(r"#kommentar-(\d+)$", answer.location)
        if answer.status == 302 and found:
            self._ack(Ack("comment", text, {"pk": int(found.group(1)), "slug": slug}))
        elif answer.status not in (503,):
            self._problem(f"comment answered {answer.status} {answer.location}")

    def do_draft(self) -> None:
        """A new draft through the wizard's first step, then its phases and roles."""
        page = self._timed("draft_form", lambda c: c.get("/metoder/ny/"))
        if page is None or page.status != 200:
            return
        form = form_with(page.text, "title", "")
        title = self._unique("Lastmetod")
        choices: dict[str, list[str]] = {}
        for f in form["fields"]:
            if f["type"] in {"checkbox", "radio"}:
                choices.setdefault(f["name"], []).append(f["value"])
        data = [(k, v) for k, v in form_defaults(form) if k not in {"title", "summary", "body"}]
        data += [
            ("title", title),
            ("summary", f"Sammanfattning av {title}. Två meningar om vad metoden ger."),
            ("purpose", "Att pröva servern under last."),
            ("body", f"# {title}\n\nSå här gör ni, steg för steg."),
            ("learning_form", self.random.choice(choices["learning_form"])),
            ("competence_areas", self.random.choice(choices["competence_areas"])),
            ("business_lines", self.random.choice(choices["business_lines"])),
            ("target_roles", self.random.choice(choices["target_roles"])),
            ("fortsatt", ""),
        ]
        data = [(k, v) for k, v in data if not (k == "purpose" and v == "")]
        answer = self._timed("draft_create", lambda c: c.post("/metoder/ny/", data))
        if answer is None:
            return
        found = re.fullmatch(r"/metoder/([a-z0-9-]+)/redigera/faser/", answer.location)
        if answer.status != 302 or not found:
            if answer.status != 503:
                self._problem(f"draft answered {answer.status} {answer.location}")
            return
        slug = found.group(1)
        self._ack(Ack("draft", title, {"slug": slug}))
        self._phases(slug)

    def _phases(self, slug: str) -> None:
        path = f"/metoder/{slug}/redigera/faser/"
        page = self._timed("draft_form", lambda c: c.get(path))
        if page is None or page.status != 200:
            return
        form = form_with(page.text, "phases", "")
        # The phase checkbox comes first in its fieldset, then the role boxes of that phase.
        fields = form["fields"]
        index = self.random.choice([i for i, f in enumerate(fields) if f["name"] == "phases"])
        phase = fields[index]["value"]
        box = next(f["name"] for f in fields[index:] if f["name"].startswith("steg_"))
        text = self._unique("Laststeg")
        data = [(k, v) for k, v in form_defaults(form) if k != box]
        data += [("phases", phase), (box, text), ("fortsatt", "")]
        answer = self._timed("draft_step", lambda c: c.post(path, data))
        if answer is None:
            return
        if answer.status == 302 and answer.location == f"/metoder/{slug}/redigera/praktiskt/":
            self._ack(Ack("draft_step", text, {"slug": slug, "box": box}))
        elif answer.status != 503:
            self._problem(f"phases step answered {answer.status} {answer.location}")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def prepare_users(clients: int) -> None:
    """One verified member of Kafé Kompassen per client (one password hash for all: hashing
    60 times would take longer than the setup of everything else)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from companies.models import Company, Membership

    company = Company.objects.get(slug="kafe-kompassen")
    password = make_password(USER_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"last{n:03d}@{USER_DOMAIN}",
                display_name=f"Lastklient {n}",
                password=password,
            )  # fmt: skip
            for n in range(clients)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Membership.objects.bulk_create([Membership(user=u, company=company) for u in users])


def site_paths() -> tuple[list[str], list[str]]:
    """Published method slugs, and facet queries built from the phases and areas."""
    from methods.models import CompetenceArea, Method, Phase

    slugs = list(Method.objects.published().values_list("slug", flat=True))
    facets = [f"fas={slug}" for slug in Phase.objects.values_list("slug", flat=True)]
    facets += [f"omrade={slug}" for slug in CompetenceArea.objects.values_list("slug", flat=True)]
    return slugs, facets


def check_database(acks: list[Ack]) -> dict:
    """Every acknowledged write exactly once; no half-written method."""
    from django.db import connection
    from django.db.models import Count

    from methods.models import Comment, Method, MethodStep

    connection.close()  # the connection from before a restart is gone
    missing, duplicated = [], []
    for ack in acks:
        if ack.kind == "comment":
            rows = Comment.objects.filter(body=ack.text)
            ok = [c.pk for c in rows] == [ack.detail["pk"]]
        elif ack.kind == "draft":
            rows = Method.objects.filter(title=ack.text)
            ok = [m.slug for m in rows] == [ack.detail["slug"]]
        else:
            rows = MethodStep.objects.filter(text=ack.text)
            ok = [s.method.slug for s in rows] == [ack.detail["slug"]]
        count = rows.count()
        if count == 0:
            missing.append(ack.text)
        elif count > 1 or not ok:
            duplicated.append(ack.text)

    methods = (
        Method.objects.filter(author__email__endswith="@" + USER_DOMAIN)
        .annotate(
            n_revisions=Count("revisions", distinct=True),
            n_roles=Count("target_roles", distinct=True),
            n_areas=Count("competence_areas", distinct=True),
            n_lines=Count("business_lines", distinct=True),
            n_phases=Count("phases", distinct=True),
            n_steps=Count("steps", distinct=True),
        )
        .order_by("pk")
    )
    half_written = []
    for m in methods:
        complete = (
            m.n_revisions == m.version
            and m.n_roles == 1
            and m.n_areas == 1
            and m.n_lines == 1
            and (
                (m.wizard_step == "faser" and m.n_phases == 0 and m.n_steps == 0)
                or (m.wizard_step == "praktiskt" and m.n_phases == 1 and m.n_steps == 1)
            )
        )
        if not complete:
            half_written.append(
                f"{m.slug}: version {m.version}, revisions {m.n_revisions}, roles {m.n_roles}, "
                f"areas {m.n_areas}, lines {m.n_lines}, step {m.wizard_step}, "
                f"phases {m.n_phases}, steps {m.n_steps}"
            )
    comments = Comment.objects.filter(author__email__endswith="@" + USER_DOMAIN)
    return {
        "acknowledged": Counter(a.kind for a in acks),
        "found": len(acks) - len(missing) - len(duplicated),
        "missing": missing[:20],
        "duplicated": duplicated[:20],
        "methods_in_database": methods.count(),
        "comments_in_database": comments.count(),
        "half_written": half_written[:20],
    }


def restart_database(shared: Shared, at: float, outage: float, events: dict) -> None:
    time.sleep(max(0.0, shared.t0 + at - time.monotonic()))
    events["stop_requested"] = shared.now()
    pg_cluster_command("stop")
    events["stopped"] = shared.now()
    time.sleep(outage)
    events["start_requested"] = shared.now()
    pg_cluster_command("start")
    while not pg_is_ready():
        time.sleep(0.1)
    events["ready"] = shared.now()


def summarise(records: list[Record], seconds: float, events: dict) -> dict:
    by_status = Counter(r.status for r in records)
    latencies = [r.seconds for r in records if r.status]
    summary = {
        "requests": len(records),
        "requests_per_second": round(len(records) / seconds, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 50) * 1000, 1),
            "p90": round(percentile(latencies, 90) * 1000, 1),
            "p99": round(percentile(latencies, 99) * 1000, 1),
            "max": round(max(latencies, default=0) * 1000, 1),
        },
        "statuses": {str(k): v for k, v in sorted(by_status.items())},
        "by_action": {
            action: {
                "requests": len(rows),
                "p50_ms": round(statistics.median(r.seconds for r in rows) * 1000, 1),
                "statuses": {str(k): v for k, v in sorted(Counter(r.status for r in rows).items())},
            }
            for action in sorted({r.action for r in records})
            if (rows := [r for r in records if r.action == action])
        },
    }
    if events:
        stop, ready = events["stop_requested"], events["ready"]
        end = lambda r: r.start + r.seconds  # noqa: E731
        unavailable = [r for r in records if r.status == 503]
        during = [r for r in records if r.start < ready and end(r) > stop]
        after = [r for r in records if r.start >= ready]
        first_ok = min((end(r) for r in after if 200 <= r.status < 400), default=None)
        last_503 = max((end(r) for r in unavailable), default=None)
        # Requests sent while PostgreSQL was down: their latency is the 503's own, without time
        # queued behind other requests from before the outage.
        sent_during = [r for r in unavailable if stop <= r.start < ready]
        first_ok_after_start = min(
            (
                end(r)
                for r in records
                if r.start >= events["start_requested"] and 200 <= r.status < 400
            ),
            default=None,
        )
        summary["outage"] = {
            "postgres_stopped_at_s": round(events["stopped"], 2),
            "postgres_ready_at_s": round(ready, 2),
            "outage_seconds": round(ready - stop, 2),
            "requests_during_outage": len(during),
            "statuses_during_outage": {
                str(k): v for k, v in sorted(Counter(r.status for r in during).items())
            },
            "503_count": len(unavailable),
            "503_latency_ms": {
                "p50": round(percentile([r.seconds for r in unavailable], 50) * 1000, 1),
                "p99": round(percentile([r.seconds for r in unavailable], 99) * 1000, 1),
                "max": round(max((r.seconds for r in unavailable), default=0) * 1000, 1),
            },
            "503_sent_during_outage_latency_ms": {
                "count": len(sent_during),
                "p50": round(percentile([r.seconds for r in sent_during], 50) * 1000, 1),
                "p99": round(percentile([r.seconds for r in sent_during], 99) * 1000, 1),
                "max": round(max((r.seconds for r in sent_during), default=0) * 1000, 1),
            },
            "postgres_start_requested_at_s": round(events["start_requested"], 2),
            "first_success_after_start_requested_s": (
                round(first_ok_after_start - events["start_requested"], 2)
                if first_ok_after_start is not None
                else None
            ),
            "first_success_after_ready_s": (
                round(first_ok - ready, 2) if first_ok is not None else None
            ),
            "last_503_after_ready_s": round(last_503 - ready, 2) if last_503 else None,
            "statuses_after_recovery": {
                str(k): v
                for k, v in sorted(Counter(r.status for r in after if r.start >= ready + 5).items())
            },
        }
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-db-at", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--outage", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument(
        "--ramp", type=float, default=5, help="seconds over which the clients arrive"
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--pid-file", default="", help="where to write gunicorn's process id")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    if args.restart_db_at is not None and args.restart_db_at + args.outage >= args.seconds - 10:
        parser.error("--restart-db-at + --outage must end at least 10 s before --seconds")

    work = Path(tempfile.mkdtemp(prefix="kh-load-"))
    static_root = str(work / "static")
    database_url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    env = production_env(database_url, MEDIA_ROOT=str(work / "media"), **NO_RATE_LIMITS)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "handbook_site.settings"
    ensure_pg_running()

    setup_start = time.monotonic()
    print(f"== {DATABASE}: migrate, seed_demo, {args.clients} client users, collectstatic")
    fresh_database(DATABASE, env, static_root)
    import django

    django.setup()
    prepare_users(args.clients)
    slugs, facets = site_paths()
    from django.db import connection

    connection.close()
    setup_seconds = time.monotonic() - setup_start

    server = None

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    events: dict = {}
    try:
        server = start_gunicorn(
            env, static_root, work / "gunicorn.log", workers=args.workers, threads=args.threads
        )
        if args.pid_file:
            Path(args.pid_file).write_text(str(server.process.pid))
        print(
            f"== gunicorn {server.process.pid} on {server.base}: {args.workers} workers x "
            f"{args.threads} threads; {args.clients} clients for {args.seconds:g} s"
            + (
                f"; PostgreSQL stopped at {args.restart_db_at:g} s for {args.outage:g} s"
                if args.restart_db_at is not None
                else ""
            )
        )
        t0 = time.monotonic()
        shared = Shared(server.base, t0, args.seconds, slugs, facets)
        clients = [
            LoadClient(n, shared, seed=n, delay=args.ramp * n / args.clients)
            for n in range(args.clients)
        ]
        for client in clients:
            client.start()
        restarter = None
        if args.restart_db_at is not None:
            restarter = threading.Thread(
                target=restart_database,
                args=(shared, args.restart_db_at, args.outage, events),
                daemon=True,
            )
            restarter.start()
        for client in clients:
            client.join(timeout=args.seconds + 120)
        if restarter:
            restarter.join(timeout=60)
        elapsed = time.monotonic() - t0
        healthy_after = Client(server.base).get("/healthz").status
        gunicorn_pid_unchanged = server.process.poll() is None
    finally:
        if server:
            server.stop()
        ensure_pg_running()

    ensure_pg_running()
    summary = summarise(shared.records, elapsed, events)
    database = check_database(shared.acks)
    log_lines = server.log_tail(100000).splitlines()
    log_errors = [line for line in log_lines if "Traceback" in line or "ERROR" in line]
    log_unavailable = sum(1 for line in log_lines if "Database unavailable on" in line)
    outside = [
        r
        for r in shared.records
        if r.status >= 500
        and not (
            events
            and r.start < events["ready"] + 1
            and r.start + r.seconds > events["stop_requested"]
        )
    ]
    outside_outage_5xx = len(outside)
    statuses = Counter(r.status for r in shared.records)
    checks = {
        "no_500": statuses[500] == 0,
        "no_429": statuses[429] == 0,
        "no_5xx_outside_outage": outside_outage_5xx == 0,
        "no_failed_connections": statuses[0] == 0,
        "no_client_errors": sum(c.crashes for c in clients) == 0,
        "every_acknowledged_write_found_once": database["found"] == len(shared.acks),
        "no_half_written_methods": not database["half_written"],
        "healthz_200_after_run": healthy_after == 200,
        "gunicorn_never_restarted": gunicorn_pid_unchanged,
    }
    if events:
        outage = summary["outage"]
        checks["only_503_during_outage"] = set(outage["statuses_during_outage"]) <= {
            "200", "302", "503"
        }  # fmt: skip
        checks["503_fast"] = outage["503_sent_during_outage_latency_ms"]["max"] < 5000
        checks["recovered_without_restart"] = outage[
            "first_success_after_ready_s"
        ] is not None and set(outage["statuses_after_recovery"]) <= {"200", "302"}
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "postgresql",
        "server": f"gunicorn gthread, {args.workers} workers x {args.threads} threads",
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "setup_seconds": round(setup_seconds, 1),
        "restart_db_at": args.restart_db_at,
        **summary,
        "writes": {
            "acknowledged": len(shared.acks),
            "by_kind": dict(database["acknowledged"]),
            "found_exactly_once": database["found"],
            "missing": database["missing"],
            "duplicated": database["duplicated"],
            "half_written_methods": database["half_written"],
            "methods_in_database": database["methods_in_database"],
            "comments_in_database": database["comments_in_database"],
        },
        "5xx_outside_outage": [
            {
                "start_s": round(r.start, 2),
                "seconds": round(r.seconds, 2),
                "action": r.action,
                "status": r.status,
            }
            for r in outside[:20]
        ],  # fmt: skip
        "client_problems": shared.problems[:50],
        "server_log_errors": log_errors[:20],
        "server_log_database_unavailable_lines": log_unavailable,
        "checks": checks,
        "passed": all(checks.values()),
    }
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    name = "load-restart" if events else "load"
    out = results / f"{name}-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_summary(result, out)
    return 0 if result["passed"] else 1


def print_summary(result: dict, out: Path) -> None:
    lat = result["latency_ms"]
    writes = result["writes"]
    print(
        f"\n{result['clients']} clients, {result['seconds']} s: {result['requests']} requests, "
        f"{result['requests_per_second']} req/s; latency p50 {lat['p50']} ms, p90 {lat['p90']} "
        f"ms, p99 {lat['p99']} ms, max {lat['max']} ms"
    )
    print(f"statuses: {result['statuses']}")
    for action, row in result["by_action"].items():
        print(f"  {action:<13} {row['requests']:>6}  p50 {row['p50_ms']:>7} ms  {row['statuses']}")
    print(
        f"writes acknowledged: {writes['acknowledged']} {writes['by_kind']}; found exactly once: "
        f"{writes['found_exactly_once']}; "
        f"half-written methods: {len(writes['half_written_methods'])}"
    )
    if "outage" in result:
        o = result["outage"]
        sent = o["503_sent_during_outage_latency_ms"]
        print(
            f"outage: PostgreSQL stopped at {o['postgres_stopped_at_s']} s, start requested at "
            f"{o['postgres_start_requested_at_s']} s, ready at {o['postgres_ready_at_s']} s "
            f"({o['outage_seconds']} s in all); answers meanwhile {o['statuses_during_outage']}\n"
            f"  503 answers: {o['503_count']}; the {sent['count']} sent during the outage took "
            f"p50 {sent['p50']} ms, p99 {sent['p99']} ms, max {sent['max']} ms\n"
            f"  first success {o['first_success_after_start_requested_s']} s after the start was "
            f"requested; last 503 {o['last_503_after_ready_s']} s after ready; "
            f"from 5 s after ready: {o['statuses_after_recovery']}"
        )
    for problem in result["client_problems"][:10]:
        print(f"  problem: {problem}")
    for line in result["server_log_errors"][:10]:
        print(f"  server log: {line}")
    failed = [name for name, ok in result["checks"].items() if not ok]
    print(f"checks: {'all passed' if not failed else 'FAILED: ' + ', '.join(failed)}")
    print(f"JSON: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    sys.exit(main())
