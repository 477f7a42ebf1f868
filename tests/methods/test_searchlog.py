"""Searches that found nothing or little (issue 16, part 4): counted per normalised query and
day by the task worker after the request, never who searched; listed in the editors' overview
with a link that starts a method; removed after a year."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from methods import searchlog
from methods.models import SearchCount
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("companies:overview")


def counts() -> list[tuple]:
    return list(
        SearchCount.objects.order_by("query", "day").values_list(
            "query", "day", "searches", "results"
        )
    )


@pytest.fixture
def search(client, django_capture_on_commit_callbacks):
    """GET a search page and run what it queued after the request (the count's task)."""

    def get(url, **params):
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(url, params)

    return get


@pytest.mark.parametrize(
    "typed, counted",
    [
        ("  Svenska   på\tJOBBET ", "svenska på jobbet"),
        ("Å" * 300, "å" * searchlog.QUERY_LENGTH),
        ("ord " * 40, ("ord " * 25).strip()),
    ],
)
def test_normalise_lowercases_collapses_and_caps(typed, counted):
    assert searchlog.normalise(typed) == counted
    assert len(searchlog.normalise(typed)) <= searchlog.QUERY_LENGTH


@pytest.mark.parametrize("url", ["/sok/", "/metoder/"])
def test_a_search_that_found_nothing_is_counted_per_normalised_query_and_day(search, url):
    today = timezone.localdate()
    first = search(url, q="Truckkort")
    assert first.status_code == 200
    # Kept out of the page cache: every such search is rendered, and so counted.
    assert "X-Page-Cache" not in first
    search(url, q="  truckKORT ")
    assert counts() == [("truckkort", today, 2, 0)]


def test_a_search_that_found_little_is_counted_with_what_it_found(search):
    MethodFactory(title="Truckkort steg för steg", summary="Om truckkort.")
    search("/sok/", q="truckkort")
    assert counts() == [("truckkort", timezone.localdate(), 1, 1)]


def test_a_search_that_found_enough_is_not_counted_and_stays_cached(search, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for n in range(searchlog.FEW_RESULTS + 1):
        MethodFactory(title=f"Hygien {n}", summary="Om hygien i köket.")
    assert search("/sok/", q="hygien")["X-Page-Cache"] == "miss"
    assert search("/sok/", q="hygien")["X-Page-Cache"] == "hit"
    assert counts() == []


def test_filtered_lists_and_empty_queries_are_not_counted(search):
    # With a facet chosen, the filters found little, not the words.
    search("/metoder/", q="truckkort", fas="forankring")
    search("/sok/", q="   ")
    search("/metoder/")
    assert counts() == []


def test_nothing_about_the_searcher_is_stored(client, member, search):
    client.force_login(member)
    search("/sok/", q="Mentorskap")
    fields = {f.name for f in SearchCount._meta.get_fields()}
    assert fields == {"id", "query", "day", "searches", "results"}
    assert counts() == [("mentorskap", timezone.localdate(), 1, 0)]


@pytest.mark.parametrize(
    "typed", ["anna.berg@example.org", "070-123 45 67", "handledning 19121212-1212"]
)
def test_a_search_with_personal_data_is_not_counted(search, typed):
    assert search("/sok/", q=typed).status_code == 200
    assert counts() == []


def test_the_task_adds_to_the_days_row_and_starts_a_new_one_the_next_day():
    searchlog.record_search.call("truckkort", 0, "2026-03-01")
    searchlog.record_search.call("Truckkort", 1, "2026-03-01")
    searchlog.record_search.call("truckkort", 0, "2026-03-02")
    assert counts() == [
        ("truckkort", date(2026, 3, 1), 2, 1),
        ("truckkort", date(2026, 3, 2), 1, 0),
    ]


def add(query: str, day: date, searches: int, results: int = 0) -> None:
    SearchCount.objects.create(query=query, day=day, searches=searches, results=results)


def test_most_common_sums_the_days_of_the_period(django_assert_num_queries):
    today = date(2026, 6, 30)
    add("truckkort", today, 3)
    add("truckkort", today - timedelta(days=29), 2, 1)
    add("truckkort", today - timedelta(days=30), 10)  # 31 days ago: outside 30, inside 90
    add("hygien", today - timedelta(days=5), 4)
    add("gammalt", today - timedelta(days=90), 50)  # outside both
    with django_assert_num_queries(1):
        thirty = searchlog.most_common(30, today)
    assert thirty == [
        {"query": "truckkort", "searches": 5, "results": 0},
        {"query": "hygien", "searches": 4, "results": 0},
    ]
    assert searchlog.most_common(90, today) == [
        {"query": "truckkort", "searches": 15, "results": 0},
        {"query": "hygien", "searches": 4, "results": 0},
    ]


def test_overview_lists_the_most_common_with_a_link_that_starts_a_method(client, editor):
    today = timezone.localdate()
    add("svenska på jobbet", today, 7)
    add("truckkort", today - timedelta(days=40), 3, 2)
    client.force_login(editor)
    html = client.get(OVERVIEW).content.decode()
    start = html.index('<section class="search-misses"')
    box = html[start:]
    thirty = box[box.index('id="search-misses-30"') : box.index('id="search-misses-90"')]
    ninety = box[box.index('id="search-misses-90"') : box.index('id="activity-heading"')]
    link = (
        '<a href="/metoder/ny/?titel=Svenska%20p%C3%A5%20jobbet">Skriv en metod om detta'
        '<span class="visually-hidden">: svenska på jobbet</span></a>'
    )
    assert f"<tr><td>svenska på jobbet</td><td>7</td><td>0</td><td>{link}</td></tr>" in thirty
    assert "truckkort" not in thirty
    assert "<tr><td>svenska på jobbet</td><td>7</td><td>0</td>" in ninety
    assert "<tr><td>truckkort</td><td>3</td><td>2</td>" in ninety
    assert ninety.index("svenska på jobbet") < ninety.index("truckkort")


def test_overview_without_counts_says_so(client, editor):
    client.force_login(editor)
    html = client.get(OVERVIEW).content.decode()
    assert html.count("<p>Inga sökningar som gav lite.</p>") == 2


def test_the_link_starts_a_method_with_the_search_as_title(client, member):
    client.force_login(member)
    response = client.get("/metoder/ny/", {"titel": "Svenska på jobbet"})
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Svenska på jobbet"
    assert SearchCount.objects.count() == 0
    long = client.get("/metoder/ny/", {"titel": "x" * 500})
    assert long.context["form"]["title"].value() == "x" * 160


@pytest.mark.parametrize("who, expected", [("anonymous", 302), ("member", 403), ("editor", 200)])
def test_only_editors_see_the_counts(client, member, editor, who, expected):
    add("hemligt ord", timezone.localdate(), 1)
    if who != "anonymous":
        client.force_login({"member": member, "editor": editor}[who])
    response = client.get(OVERVIEW)
    assert response.status_code == expected
    assert ("hemligt ord" in response.content.decode()) == (expected == 200)


def test_purge_removes_counts_older_than_a_year():
    today = timezone.localdate()
    add("gammal", today - timedelta(days=searchlog.KEEP_DAYS), 1)
    add("äldre", today - timedelta(days=searchlog.KEEP_DAYS + 30), 1)
    add("kvar", today - timedelta(days=searchlog.KEEP_DAYS - 1), 1)
    add("i dag", today, 1)
    out = StringIO()
    call_command("purge_search_counts", stdout=out)
    assert out.getvalue() == "Tog bort 2 dagsräkningar äldre än 365 dagar.\n"
    assert sorted(SearchCount.objects.values_list("query", flat=True)) == ["i dag", "kvar"]
