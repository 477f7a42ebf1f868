"""A member follows an effort through the six phases to a published experience report; the
company, editor and account pages on the way have no axe violations."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.core import mail
from django.db.models import Avg
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from playwright.sync_api import expect

from companies.models import Company, Effort, ExperienceReport
from methods.choices import Status
from methods.models import MethodStep, Phase
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
MEMBER = "medlem@kompetenshandboken.example"
EDITOR = "redaktor@kompetenshandboken.example"
COMPANY_ADMIN = "foretagsadmin@kompetenshandboken.example"
COMPANY = "/foretag/kafe-kompassen/"
TITLE = "Hygienrutiner i caféet, våren 2027"
HYGIENE = "Livsmedelshygien med extern utbildare"
PICTURES = "Bildstödda arbetsinstruktioner"
PHASE3_NOTE = "Utbildaren kom två förmiddagar. Vi satte upp bildinstruktioner vid disken."


def _log_in(page, email: str, password: str = DEMO_PASSWORD, next_url: str = "/") -> None:
    page.goto(f"/konto/login/?next={next_url}")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def _swedish_date(value) -> str:
    with translation.override("sv"):
        return date_filter(value, "DATE_FORMAT")


def _phase_section(page, number: int):
    return page.locator(f"#fas-{number}")


def _next_phase(page, number: int) -> None:
    section = _phase_section(page, number)
    section.get_by_role("button", name=f"Fas {number} är klar – gå vidare").click()
    following = Phase.objects.get(number=number + 1)
    expect(page.locator(".messages")).to_contain_text(
        f"Nu är ni i fas {number + 1}: {following.name}"
    )
    expect(_phase_section(page, number).get_by_role("heading", level=2)).to_contain_text("klar")
    expect(_phase_section(page, number + 1).get_by_role("heading", level=2)).to_contain_text(
        "pågår"
    )


def test_member_follows_an_effort_to_a_published_report(demo_data, page, new_page, axe):
    today = timezone.localdate()
    started = today - timedelta(days=7)
    _log_in(page, MEMBER, next_url=COMPANY)
    expect(page).to_have_url(re.compile(re.escape(COMPANY) + "$"))

    # The efforts list, then the form for a new one.
    page.get_by_role("link", name="Företagets insatser").click()
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/insatser/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Insatser")
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="Starta en ny insats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny insats")
    assert_no_axe_violations(axe, page)

    # Without a name the form comes back with the error tied to the field.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Skapa insatsen").click()
    assert posted.value.status == 400
    title = page.get_by_label(re.compile(r"^Namn"))
    expect(title).to_have_accessible_description(re.compile("Ge insatsen ett namn."))
    assert_no_axe_violations(axe, page)

    title.fill(TITLE)
    page.get_by_label(re.compile(r"^Mål")).fill("Alla i köket följer hygienrutinerna utan stöd.")
    # Methods are found by searching inside the form: Enter in the search field searches
    # (method-picker.js), the button does too, and what was typed and ticked stays.
    methods = page.get_by_role("group", name="Metoder från handboken")
    search = methods.get_by_label("Sök en metod att lägga till")
    search.fill("livsmedel")
    search.press("Enter")
    methods.get_by_role("checkbox", name=HYGIENE, exact=True).check()
    search.fill("bildstöd")
    methods.get_by_role("button", name="Sök metoder").click()
    methods.get_by_role("checkbox", name=PICTURES, exact=True).check()
    expect(methods.get_by_role("checkbox", name=HYGIENE, exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile(r"^Namn"))).to_have_value(TITLE)
    assert_no_axe_violations(axe, page)
    page.get_by_role("group", name="Vilka roller driver insatsen?").get_by_role(
        "checkbox", name="Handledare", exact=True
    ).check()
    page.get_by_role("group", name=re.compile("Vilka personer ansvarar")).get_by_role(
        "checkbox", name="Mikael Medlem", exact=True
    ).check()
    page.get_by_role("button", name="Skapa insatsen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/insatser/\d+/"))
    effort = Effort.objects.get(title=TITLE)
    assert sorted(effort.methods.values_list("title", flat=True)) == [PICTURES, HYGIENE]
    assert effort.responsible_roles == ["handledare"]
    assert list(effort.responsible_members.values_list("email", flat=True)) == [MEMBER]
    expect(page.get_by_text("Pågår: fas 1, Behov och mål")).to_be_visible()
    assert_no_axe_violations(axe, page)

    # Phase 1: tick the first item; it is saved in the background (the page stays) and shows
    # as ticked, by whom and when, with the phase's count in its summary.
    phase1 = _phase_section(page, 1)
    first_item = phase1.locator(".effort-checklist li").first
    first_item.get_by_role("button").click()
    expect(phase1.get_by_role("status")).to_have_text("Sparat")
    expect(first_item.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(first_item).to_have_class(re.compile("is-checked"))
    expect(first_item).to_contain_text(f"– Mikael Medlem, {_swedish_date(today)}")
    expect(phase1.locator(".effort-phase__count")).to_have_text(re.compile(r"^1 av \d+ klart$"))

    # Notes and dates for the current phase.
    phase1.get_by_label(re.compile("^Påbörjad")).fill(started.isoformat())
    phase1.get_by_label(re.compile("^Anteckningar")).fill("Vi gick igenom egenkontrollen.")
    phase1.get_by_role("button", name="Spara fas 1").click()
    expect(page.get_by_text("Fasen är sparad.")).to_be_visible()
    expect(phase1.get_by_label(re.compile("^Anteckningar"))).to_have_value(
        "Vi gick igenom egenkontrollen."
    )
    expect(phase1.get_by_label(re.compile("^Påbörjad"))).to_have_value(started.isoformat())

    _next_phase(page, 1)
    _next_phase(page, 2)

    # Phase 3: what the chosen methods say each role does is part of the checklist.
    phase3 = _phase_section(page, 3)
    steps = list(
        MethodStep.objects.filter(method__in=effort.methods.all(), phase__number=3)
        .select_related("method")
        .order_by("method__title", "role")
    )
    assert {step.method.title for step in steps} == {HYGIENE, PICTURES}
    for step in steps:
        item = phase3.locator(".effort-checklist li").filter(has_text=step.text)
        expect(item).to_contain_text(f"({step.method.title})")
        expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "false")
    step = steps[0]
    phase3.locator(".effort-checklist li").filter(has_text=step.text).get_by_role("button").click()
    ticked = _phase_section(page, 3).locator(".effort-checklist li").filter(has_text=step.text)
    expect(ticked.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(ticked).to_contain_text("– Mikael Medlem")
    phase3.get_by_label(re.compile("^Anteckningar")).fill(PHASE3_NOTE)
    phase3.get_by_role("button", name="Spara fas 3").click()
    expect(page.get_by_text("Fasen är sparad.")).to_be_visible()

    _next_phase(page, 3)
    expect(page.get_by_text("Genomförandet avslutat")).to_be_visible()
    _next_phase(page, 4)
    _next_phase(page, 5)

    # Phase 6 ends the effort and opens the prefilled report draft.
    _phase_section(page, 6).get_by_role(
        "button", name="Avsluta insatsen och skriv en erfarenhetsrapport"
    ).click()
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/rapporter/\d+/redigera/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ändra erfarenhetsrapporten")
    expect(page.get_by_text("Insatsen är avslutad.")).to_be_visible()
    report = ExperienceReport.objects.get(effort=effort)
    method = report.method
    assert method.title == PICTURES  # the first published method by title
    expect(page.get_by_label("Rubrik")).to_have_value(f"Erfarenheter från {TITLE}")
    chosen = page.get_by_role("group", name="Vilken metod använde ni?")
    expect(chosen.get_by_role("radio", name=PICTURES)).to_be_checked()
    expect(chosen.get_by_role("radio")).to_have_count(1)  # the chosen one, not every method
    expect(page.get_by_label("3. Genomförande")).to_have_value(PHASE3_NOTE)
    expect(page.get_by_label(re.compile("^1. Behov och mål"))).to_have_value(
        "Vi gick igenom egenkontrollen."
    )
    expect(page.get_by_label("Från", exact=True)).to_have_value(started.isoformat())
    expect(page.get_by_label("Till (om ni är klara)")).to_have_value(today.isoformat())
    expect(page.get_by_label(re.compile("^Verksamhet, grupp och behov"))).to_have_value(
        re.compile(re.escape(step.text))
    )
    assert_no_axe_violations(axe, page)

    # Sending it without consent: the errors are shown and tied to the field.
    page.get_by_role("button", name="Skicka till redaktionen").click()
    summary = page.get_by_role("alert", name=re.compile(r"Det finns \d+ fel i formuläret"))
    expect(summary).to_be_focused()
    consent = page.get_by_role("checkbox", name=re.compile("Vi samtycker"))
    expect(consent).to_have_accessible_description(re.compile("Kryssa i samtycket"))
    assert_no_axe_violations(axe, page)

    score = page.get_by_role("group", name="Skulle ni rekommendera metoden till andra företag?")
    score.get_by_role("radio", name="5 – Ja, absolut").check()
    consent.check()
    page.get_by_label("Hur upplevde deltagarna det?").fill("Roligt och tydligt.")
    page.get_by_label("Vad lärde de sig?").fill("Rutinerna för disk och kylar.")
    page.get_by_label("Används det i arbetet?").fill("Ja, bilderna sitter kvar vid disken.")
    page.get_by_label("Vad blev resultatet för verksamheten?").fill("Inga avvikelser i våras.")
    page.get_by_role("button", name="Skicka till redaktionen").click()
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/rapporter/$"))
    expect(page.get_by_text("Tack! Rapporten är skickad till redaktionen.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=report.title)
    expect(row).to_contain_text("Inskickad")
    assert_no_axe_violations(axe, page)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.recommend_score == 5
    assert report.phase_notes["genomforande"] == PHASE3_NOTE
    assert any(EDITOR in message.to for message in mail.outbox)

    # The editor finds it in the queue from the editorial start page and publishes it.
    editor = new_page()
    _log_in(editor, EDITOR, next_url="/redaktion/")
    editor.get_by_role("link", name="Erfarenhetsrapporter att granska").click()
    expect(editor).to_have_url(re.compile(r"/foretag/redaktion/rapporter/$"))
    expect(editor.get_by_role("heading", level=1)).to_have_text("Erfarenhetsrapporter att granska")
    assert_no_axe_violations(axe, editor)
    editor.get_by_role("link", name=report.title).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(f"Granska: {report.title}")
    expect(editor.get_by_text("Samtycke till publicering lämnat")).to_be_visible()
    expect(editor.get_by_text(PHASE3_NOTE)).to_be_visible()
    assert_no_axe_violations(axe, editor)
    mail.outbox.clear()
    editor.get_by_role("button", name="Publicera rapporten").click()
    expect(editor).to_have_url(re.compile(r"/foretag/redaktion/rapporter/$"))
    expect(editor.get_by_text("Rapporten är publicerad.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [[MEMBER]]
    assert editor.js_errors == []

    # A visitor sees it on the method page, with the count and the average score.
    published = ExperienceReport.objects.filter(method=method, status=Status.PUBLISHED)
    count = published.count()
    average = published.aggregate(avg=Avg("recommend_score"))["avg"]
    assert count >= 1
    visitor = new_page()
    visitor.goto(method.get_absolute_url())
    reports = visitor.locator("section").filter(
        has=visitor.get_by_role("heading", name="Erfarenheter från företag")
    )
    count_text = "1 publicerad rapport" if count == 1 else f"{count} publicerade rapporter"
    expect(reports.locator(".report-stats")).to_contain_text(count_text)
    expect(reports.locator(".report-stats")).to_contain_text(
        f"{average:.1f}".replace(".", ",") + " av 5 i genomsnitt"
    )
    article = reports.locator(f"#rapport-{report.pk}")
    expect(article.get_by_role("heading", level=3)).to_have_text(report.title)
    expect(article).to_contain_text("Rekommenderar: 5 av 5")
    expect(article).to_contain_text("Kafé Kompassen")
    assert visitor.js_errors == []

    # The progress view shows the effort as finished, all six phases done.
    page.goto("/foretag/kafe-kompassen/insatser/")
    effort_row = page.locator(".effort-row").filter(has_text=TITLE)
    expect(effort_row).to_contain_text(f"Avslutad {_swedish_date(today)}")
    expect(effort_row).to_contain_text("2 metoder")
    expect(effort_row.locator(".progress__step--done")).to_have_count(6)
    assert_no_axe_violations(axe, page)
    effort_row.get_by_role("link", name=TITLE).click()
    expect(page.locator(".page-header .eyebrow")).to_have_text("Avslutad")
    expect(page.get_by_role("link", name=report.title)).to_be_visible()
    expect(page.locator(".page-header")).to_contain_text("(Publicerad)")
    expect(page.get_by_role("button", name=re.compile("gå vidare|Avsluta insatsen"))).to_have_count(
        0
    )

    # The only console messages are the browser reporting the two forms' 400 status.
    assert [e for e in page.js_errors if "status of 400" not in e] == []


def test_company_editor_and_account_pages_have_no_axe_violations(demo_data, page, new_page, axe):
    # The company admin's profile form, also with an invalid organisation number.
    _log_in(page, COMPANY_ADMIN, next_url=f"{COMPANY}redigera/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Redigera profilen för Kafé Kompassen"
    )
    assert_no_axe_violations(axe, page)
    org_number = page.get_by_label(re.compile("^Organisationsnummer", re.I))
    org_number.fill("769612-3458")  # the check digit is wrong
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Spara profilen").click()
    assert posted.value.status == 400
    expect(page.get_by_role("alert", name="Det finns 1 fel i formuläret")).to_contain_text(
        "kontrollsiffran är fel"
    )
    expect(org_number).to_have_attribute("aria-invalid", "true")
    expect(org_number).to_have_accessible_description(re.compile("kontrollsiffran är fel"))
    assert_no_axe_violations(axe, page)
    assert Company.objects.get(slug="kafe-kompassen").org_number == "769612-3459"
    # The only console message is the browser reporting the form's 400 status.
    assert [e for e in page.js_errors if "status of 400" not in e] == []

    # The directory with two active filters.
    visitor = new_page()
    visitor.goto("/foretag/")
    filters = visitor.get_by_role("form", name="Filtrera")
    filters.get_by_role("checkbox", name=re.compile(r"^Örebro län \(\d+\)$")).check()
    filters.get_by_role("checkbox", name=re.compile(r"^Tar emot studiebesök \(\d+\)$")).check()
    filters.get_by_role("button", name="Visa företag").click()
    expect(visitor).to_have_url(re.compile(r"[?&]lan=orebro"))
    expect(visitor).to_have_url(re.compile(r"[?&]studiebesok=ja"))
    expect(visitor.get_by_role("list", name="Valda filter:").get_by_role("link")).to_have_count(2)
    expect(visitor.get_by_role("link", name="Kafé Kompassen")).to_be_visible()
    assert_no_axe_violations(axe, visitor)
    assert visitor.js_errors == []

    # The coordinator overview with its inline SVG charts, and a table as CSV.
    editor = new_page()
    _log_in(editor, EDITOR, next_url="/redaktion/oversikt/")
    expect(editor.get_by_role("heading", level=1)).to_have_text("Översikt för samordnare")
    expect(editor.get_by_role("img", name="Metoder per fas")).to_be_visible()
    assert_no_axe_violations(axe, editor)
    link = editor.get_by_role("link", name="Ladda ner metoder per fas som CSV")
    href = link.get_attribute("href")
    assert href == "?csv=faser"
    response = editor.request.get(urljoin(editor.url, href))  # with the editor's cookies
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    body = response.text()
    assert body.lstrip("\ufeff").startswith("Fas;Metoder")
    assert "3. Genomförande;" in body
    # Without the editor's session there is no CSV.
    refused = new_page().request.get("/redaktion/oversikt/?csv=faser", max_redirects=0)
    assert refused.status == 302
    assert "/konto/login/" in refused.headers["location"]
    assert editor.js_errors == []

    # The account deletion page, for a fresh member of a company.
    member = UserFactory(display_name="Nora Ny")
    MembershipFactory(user=member, company=Company.objects.get(slug="kafe-kompassen"))
    fresh = new_page()
    _log_in(fresh, member.email, PASSWORD, next_url="/konto/radera/")
    expect(fresh.get_by_role("heading", level=1)).to_have_text("Radera mitt konto")
    expect(fresh.get_by_text("Ditt medlemskap i 1 företag.")).to_be_visible()
    assert_no_axe_violations(axe, fresh)
    assert fresh.js_errors == []
