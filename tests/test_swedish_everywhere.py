"""Swedish everywhere in Swedish mode, English vocabulary in English mode (issue 13).

In Swedish (the default) no page, the account pages and the admin included, shows an English
word that a reader without English would stumble on, dates read "30 nov. 2026", whole numbers
have no ",0", the company export's CSV files have Swedish headings and quotations take ” ”. In
English the vocabulary (phases, competence areas, lines of business) is English too.
"""

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.audit import record
from core.models import AuditAction
from methods.choices import Status
from methods.models import BusinessLine, CompetenceArea, Phase
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MethodFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

# What gave the Swedish site away as half English: Django's and allauth's untranslated or
# oddly translated words, machine labels of fields without a Swedish name, the other style of
# quotation marks.
GIVEAWAYS = [
    "Select an option",
    "---------",
    "Filter by",
    "Epost",
    " epost",
    ">Company:<",
    ">User:<",
    ">Method:<",
    ">Phase:<",
    "«",
    "»",
    "Tasks Database Backend",
    ">MFA<",
]


@pytest.fixture
def world(company, company_admin, member, editor, superuser):
    """A draft of the member's, a published method with a report, and an audit entry (so the
    admin's date filter has something to show)."""
    draft = MethodFactory(author=member, status=Status.DRAFT, title="Mitt utkast")
    published = MethodFactory(title="Visa och gör")
    ExperienceReportFactory(method=published, company=company, author=member)
    record(editor, AuditAction.PUBLISHED, "Publicerade ”Visa och gör”.", target=published)
    return {"draft": draft, "published": published}


def pages_for(role: str, world: dict, company) -> list[str]:
    draft, published = world["draft"].slug, world["published"].slug
    return {
        "anonymous": [
            "/konto/login/",
            "/konto/signup/",
            "/konto/password/reset/",
            "/metoder/",
            f"/metoder/{published}/",
            "/foretag/",
        ],
        "member": [
            "/konto/email/",
            "/konto/password/change/",
            "/konto/profil/",
            "/metoder/ny/",
            f"/metoder/{draft}/redigera/praktiskt/",
            f"/foretag/{company.slug}/rapporter/ny/",
        ],
        "company_admin": [
            f"/foretag/{company.slug}/redigera/",
            f"/foretag/{company.slug}/medlemmar/",
            f"/foretag/{company.slug}/insatser/ny/",
        ],
        "editor": ["/redaktion/", "/redaktion/oversikt/", "/foretag/redaktion/rapporter/"],
        "superuser": [
            "/admin/",
            "/admin/core/auditentry/",
            "/admin/methods/method/",
            "/admin/methods/method/add/",
            "/admin/companies/membership/add/",
            "/admin/companies/experiencereport/add/",
            "/admin/account/emailaddress/",
        ],
    }[role]


