"""The coordinator overview: numbers that match the database, as charts, tables and CSV."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from companies.models import Effort
from methods.choices import Status
from methods.models import CompetenceArea, Phase
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

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


@pytest.mark.parametrize("size", [1, 8])
def test_overview_query_count_is_constant(client, editor, django_assert_num_queries, size):
    for _ in range(size):
        MethodFactory(review_by=date(2020, 1, 1))
        CompanyFactory()
    client.force_login(editor)
    with django_assert_num_queries(13):
        client.get(URL)


def test_csv_download_cannot_carry_formulas(client, editor):
    MethodFactory(title="=HYPERLINK(1)")
    client.force_login(editor)
    body = client.get(URL, {"csv": "utan-rapport"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
