"""In-process measurement with Django's test client: warm-up, then median and p90 of timed runs,
and the SQL queries of one more request (counted apart so capturing does not skew the timings).

Two cache modes (`caches`): "warm" measures every anonymous page served from the page cache and
rendered with the page cache off but the reference caches warm (facet counts, vocabularies,
suggestions: what a rare URL between two changes costs); "off" replaces the cache backend with
DummyCache and turns the page cache off, so every request renders from the database alone, as
the peers do with DummyCache.
"""

from __future__ import annotations

import math
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from companies.models import Company
from methods.choices import Status
from methods.models import Method

from . import database, seeding, textgen

DUMMY_CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Who signs in: the seeder names a company's administrator, a member and an effort in bench_meta;
# a database seeded before it did gets them from _make_signed_in_data().
SIGNED_IN_KEYS = ("company_slug", "company_admin_email", "member_email", "effort_id")
MEMBER_EMAIL = "bench-medlem@example.org"
ADMIN_EMAIL = "bench-admin@example.org"
EFFORT_TITLE = "Bench-insats: introduktion av nyanställda"
EFFORT_METHODS = 3


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    # "" for an anonymous reader; "member", "admin" (of a company) or "editor": signed in,
    # never cached.
    user: str = ""
    # The anonymous page this is the signed-in view of, for the ratio signed-in / anonymous.
    anonymous: str = ""