@pytest.mark.parametrize("role", ["anonymous", "member", "company_admin", "editor", "superuser"])
def test_swedish_pages_have_no_english_giveaways(client, request, world, company, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    found = {}
    for path in pages_for(role, world, company):
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert '<html lang="sv"' in text, path
        hits = [word for word in GIVEAWAYS if word in text]
        if hits:
            found[path] = hits
    assert found == {}


def test_selects_offer_a_swedish_empty_choice(client, member, world):
    client.force_login(member)
    page = client.get(f"/metoder/{world['draft'].slug}/redigera/praktiskt/").content.decode()
    assert '<option value="" selected>– Välj –</option>' in page


def test_account_pages_write_e_postadress(client):
    page = client.get("/konto/login/").content.decode()
    assert "E-postadress" in page
    assert "Epost" not in page


def test_admin_date_filter_is_swedish(client, superuser, world):
    client.force_login(superuser)
    page = client.get("/admin/core/auditentry/").content.decode()
    assert "Filtrera efter" in page


def test_admin_scripts_and_task_results_are_swedish(client, superuser):
    client.force_login(superuser)
    assert "I dag (%(date)s)" in client.get("/admin/jsi18n/").content.decode()
    assert "Bakgrundsjobb" in client.get("/admin/").content.decode()


def test_admin_names_permissions_in_swedish(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/auth/group/add/").content.decode()
    assert ">Handboken | metod | Kan lägga till metod</option>" in page
    assert "Can add" not in page
    user = client.get(f"/admin/accounts/user/{superuser.pk}/change/").content.decode()
    assert ">Handboken | fas | Kan ändra fas</option>" in user
    assert "Can change" not in user


def test_the_task_queues_config_leaves_core_its_own():
    from django.apps import apps

    from core.apps import CoreConfig, TasksDatabaseConfig

    assert type(apps.get_app_config("core")) is CoreConfig
    assert type(apps.get_app_config("django_tasks_database")) is TasksDatabaseConfig
    assert str(apps.get_app_config("django_tasks_database").verbose_name) == "Bakgrundsjobb"


def test_admin_labels_are_swedish(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/companies/membership/add/").content.decode()
    assert '<label class="required" for="id_user">Användare:</label>' in page
    assert '<label class="required" for="id_company">Företag:</label>' in page


# Dates -------------------------------------------------------------------------------------


def test_dates_read_as_swedish_text_writes_them():
    moment = timezone.make_aware(datetime(2026, 11, 30, 14, 5))
    with translation.override("sv"):
        assert date_format(date(2026, 11, 30)) == "30 nov. 2026"
        assert date_format(date(2026, 3, 2)) == "2 mars 2026"
        assert date_format(date(2026, 5, 9)) == "9 maj 2026"
        assert date_format(moment, "DATETIME_FORMAT") == "30 nov. 2026 kl. 14.05"
    with translation.override("en"):
        assert date_format(date(2026, 11, 30)) == "30 Nov 2026"
        assert date_format(moment, "DATETIME_FORMAT") == "30 Nov 2026, 14:05"


def test_pages_show_dates_in_the_one_format(client, editor):
    submitted = timezone.make_aware(datetime(2026, 11, 30, 14, 5))
    MethodFactory(
        title="Inskickad metod", status=Status.SUBMITTED, submitted_at=submitted
    ).__class__.objects.filter(title="Inskickad metod").update(review_by=date(2026, 12, 1))
    client.force_login(editor)
    page = client.get("/redaktion/").content.decode()
    assert "30 nov. 2026 kl. 14.05" in page
    assert "30 november 2026" not in page


def test_templates_use_the_named_formats():
    """One date format: templates name DATE_FORMAT or DATETIME_FORMAT instead of spelling out
    a format of their own (machine dates for datetime attributes aside)."""
    spelled = []
    for path in (ROOT / "templates").rglob("*.*"):
        for match in re.finditer(r'\|date:"([^"]+)"', path.read_text(encoding="utf-8")):
            if match.group(1) not in {"DATE_FORMAT", "DATETIME_FORMAT", "F Y"}:
                spelled.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert spelled == []


# Numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("scores", "shown"), [([4, 4], "4 av 5"), ([4, 5], "4,5 av 5")])
def test_averages_have_no_decimal_zero(client, company, scores, shown):
    method = MethodFactory(title="Betygsatt")
    for score in scores:
        ExperienceReportFactory(method=method, company=company, recommend_score=score)
    page = client.get(f"/metoder/{method.slug}/").content.decode()
    assert f"{shown} i genomsnitt" in page


# The company export ------------------------------------------------------------------------


def export_headers(client, company, language: str) -> dict[str, str]:
    client.cookies["django_language"] = language
    response = client.get(f"/foretag/{company.slug}/export.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {
        name: archive.read(name).decode("utf-8-sig").split("\r\n")[0] for name in archive.namelist()
    }


def test_csv_headings_are_words_in_the_readers_language(client, company, company_admin):
    client.force_login(company_admin)
    swedish = export_headers(client, company, "sv")
    assert swedish["effort_checks.csv"] == (
        "Insatsens nummer;Insats;Fas (kod);Punktens kod;Punkt;Bockad av;Bockad"
    )
    assert swedish["members.csv"] == "Namn;E-postadress;Roll (kod);Roll;Medlem sedan"
    english = export_headers(client, company, "en")
    assert english["effort_checks.csv"] == (
        "Effort number;Effort;Phase (code);Item code;Item;Ticked by;Ticked"
    )


def test_every_export_column_has_a_heading():
    from companies.services import EXPORT_COLUMNS, EXPORT_HEADINGS

    assert {table: list(EXPORT_HEADINGS[table]) for table in EXPORT_COLUMNS} == EXPORT_COLUMNS


# Quotation marks ---------------------------------------------------------------------------


def test_swedish_text_quotes_with_the_same_mark_on_both_sides():
    """” ” in Swedish: no «» in templates or code, no “ in a Swedish msgid."""
    wrong = []
    for folder in ("templates", "methods", "companies", "accounts", "core", "content"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".html", ".txt", ".py", ".md"} or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search("[«»“]", text):
                wrong.append(str(path.relative_to(ROOT)))
    catalogue = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for entry in catalogue.split("\n\n"):
        msgid = entry.split("msgstr")[0]
        if re.search("[«»“]", msgid):
            wrong.append(msgid.strip())
    assert wrong == []


# English mode ------------------------------------------------------------------------------


def test_english_mode_names_the_vocabulary_in_english(client):
    company = CompanyFactory(name="Kafé Engelska")
    company.business_lines.set([BusinessLine.objects.get(slug="cafe-och-restaurang")])
    method = MethodFactory(
        title="Tvåspråkig metod",
        phases=[Phase.objects.get(number=1)],
        competence_areas=[CompetenceArea.objects.get(slug="yrkeskunskap")],
        business_lines=[BusinessLine.objects.get(slug="snickeri")],
    )
    client.cookies["django_language"] = "en"
    detail = client.get(f"/metoder/{method.slug}/").content.decode()
    assert "Vocational skills" in detail and "Yrkeskunskap" not in detail
    assert "Carpentry" in detail and "Snickeri" not in detail
    listing = client.get("/metoder/").content.decode()
    assert "1. Needs and goals" in listing
    assert "Supervision at work" in listing and "Handledning" not in listing
    assert "Café and restaurant" in client.get(company.get_absolute_url()).content.decode()
    assert "Café and restaurant" in client.get("/foretag/").content.decode()

    client.cookies["django_language"] = "sv"
    detail = client.get(f"/metoder/{method.slug}/").content.decode()
    assert "Yrkeskunskap" in detail and "Vocational skills" not in detail


def test_every_seeded_vocabulary_word_has_an_english_name():
    assert not Phase.objects.filter(name_en="").exists()
    assert not CompetenceArea.objects.filter(name_en="").exists()
    assert not BusinessLine.objects.filter(name_en="").exists()


def test_english_effort_pages_name_the_phases_in_english(client, company, member):
    from companies.efforts import create_effort

    def save(effort):
        effort.title, effort.goal = "Hygien", "Rena händer"
        effort.save()

    effort = create_effort(company, member, save)
    client.force_login(member)
    client.cookies["django_language"] = "en"
    page = client.get(f"/foretag/{company.slug}/insatser/{effort.pk}/").content.decode()
    assert "1. Needs and goals" in page
    assert "Behov och mål" not in page
