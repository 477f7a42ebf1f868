"""In-process measurement with Django's test client: warm-up, then median and p90 of timed runs,
and the SQL queries of one more request (counted apart so capturing does not skew the timings).
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from methods.choices import Status
from methods.models import Method

from . import database, seeding, textgen


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    editor: bool = False  # requested by the signed-in editor


def default_pages() -> list[Page]:
    """The pages measured, with paths that depend on the data (last list page, a mid-range
    method)."""
    from django.conf import settings

    published = Method.objects.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
    count = published.count()
    last_page = max(1, math.ceil(count / settings.METHODS_PER_PAGE))
    slug = database.read_meta().get("detail_slug") or (
        published.order_by("pk").values_list("slug", flat=True)[count // 2] if count else "saknas"
    )
    word = textgen.SEARCH_WORD
    return [
        Page("hello", "/_hello/"),
        Page("home", "/"),
        Page("phase", "/fas/genomforande/"),
        Page("list", "/metoder/"),
        Page("list-deep", f"/metoder/?sida={last_page}"),
        Page("list-facets", "/metoder/?fas=genomforande&form=i-arbetet"),
        Page("detail", f"/metoder/{slug}/"),
        Page("search", f"/sok/?q={word}"),
        Page("list-search", f"/metoder/?q={word}"),
        Page("card", f"/metoder/{slug}/kort/"),
        Page("editor-desk", "/redaktion/", editor=True),
    ]


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


def _time(client: Client, path: str, runs: int, warmup: int) -> dict:
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
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "first_ms": round(first_ms, 2),
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(percentile(times, 0.9), 2),
        "min_ms": round(min(times), 2),
        "queries": len(captured.captured_queries),
        # Time inside the database driver during that one request (the rest is Python: ORM,
        # templates, middleware).
        "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 2),
    }


def measure(pages: list[Page], runs: int = 20, warmup: int = 5) -> list[dict]:
    """Each page twice for anonymous readers: rendered (page cache off, what the first visitor
    after a change, or a rare URL, costs) and served (page cache on, what everyone else gets).
    The signed-in editor's page is never cached, so it has one figure."""
    from django.test import override_settings

    anonymous = Client()
    editor = None
    rows = []
    for page in pages:
        if page.editor and editor is None:
            editor = editor_client()
        client = editor if page.editor else anonymous
        with override_settings(PAGE_CACHE_SECONDS=0):
            rendered = _time(client, page.path, runs, warmup)
        served = rendered if page.editor else _time(client, page.path, runs, warmup)
        rows.append(
            {
                "label": page.label,
                "path": page.path,
                **served,
                "render": rendered,
                "runs": runs,
            }
        )
    return rows


def format_table(rows: list[dict]) -> str:
    """Served = from the page cache (anonymous pages); rendered = page cache off."""
    lines = [
        f"{'page':<12} {'status':>6} {'bytes':>8} {'served ms':>10} {'p90':>7} {'q':>3} "
        f"{'rendered ms':>12} {'p90':>7} {'q':>3} {'sql ms':>7}  path"
    ]
    for row in rows:
        render = row["render"]
        lines.append(
            f"{row['label']:<12} {row['status']:>6} {row['bytes']:>8} {row['median_ms']:>10.2f} "
            f"{row['p90_ms']:>7.2f} {row['queries']:>3} {render['median_ms']:>12.2f} "
            f"{render['p90_ms']:>7.2f} {render['queries']:>3} {render['sql_ms']:>7.2f}  "
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