@contextmanager
def caches_off():
    """Every cache off: DummyCache for the backend (facet counts, suggestions, vocabularies, the
    site version all come from the database each time) and the page cache off.

    override_settings(CACHES=...) only takes effect through django.test.signals'
    setting_changed receiver, which resets django.core.cache.caches; the site reads its cache
    through django.core.cache.cache (a proxy to caches["default"]), so checking the backend here
    proves the switch reached the code that matters."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.dummy import DummyCache

    with override_settings(CACHES=DUMMY_CACHES, PAGE_CACHE_SECONDS=0):
        # cache is a ConnectionProxy: its _connections is the handler that was reset.
        backend = cache._connections[cache._alias]
        if not isinstance(caches["default"], DummyCache) or not isinstance(backend, DummyCache):
            raise RuntimeError("the cache backend was not replaced by DummyCache")
        yield


def signed_in_data() -> dict:
    """The company, its administrator and member, and an effort the member is responsible for."""
    meta = database.read_meta()
    if all(meta.get(key) for key in SIGNED_IN_KEYS):
        return {
            "company": meta["company_slug"],
            "effort": int(meta["effort_id"]),
            "admin": meta["company_admin_email"],
            "member": meta["member_email"],
        }
    return _make_signed_in_data()


def _make_signed_in_data() -> dict:
    """The same people made here, once, in the first company (for older seeded databases)."""
    from allauth.account.models import EmailAddress

    from companies import efforts
    from companies.choices import MembershipRole
    from companies.models import Effort, Membership

    user_model = get_user_model()
    company = Company.objects.order_by("pk").first()
    people = {}
    for kind, email, role in (
        ("admin", ADMIN_EMAIL, MembershipRole.ADMIN),
        ("member", MEMBER_EMAIL, MembershipRole.MEMBER),
    ):
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model(email=email, display_name=f"Bench {kind}")
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Membership.objects.get_or_create(user=user, company=company, defaults={"role": role})
        people[kind] = user
    effort = Effort.objects.filter(company=company, title=EFFORT_TITLE).first()
    if effort is None:

        def save(new: Effort) -> None:
            new.title = EFFORT_TITLE
            new.goal = "Nyanställda ska kunna arbeta självständigt efter fyra veckor."
            new.save()
            new.methods.set(
                Method.objects.published()
                .order_by("pk")
                .values_list("pk", flat=True)[:EFFORT_METHODS]
            )
            new.responsible_members.set([people["member"]])

        effort = efforts.create_effort(company, people["admin"], save)
    return {
        "company": company.slug,
        "effort": effort.pk,
        "admin": ADMIN_EMAIL,
        "member": MEMBER_EMAIL,
    }


def default_pages(signed_in: bool = True) -> list[Page]:
    """The pages measured, with paths that depend on the data (last list page, a mid-range
    method), then the signed-in member's and editor's pages."""
    from django.conf import settings

    published = Method.objects.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
    count = published.count()
    last_page = max(1, math.ceil(count / settings.METHODS_PER_PAGE))
    slug = database.read_meta().get("detail_slug") or (
        published.order_by("pk").values_list("slug", flat=True)[count // 2] if count else "saknas"
    )
    word = textgen.SEARCH_WORD
    company_slug = database.read_meta().get("company_slug") or (
        Company.objects.order_by("pk").values_list("slug", flat=True).first()
    )
    pages = [
        Page("hello", "/_hello/"),
        Page("home", "/"),
        Page("phase", "/fas/genomforande/"),
        Page("list", "/metoder/"),
        Page("list-deep", f"/metoder/?sida={last_page}"),
        Page("list-facets", "/metoder/?fas=genomforande&form=i-arbetet"),
        Page("detail", f"/metoder/{slug}/"),
        Page("search", f"/sok/?q={word}"),
        Page("list-search", f"/metoder/?q={word}"),
        # The same 500 hits at every size from 10,000 (bench.textgen.FIXED_WORD).
        Page("search-fixed", f"/sok/?q={textgen.FIXED_WORD}"),
        Page("list-search-fixed", f"/metoder/?q={textgen.FIXED_WORD}"),
        Page("card", f"/metoder/{slug}/kort/"),
        Page("company", f"/foretag/{company_slug}/"),
        # The read API (/api/v1/): a full page of the list, and a method in full.
        Page("api-list", "/api/v1/methods/?fas=genomforande&page_size=100"),
        Page("api-detail", f"/api/v1/methods/{slug}/"),
    ]
    if not signed_in:
        return pages
    data = signed_in_data()
    company = f"/foretag/{data['company']}/"
    for user in ("member", "editor"):
        pages += [
            Page(f"{user}-detail", f"/metoder/{slug}/", user, "detail"),
            Page(f"{user}-list", "/metoder/", user, "list"),
            Page(f"{user}-search", f"/sok/?q={word}", user, "search"),
        ]
    pages += [
        Page("member-effort", f"{company}insatser/{data['effort']}/", "member"),
        Page("member-company", company, "member", "company"),
        Page("member-mypage", "/konto/profil/", "member"),
        Page("admin-effort", f"{company}insatser/{data['effort']}/", "admin"),
        Page("admin-company", company, "admin", "company"),
        Page("editor-desk", "/redaktion/", "editor"),
        Page("editor-overview", "/redaktion/oversikt/", "editor"),
    ]
    return pages


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p90 of 20 runs is the 18th fastest)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def editor_client() -> Client:
    client = Client()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = get_user_model().objects.get(email=seeding.EDITOR_EMAIL)
    # Production requires two-factor authentication of editors (MFA_REQUIRED_FOR_STAFF); the
    # benchmark's editor has it, as a real one would, so the desk is measured, not a redirect.
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def client_for(user: str) -> Client:
    """A client signed in as "member" or "admin" (of the company) or "editor"; "" anonymous."""
    if user == "editor":
        return editor_client()
    client = Client()
    if user:
        client.force_login(get_user_model().objects.get(email=signed_in_data()[user]))
    return client


def session_cookie(user: str) -> str:
    """'name=value' of a signed-in session, for wrk's Cookie header (bench/http.sh). Sessions
    live in the database, so a gunicorn with the same secret key accepts it."""
    from django.conf import settings

    client = client_for(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _time(client: Client, path: str, runs: int, warmup: int) -> dict:
    # The first request's queries are counted too: with every cache off it must run as many as
    # the last one (nothing kept between requests), with caches on it shows the cold cost.
    # The query log still holds the previous capture's queries; when it is emptied during the
    # request (seen here), a capture that started from that length misses as many queries.
    # Emptying it first makes every capture start at zero.
    reset_queries()
    with CaptureQueriesContext(connection) as first:
        started = time.perf_counter()
        response = client.get(path)
        first_ms = (time.perf_counter() - started) * 1000
    for _ in range(max(0, warmup - 1)):
        client.get(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        _ = response.content
        times.append((time.perf_counter() - started) * 1000)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "first_ms": round(first_ms, 2),
        "first_queries": len(first.captured_queries),
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(percentile(times, 0.9), 2),
        "min_ms": round(min(times), 2),
        "queries": len(captured.captured_queries),
        # Time inside the database driver during that one request (the rest is Python: ORM,
        # templates, middleware).
        "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 2),
    }


def _paired_ratio(anonymous: tuple[Client, str], signed_in: tuple[Client, str], runs: int) -> float:
    """A signed-in page's median time over its anonymous page's, the two requested in turn
    (anonymous, signed in, anonymous, ...) so that both meet the same machine. Measured one
    after the other, minutes apart, the same code gave 1.14x to 1.70x on a machine whose speed
    drifts from one minute to the next (docs/performance.md)."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for (client, path), times in zip((anonymous, signed_in), samples, strict=True):
            started = time.perf_counter()
            _ = client.get(path).content
            times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples[1]) / statistics.median(samples[0]), 2)


