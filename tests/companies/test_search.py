"""The site-wide search page (companies.views.search): counts, the order, and "did you mean"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

pytestmark = pytest.mark.django_db


def test_each_method_is_counted_once_with_its_first_ten_shown(client, db):
    # Every alternative of the query matches each method, in title, summary and body.
    methods = [
        MethodFactory(
            title=f"Handledare {n:02}",
            summary="Handledning med mentor och coach.",
            body="Handledaren och handledarna.",
            easy_read="Handledare.",
        )
        for n in range(12)
    ]
    MethodFactory(title="Något annat", summary="Fika.", body="Fika.", easy_read="Fika.")
    company = CompanyFactory(name="Handledarbolaget", description="Handledning varje dag.")
    for _ in range(2):
        ExperienceReportFactory(company=company, method=methods[0], context="Handledaren var med.")
    response = client.get("/sok/", {"q": "handledare"})
    context = response.context
    assert (context["method_count"], context["company_count"], context["report_count"]) == (
        12,
        1,
        2,
    )
    assert len(context["method_rows"]) == 10
    html = response.content.decode()
    assert "12 metoder, 1 företag, 2 erfarenhetsrapporter" in html
    assert "Visa alla 12 metoder och filtrera dem" in html


# PostgreSQL counts each group with a window in the page's own query; SQLite counts apart on
# purpose (companies.views.search._first_and_count), which tests/methods/test_search_sqlite.py pins.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the window count is PostgreSQL's")
def test_matching_runs_once_per_group_not_once_more_to_count(client, db):
    MethodFactory(title="Handledare i köket")
    client.get("/sok/", {"q": "handledare"})  # caches every search shares are filled
    MethodFactory(title="Handledare i caféet")
    with CaptureQueriesContext(connection) as context:
        client.get("/sok/", {"q": "handledare"})
    counts = [q["sql"] for q in context.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert counts == []


def test_equal_methods_keep_a_stable_order(client, db):
    first = MethodFactory(title="Samma", summary="Handledare.", body="x", easy_read="x")
    second = MethodFactory(title="Samma", summary="Handledare.", body="x", easy_read="x")
    rows = client.get("/sok/", {"q": "handledare"}).context["method_rows"]
    assert [m.pk for m, _ in rows] == [first.pk, second.pk]


def test_a_corrected_search_says_so_and_offers_the_words_as_typed(client, db):
    from methods.services import refresh_search_index

    method = MethodFactory(title="Handledning i arbetet", summary="Stöd.", body="x")
    refresh_search_index(method)
    response = client.get("/sok/", {"q": "handlednig"})
    html = response.content.decode()
    assert [m.title for m, _ in response.context["method_rows"]] == ["Handledning i arbetet"]
    assert (
        "Visar träffar för ”handledning”. "
        '<a href="/sok/?q=handlednig&amp;exakt=1">Sök i stället på ”handlednig”</a>'
    ) in html
    exact = client.get("/sok/", {"q": "handlednig", "exakt": "1"})
    assert exact.context["method_count"] == 0
    assert "Visar träffar för" not in exact.content.decode()


def test_a_search_that_needed_no_correction_says_nothing_about_one(client, db):
    MethodFactory(title="Handledning i arbetet")
    html = client.get("/sok/", {"q": "handledning"}).content.decode()
    assert "Visar träffar för" not in html
    assert "exakt=1" not in html
