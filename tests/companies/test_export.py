"""A company's own data, downloaded by its administrators as JSON and as CSV files in a ZIP."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from companies.models import Company, Effort, EffortCheck, EffortPhase, Invitation
from core.models import AuditAction, AuditEntry
from methods.choices import Status
from methods.models import BusinessLine, CompetenceArea, Phase
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser"]
TABLES = [
    "company.csv",
    "members.csv",
    "invitations.csv",
    "efforts.csv",
    "effort_methods.csv",
    "effort_phases.csv",
    "effort_checks.csv",
    "experience_reports.csv",
]


def json_url(company) -> str:
    return f"/foretag/{company.slug}/export.json"


def zip_url(company) -> str:
    return f"/foretag/{company.slug}/export.zip"


@pytest.fixture
def login(client, request):
    def login_as(role: str):
        if role != "anonymous":
            user = request.getfixturevalue(role)
            client.force_login(user)
            return user
        return None

    return login_as


@pytest.fixture
def full_company(company, member, company_admin):
    """Kafé Test with something in every table, and another company's data beside it."""
    company.description = "Vi driver ett café i Örebro."
    company.open_to_study_visits = True
    company.study_visit_topics = "Bageriet."
    company.criterion_integration = True
    company.employees_band = "11-25"
    company.save()
    company.business_lines.set([BusinessLine.objects.get(slug="cafe-och-restaurang")])
    company.study_visit_areas.set([CompetenceArea.objects.get(slug="handledning")])
    Invitation.objects.create(
        company=company,
        email="ny@example.org",
        role="admin",
        invited_by=company_admin,
        expires_at=timezone.now() + timedelta(days=3),
    )
    Invitation.objects.create(
        company=company, email="gick-med@example.org", accepted_at=timezone.now()
    )
    method = MethodFactory(title="Visa, gör, berätta", slug="visa-gor-beratta")
    effort = Effort.objects.create(
        company=company,
        title="Hygien i caféet",
        goal="Alla följer hygienrutinerna.",
        current_phase=Phase.objects.get(number=2),
        responsible_roles=["handledare"],
        created_by=company_admin,
        delivery_ended_on=date(2026, 3, 1),
    )
    effort.methods.set([method])
    effort.responsible_members.set([member])
    EffortPhase.objects.create(
        effort=effort,
        phase=Phase.objects.get(number=1),
        started_on=date(2026, 1, 5),
        completed_on=date(2026, 1, 20),
        notes="Behovet: rutiner vid disken.",
    )
    EffortCheck.objects.create(
        effort=effort,
        phase=Phase.objects.get(number=1),
        item_key="checklist:1",
        label="Koppla behovet till en arbetsuppgift",
        checked_by=member,
    )
    ExperienceReportFactory(
        company=company,
        method=method,
        author=member,
        title="Det gick bra",
        period_start=date(2025, 9, 1),
        hours_spent=Decimal("12.5"),
        helping_factors=["arbetsplats-handledare"],
        phase_notes={"behov-och-mal": "Vi pratade om disken."},
    )
    ExperienceReportFactory(
        company=company,
        method=method,
        author=member,
        title="Utkast om åäö",
        status=Status.DRAFT,
        consent_to_publish=False,
        period_start=date(2026, 1, 1),
    )
    other = CompanyFactory(name="Annat företag")
    ExperienceReportFactory(company=other, title="Inte vår rapport")
    MembershipFactory(company=other, user=UserFactory(email="annan@example.org"))
    return company


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [json_url, zip_url])
@pytest.mark.parametrize("role", ROLES)
def test_export_is_only_for_the_companys_admins(client, login, company, role, url):
    login(role)
    response = client.get(url(company))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"/konto/login/?next={url(company)}"
    elif role == "company_admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
    expected = 1 if role == "company_admin" else 0
    assert company.audit_entries.count() == expected