def measure(pages: list[Page], runs: int = 20, warmup: int = 5, caches: str = "warm") -> list[dict]:
    """caches="warm": each anonymous page twice, rendered (page cache off, reference caches
    warm) and served (page cache on, what most readers get); a signed-in page is never cached,
    so it has one figure. caches="off": one figure per page, everything rendered with DummyCache
    (see caches_off)."""
    if caches not in ("warm", "off"):
        raise ValueError(f"caches must be 'warm' or 'off', not {caches!r}")
    clients: dict[str, Client] = {}
    by_label = {page.label: page for page in pages}
    rows = []
    for page in pages:
        for user in {page.user, ""}:
            if user not in clients:
                clients[user] = client_for(user)
        client = clients[page.user]
        anonymous = by_label.get(page.anonymous)
        x_anon = None
        with caches_off() if caches == "off" else override_settings(PAGE_CACHE_SECONDS=0):
            rendered = _time(client, page.path, runs, warmup)
            if anonymous is not None:
                x_anon = _paired_ratio((clients[""], anonymous.path), (client, page.path), runs)
        served = (
            rendered if caches == "off" or page.user else _time(client, page.path, runs, warmup)
        )
        rows.append(
            {
                "label": page.label,
                "path": page.path,
                "user": page.user,
                "anonymous": page.anonymous,
                **served,
                "render": rendered,
                "runs": runs,
                "caches": caches,
                # Over the anonymous rendered page, measured in turn with it (_paired_ratio).
                "x_anon": x_anon,
            }
        )
    return rows


def format_table(rows: list[dict]) -> str:
    """Served = from the page cache (anonymous pages, caches warm); rendered = page cache off.
    "x anon" = a signed-in page's time over the anonymous rendered time of the same page, the
    two requested in turn (_paired_ratio)."""
    lines = [
        f"{'page':<16} {'status':>6} {'bytes':>8} {'served ms':>10} {'p90':>7} {'q':>3} "
        f"{'rendered ms':>12} {'p90':>7} {'q':>3} {'sql ms':>7} {'x anon':>6}  path"
    ]
    for row in rows:
        render = row["render"]
        ratio = f"{row['x_anon']:>6.2f}" if row.get("x_anon") else f"{'':>6}"
        lines.append(
            f"{row['label']:<16} {row['status']:>6} {row['bytes']:>8} {row['median_ms']:>10.2f} "
            f"{row['p90_ms']:>7.2f} {row['queries']:>3} {render['median_ms']:>12.2f} "
            f"{render['p90_ms']:>7.2f} {render['queries']:>3} {render['sql_ms']:>7.2f} {ratio}  "
            f"{row['path']}"
        )
    return "\n".join(lines)


class _Rollback(Exception):
    pass


def handbook_pdf(methods: int) -> dict:
    """Build the whole-handbook PDF with `methods` published methods, then fetch it again.

    The benchmark database holds far more; inside a transaction that is rolled back, all but the
    first `methods` published methods are archived for the measurement. The stored PDF is
    removed afterwards, so the benchmark leaves nothing behind.
    """
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.test import Client

    from methods import printing

    result: dict = {"methods": methods}
    try:
        with transaction.atomic():
            keep = list(Method.objects.published().order_by("pk").values_list("pk", flat=True))
            Method.objects.published().exclude(pk__in=keep[:methods]).update(status=Status.ARCHIVED)
            from core.models import SiteVersion

            SiteVersion.objects.bump()
            # The build, as the worker runs it (a request only queues it, see printing.py).
            started = time.perf_counter()
            result["bytes"] = printing.build_and_store_handbook.call(
                version=printing.handbook_version()
            )
            result["first_s"] = round(time.perf_counter() - started, 3)
            # Then what every reader gets: the stored file.
            started = time.perf_counter()
            response = Client().get("/handbok.pdf")
            result["cached_s"] = round(time.perf_counter() - started, 3)
            result["cached_s_status"] = response.status_code
            result["served_bytes"] = len(response.content)
            result["stored"] = list(printing.stored_handbooks())
            for name in result["stored"]:
                default_storage.delete(name)
            raise _Rollback
    except _Rollback:
        pass
    return result
