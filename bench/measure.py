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
    user = get_user_model().objects.get(email=seeding.EDITOR_EMAIL)
    client.force_login(user)
    return client


def measure(pages: list[Page], runs: int = 20, warmup: int = 5) -> list[dict]:
    anonymous = Client()
    editor = None
    rows = []
    for page in pages:
        if page.editor and editor is None:
            editor = editor_client()
        client = editor if page.editor else anonymous
        started = time.perf_counter()
        response = client.get(page.path)
        first_ms = (time.perf_counter() - started) * 1000
        for _ in range(max(0, warmup - 1)):
            client.get(page.path)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(page.path)
            _ = response.content
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
        rows.append(
            {
                "label": page.label,
                "path": page.path,
                "status": response.status_code,
                "bytes": len(response.content),
                "first_ms": round(first_ms, 2),
                "median_ms": round(statistics.median(times), 2),
                "p90_ms": round(percentile(times, 0.9), 2),
                "min_ms": round(min(times), 2),
                "queries": len(captured.captured_queries),
                # Time inside the database driver during that one request (the rest is Python:
                # ORM, templates, middleware).
                "sql_ms": round(sum(float(q["time"]) for q in captured.captured_queries) * 1000, 2),
                "runs": runs,
            }
        )
    return rows


def format_table(rows: list[dict]) -> str:
    lines = [
        f"{'page':<12} {'status':>6} {'bytes':>8} {'median ms':>10} {'p90 ms':>9} "
        f"{'queries':>8} {'sql ms':>8}  path"
    ]
    for row in rows:
        lines.append(
            f"{row['label']:<12} {row['status']:>6} {row['bytes']:>8} {row['median_ms']:>10.2f} "
            f"{row['p90_ms']:>9.2f} {row['queries']:>8} {row['sql_ms']:>8.2f}  {row['path']}"
        )
    return "\n".join(lines)
