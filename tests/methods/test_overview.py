"""The coordinator overview: numbers that match the database, as charts, tables and CSV."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from companies.models import Effort
from methods import listindex
from methods.choices import Status
from methods.models import CompetenceArea, Method, Phase
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("companies:overview")


@pytest.fixture
def data(db):
    area = CompetenceArea.objects.get(slug="handledning")
    with_report = MethodFactory(title="Med rapport", phases=[Phase.objects.get(number=3)])
    MethodFactory(
        title="Utan rapport", phases=[Phase.objects.get(number=3)], competence_areas=[area]
    )
    MethodFactory(title="Gammal", phases=[Phase.objects.get(number=1)], review_by=date(2020, 1, 1))
    MethodFactory(title="Utkast", phases=[Phase.objects.get(number=1)], status=Status.DRAFT)
    ExperienceReportFactory(method=with_report, company=CompanyFactory(county="skane"))
    CompanyFactory(county="skane")
    CompanyFactory(county="norrbotten")
    Effort.objects.create(
        company=CompanyFactory(county="norrbotten"), title="A",
        current_phase=Phase.objects.get(number=2),
    )  # fmt: skip


def section(response, slug):
    return next(s for s in response.context["sections"] if s["slug"] == slug)


def test_numbers_match_the_database(client, editor, data):
    client.force_login(editor)
    response = client.get(URL)
    assert section(response, "faser")["rows"][:3] == [
        ("1. Behov och mål", 1), ("2. Förankring", 0), ("3. Genomförande", 2),
    ]  # fmt: skip
    assert ("Handledning", 1) in section(response, "omraden")["rows"]
    assert section(response, "lan")["rows"] == [("Norrbottens län", 2), ("Skåne län", 2)]
    assert section(response, "insatser")["rows"][1] == ("2. Förankring", 1)
    assert [r[0] for r in section(response, "utan-rapport")["rows"]] == ["Gammal", "Utan rapport"]
    assert section(response, "att-se-over")["rows"] == [
        ("Gammal", "/metoder/gammal/", date(2020, 1, 1))
    ]
    html = response.content.decode()
    assert "<td>1 jan. 2020</td>" in html
    assert '<svg class="bar-chart" role="img"' in html
    assert (
        '<desc id="ov-faser-desc">1. Behov och mål: 1; 2. Förankring: 0; 3. Genomförande: 2' in html
    )


def test_each_table_downloads_as_csv(client, editor, data):
    client.force_login(editor)
    response = client.get(URL, {"csv": "lan"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Län", "Företag"], ["Norrbottens län", "2"], ["Skåne län", "2"]]
    # Dates as a spreadsheet reads them (the page writes them out).
    stale = client.get(URL, {"csv": "att-se-over"}).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(stale), delimiter=";"))[1] == [
        "Gammal",
        "/metoder/gammal/",
        "2020-01-01",
    ]
    assert client.get(URL, {"csv": "finns-inte"}).status_code == 404


@pytest.mark.parametrize("who, expected", [("anonymous", 302), ("member", 403), ("editor", 200)])
def test_overview_is_for_editors(client, member, editor, who, expected):
    if who != "anonymous":
        client.force_login({"member": member, "editor": editor}[who])
    assert client.get(URL).status_code == expected


@pytest.mark.parametrize("size", [1, 100])
def test_overview_query_count_is_constant(client, editor, django_assert_num_queries, size):
    for _ in range(min(size, 8)):
        MethodFactory(review_by=date(2020, 1, 1))
    author = UserFactory()
    Method.objects.bulk_create(
        Method(title=f"Mass {i}", slug=f"mass-{i}", summary="Kort.", author=author,
               status=Status.PUBLISHED, review_by=date(2020, 1, 1))
        for i in range(size)
    )  # fmt: skip
    listindex.rebuild()  # the bulk load bypassed the signals that keep it
    companies = CompanyFactory.create_batch(min(size, 8))
    Effort.objects.bulk_create(
        Effort(company=companies[i % len(companies)], title=f"Insats {i}",
               current_phase=Phase.objects.get(number=1 + i % 6))
        for i in range(size)
    )  # fmt: skip
    client.force_login(editor)
    # First view after a change: session, user (with the editor and two-factor check), site
    # version, per phase, per area, published, without report (count, rows), overdue (count, rows),
    # per county, efforts per phase, questions between companies per month, the activity, the
    # searches that found little (30 and 90 days)
    with django_assert_num_queries(16):
        client.get(URL)
    # Then the handbook's counts come from the cache, kept for the site version: session,
    # user (with the editor check), site version, per county, efforts per phase, questions per
    # month, the activity, the searches that found little (30 and 90 days).
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert response.context["totals"] == {
        "methods": min(size, 8) + size, "companies": min(size, 8), "efforts": size,
    }  # fmt: skip
    assert len(section(response, "att-se-over")["rows"]) == min(20, min(size, 8) + size)


def test_long_lists_show_their_first_rows_and_the_csv_has_them_all(client, editor):
    author = UserFactory()
    Method.objects.bulk_create(
        Method(title=f"Metod {i:02d}", slug=f"metod-{i:02d}", summary="Kort.", author=author,
               status=Status.PUBLISHED, review_by=date(2020, 1, 1 + i))
        for i in range(25)
    )  # fmt: skip
    client.force_login(editor)
    response = client.get(URL)
    stale = section(response, "att-se-over")
    assert [row[0] for row in stale["rows"]] == [f"Metod {i:02d}" for i in range(20)]
    assert stale["total"] == 25
    html = response.content.decode()
    assert html.count("Visar de första 20 av 25. Alla finns i CSV-filen.") == 2
    assert "Metod 20" not in html
    body = client.get(URL, {"csv": "att-se-over"}).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(body), delimiter=";"))) == 26


def test_counts_are_fresh_after_a_publish_and_a_report(client, editor, data):
    client.force_login(editor)
    client.get(URL)  # the counts are now cached
    method = MethodFactory(title="Ny", phases=[Phase.objects.get(number=2)], status=Status.DRAFT)
    assert section(client.get(URL), "faser")["rows"][1] == ("2. Förankring", 0)
    method.status = Status.PUBLISHED
    method.save()
    response = client.get(URL)
    assert section(response, "faser")["rows"][1] == ("2. Förankring", 1)
    assert response.context["totals"]["methods"] == 4
    assert "Ny" in [row[0] for row in section(response, "utan-rapport")["rows"]]
    ExperienceReportFactory(method=method)
    response = client.get(URL)
    assert "Ny" not in [row[0] for row in section(response, "utan-rapport")["rows"]]


def test_csv_download_cannot_carry_formulas(client, editor):
    MethodFactory(title="=HYPERLINK(1)")
    client.force_login(editor)
    body = client.get(URL, {"csv": "utan-rapport"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