@pytest.mark.parametrize("url", [json_url, zip_url])
def test_admin_of_another_company_gets_403(client, company, url):
    other_admin = UserFactory()
    MembershipFactory(user=other_admin, role="admin")
    client.force_login(other_admin)
    assert client.get(url(company)).status_code == 403


@pytest.mark.parametrize(
    "url", ["/foretag/finns-inte/export.json", "/foretag/finns-inte/export.zip"]
)
def test_unknown_company_is_404(client, company_admin, url):
    client.force_login(company_admin)
    assert client.get(url).status_code == 404


def test_export_is_get_only(client, company, company_admin):
    client.force_login(company_admin)
    assert client.post(json_url(company)).status_code == 405


def test_company_page_links_admins_to_the_downloads(client, company, member, company_admin):
    json_link = (
        f'<a href="/foretag/{company.slug}/export.json" download>'
        "Ladda ner företagets uppgifter (JSON)</a>"
    )
    zip_link = (
        f'<a href="/foretag/{company.slug}/export.zip" download>'
        "Ladda ner företagets uppgifter för Excel (CSV-filer i zip)</a>"
    )
    client.force_login(company_admin)
    html = client.get(company.get_absolute_url()).content.decode()
    assert json_link in html and zip_link in html
    client.force_login(member)
    html = client.get(company.get_absolute_url()).content.decode()
    assert json_link not in html and zip_link not in html


# JSON ----------------------------------------------------------------------------------------


def test_json_holds_everything_about_the_company(client, full_company, member, company_admin):
    client.force_login(company_admin)
    response = client.get(json_url(full_company))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="kafe-test-uppgifter-{today}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content.decode("utf-8"))
    assert set(data) == {
        "exported_at", "company", "members", "invitations", "efforts", "experience_reports",
    }  # fmt: skip

    profile = data["company"]
    assert profile["name"] == "Kafé Test"
    assert profile["slug"] == "kafe-test"
    assert profile["url"].endswith("/foretag/kafe-test/")
    assert profile["org_number"] == full_company.org_number
    assert (profile["legal_form"], profile["legal_form_label"]) == (
        "ekonomisk-forening",
        "Ekonomisk förening",
    )
    assert (profile["county"], profile["county_label"]) == ("orebro", "Örebro län")
    assert profile["business_lines"] == ["Café och restaurang"]
    assert profile["description"] == "Vi driver ett café i Örebro."
    assert profile["employees_band"] == "11-25"
    assert profile["participants_band"] == ""
    assert profile["criterion_integration"] is True
    assert profile["criterion_participation"] is False
    assert profile["open_to_study_visits"] is True
    assert (profile["study_visit_areas"], profile["study_visit_topics"]) == (
        ["Handledning"],
        "Bageriet.",
    )
    assert profile["accepts_questions"] is True
    assert "description_html" not in profile and "search_text" not in profile

    assert [(m["name"], m["email"], m["role"], m["role_label"]) for m in data["members"]] == [
        ("Ada Admin", company_admin.email, "admin", "Företagsadministratör"),
        ("Mira Medlem", member.email, "member", "Medlem"),
    ]
    since = full_company.memberships.get(user=member).created_at
    assert data["members"][1]["since"] == timezone.localtime(since).isoformat(timespec="seconds")

    # Only invitations still waiting, and never their tokens.
    assert len(data["invitations"]) == 1
    invitation = data["invitations"][0]
    assert set(invitation) == {
        "email", "role", "role_label", "sent_at", "expires_at", "invited_by",
    }  # fmt: skip
    assert (invitation["email"], invitation["role"], invitation["invited_by"]) == (
        "ny@example.org",
        "admin",
        "Ada Admin",
    )
    token = Invitation.objects.get(email="ny@example.org").token
    assert token not in response.content.decode()

    [effort] = data["efforts"]
    assert effort["title"] == "Hygien i caféet"
    assert effort["goal"] == "Alla följer hygienrutinerna."
    assert effort["current_phase"] == "forankring"
    assert effort["responsible_roles"] == ["handledare"]
    assert effort["responsible_members"] == ["Mira Medlem"]
    assert effort["delivery_ended_on"] == "2026-03-01"
    assert effort["finished_at"] is None
    assert effort["created_by"] == "Ada Admin"
    assert [(m["title"], m["slug"]) for m in effort["methods"]] == [
        ("Visa, gör, berätta", "visa-gor-beratta")
    ]
    assert [
        (p["phase"], p["phase_name"], p["started_on"], p["completed_on"], p["notes"])
        for p in effort["phases"]
    ] == [
        (
            "behov-och-mal",
            "Behov och mål",
            "2026-01-05",
            "2026-01-20",
            "Behovet: rutiner vid disken.",
        )
    ]
    assert [(c["phase"], c["item_key"], c["label"], c["checked_by"]) for c in effort["checks"]] == [
        ("behov-och-mal", "checklist:1", "Koppla behovet till en arbetsuppgift", "Mira Medlem")
    ]

    reports = {r["title"]: r for r in data["experience_reports"]}
    assert set(reports) == {"Det gick bra", "Utkast om åäö"}  # every status, only ours
    published = reports["Det gick bra"]
    assert (published["status"], published["status_label"]) == ("published", "Publicerad")
    assert published["method"] == "Visa, gör, berätta"
    assert published["author"] == "Mira Medlem"
    assert published["hours_spent"] == 12.5
    assert published["helping_factors"] == ["arbetsplats-handledare"]
    assert published["phase_notes"] == {"behov-och-mal": "Vi pratade om disken."}
    assert published["period_start"] == "2025-09-01"
    assert reports["Utkast om åäö"]["status"] == "draft"
    assert reports["Utkast om åäö"]["consent_to_publish"] is False


