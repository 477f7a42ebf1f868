"""What readers look for and do not find (issue 16, part 4): searches that found nothing or
little, counted per normalised query and day, for the editors' overview.

Nothing about who searched is kept: no user, address, session or time of day, only the words
(lowercased, spaces collapsed, cut at QUERY_LENGTH) and the day. A search holding what looks
like personal data (an identity number, a mobile number, an e-mail address: the guard of
core.readability) is not counted at all: the editors would see it.

A GET never changes what a user sees (tests/test_get_is_safe.py). The count is analytics, not
content, and it is not written by the request: the page queues record_search after the
request's transaction commits, and the task worker adds one to the day's row (one bounded
upsert). Such a page is kept out of the page cache (`keep_out_of_page_cache`): a search that
found little is cheap to render again (there is little to load), and every search is then
counted without any work on the cache's hit path, which stays free of queries.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Min, Sum
from django.http import HttpResponse
from django.tasks import task
from django.utils import timezone

from core.readability import find_personal_data

from .models import SearchCount

# The words kept of a query: enough for any real search, bounded for the table.
QUERY_LENGTH = 100
# A search that found at most this many methods "found little".
FEW_RESULTS = 2
# Counts older than this are removed (purge_search_counts, run by cron).
KEEP_DAYS = 365
# The editors' overview lists this many of the most common searches per period.
SHOWN_QUERIES = 15
# The periods the overview shows, in days.
PERIODS = (30, 90)


def normalise(text: str) -> str:
    """The query as it is counted: lowercased, whitespace collapsed, at most QUERY_LENGTH."""
    return " ".join(text.lower().split())[:QUERY_LENGTH].strip()


def count_if_thin(response: HttpResponse, text: str, results: int) -> HttpResponse:
    """Count this search when it found at most FEW_RESULTS methods (see the module doc)."""
    query = normalise(text)
    if query and results <= FEW_RESULTS and not find_personal_data({"q": query}):
        response.keep_out_of_page_cache = True
        day = timezone.localdate().isoformat()
        transaction.on_commit(lambda: record_search.enqueue(query, results, day))
    return response


@task()
def record_search(query: str, results: int, day: str) -> None:
    """Add one to the day's count of this query (created at 1 the first time)."""
    query = normalise(query)
    rows = SearchCount.objects.filter(query=query, day=day)
    if rows.update(searches=F("searches") + 1, results=results):
        return
    try:
        with transaction.atomic():
            SearchCount.objects.create(query=query, day=day, searches=1, results=results)
    except IntegrityError:  # another worker created it first
        rows.update(searches=F("searches") + 1, results=results)


def most_common(days: int, today: date | None = None) -> list[dict]:
    """The SHOWN_QUERIES queries counted most often in the last `days` days (today included),
    each with how many times and the fewest methods it found: one query."""
    today = today or timezone.localdate()
    return list(
        SearchCount.objects.filter(day__gt=today - timedelta(days=days))
        .values("query")
        .annotate(searches=Sum("searches"), results=Min("results"))
        .order_by("-searches", "query")[:SHOWN_QUERIES]
    )


def purge(today: date | None = None) -> int:
    """Remove counts older than KEEP_DAYS; how many day rows went."""
    today = today or timezone.localdate()
    deleted, _by_model = SearchCount.objects.filter(
        day__lte=today - timedelta(days=KEEP_DAYS)
    ).delete()
    return deleted


def overview(today: date | None = None) -> dict:
    """What the editors' overview shows: the most common thin searches of each period."""
    return {
        "few_results": FEW_RESULTS,
        "periods": [{"days": days, "rows": most_common(days, today)} for days in PERIODS],
    }