def test_json_export_writes_an_audit_entry(client, company, company_admin):
    client.force_login(company_admin)
    client.get(json_url(company))
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        company_admin,
        AuditAction.SAVED,
        company,
        company,
    )
    assert entry.summary == "Laddade ner alla uppgifter om Kafé Test (JSON)"


def test_author_who_left_is_exported_as_none(client, full_company, member, company_admin):
    full_company.memberships.filter(user=member).delete()
    member.delete()
    client.force_login(company_admin)
    data = json.loads(client.get(json_url(full_company)).content)
    assert {r["author"] for r in data["experience_reports"]} == {None}
    assert data["efforts"][0]["checks"][0]["checked_by"] is None
    assert data["efforts"][0]["responsible_members"] == []


@pytest.mark.parametrize("size", [1, 6])
def test_export_query_count_is_constant(client, company_admin, django_assert_num_queries, size):
    company = company_admin.memberships.get().company
    for n in range(size):
        MembershipFactory(company=company)
        Invitation.objects.create(company=company, email=f"inbjuden{n}@example.org")
        effort = Effort.objects.create(
            company=company, title=f"Insats {n}", current_phase=Phase.objects.get(number=1)
        )
        effort.methods.set([MethodFactory()])
        effort.responsible_members.set([company_admin])
        EffortPhase.objects.create(effort=effort, phase=Phase.objects.get(number=1))
        EffortCheck.objects.create(
            effort=effort, phase=Phase.objects.get(number=1), item_key="checklist:1", label="x"
        )
        ExperienceReportFactory(company=company)
    client.force_login(company_admin)
    ContentType.objects.get_for_model(Company)  # cached for the process, as when it serves
    # session, user, company, admin check, business lines, study-visit areas, members,
    # invitations, efforts and their four prefetches, reports, audit entry
    with django_assert_num_queries(15):
        assert client.get(json_url(company)).status_code == 200


# ZIP of CSV files -----------------------------------------------------------------------------


def read_zip(response) -> dict[str, list[dict]]:
    """Each CSV file's rows keyed by column name: the headings are words (checked below), the
    columns come in EXPORT_COLUMNS order."""
    from companies.services import EXPORT_COLUMNS

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    tables = {}
    for name in archive.namelist():
        raw = archive.read(name)
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no byte order mark"
        text = raw.decode("utf-8-sig")
        header, *rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
        columns = EXPORT_COLUMNS[name.removesuffix(".csv")]
        assert len(header) == len(columns), name
        tables[name] = [dict(zip(columns, row, strict=True)) for row in rows]
    return tables


def test_zip_has_one_csv_per_table_with_the_same_data(client, full_company, member, company_admin):
    client.force_login(company_admin)
    response = client.get(zip_url(full_company))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="kafe-test-uppgifter-{today}.zip"'
    )
    tables = read_zip(response)
    assert sorted(tables) == sorted(TABLES)

    [profile] = tables["company.csv"]
    assert profile["name"] == "Kafé Test"
    assert profile["county_label"] == "Örebro län"
    assert profile["business_lines"] == "Café och restaurang"
    assert profile["open_to_study_visits"] == "ja"
    assert profile["criterion_participation"] == "nej"
    assert profile["participants_band"] == ""

    assert [(m["name"], m["email"], m["role"]) for m in tables["members.csv"]] == [
        ("Ada Admin", company_admin.email, "admin"),
        ("Mira Medlem", member.email, "member"),
    ]
    assert [i["email"] for i in tables["invitations.csv"]] == ["ny@example.org"]
    assert "token" not in tables["invitations.csv"][0]

    [effort] = tables["efforts.csv"]
    assert (effort["title"], effort["responsible_roles"], effort["responsible_members"]) == (
        "Hygien i caféet",
        "handledare",
        "Mira Medlem",
    )
    assert effort["finished_at"] == ""
    assert [(m["effort_title"], m["title"]) for m in tables["effort_methods.csv"]] == [
        ("Hygien i caféet", "Visa, gör, berätta")
    ]
    assert [(p["effort_id"], p["phase"], p["notes"]) for p in tables["effort_phases.csv"]] == [
        (effort["id"], "behov-och-mal", "Behovet: rutiner vid disken.")
    ]
    assert [(c["label"], c["checked_by"]) for c in tables["effort_checks.csv"]] == [
        ("Koppla behovet till en arbetsuppgift", "Mira Medlem")
    ]

    reports = {r["title"]: r for r in tables["experience_reports.csv"]}
    assert set(reports) == {"Det gick bra", "Utkast om åäö"}
    assert reports["Det gick bra"]["hours_spent"] == "12.5"
    assert reports["Det gick bra"]["phase_notes"] == "behov-och-mal: Vi pratade om disken."
    assert reports["Det gick bra"]["helping_factors"] == "arbetsplats-handledare"
    assert reports["Utkast om åäö"]["status_label"] == "Utkast"


def test_every_csv_has_a_header_row_even_when_empty(client, company, company_admin):
    client.force_login(company_admin)
    archive = zipfile.ZipFile(io.BytesIO(client.get(zip_url(company)).content))
    header = archive.read("effort_checks.csv").decode("utf-8-sig")
    assert header == "Insatsens nummer;Insats;Fas (kod);Punktens kod;Punkt;Bockad av;Bockad\r\n"


def test_zip_export_writes_an_audit_entry(client, company, company_admin):
    client.force_login(company_admin)
    client.get(zip_url(company))
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        company_admin,
        AuditAction.SAVED,
        company,
        company,
    )
    assert entry.summary == "Laddade ner alla uppgifter om Kafé Test (CSV)"


def test_csv_cells_cannot_become_spreadsheet_formulas():
    from companies.services import csv_safe

    assert csv_safe('=HYPERLINK("http://evil.example","klicka")') == (
        '\'=HYPERLINK("http://evil.example","klicka")'
    )
    assert csv_safe("+46 70 123") == "'+46 70 123"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-12,5") == "-12,5"  # a number stays a number
    assert csv_safe("Vanlig text") == "Vanlig text"
