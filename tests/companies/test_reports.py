"""Experience reports: writing them, the editors' review, and what the method page shows."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from companies import services
from companies.models import ExperienceReport
from core.error_summary import ErrorLink
from core.models import AuditAction, AuditEntry
from core.review import ReviewError
from methods.choices import EvidenceStatus, Status
from methods.models import Method
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MembershipFactory,
    MethodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "stranger", "company_admin", "editor", "superuser"]
WRITERS = {"member", "company_admin", "editor", "superuser"}
EDITORS = {"editor", "superuser"}


@pytest.fixture
def login(client, request):
    def login_as(role: str):
        if role == "anonymous":
            return None
        user = request.getfixturevalue(role)
        client.force_login(user)
        return user

    return login_as


@pytest.fixture
def method(db):
    return MethodFactory(title="Visa – gör – öva", slug="visa-gor-ova")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def new_url(company) -> str:
    return reverse("companies:report_new", args=[company.slug])


def edit_url(report) -> str:
    return reverse("companies:report_edit", args=[report.company.slug, report.pk])


def list_url(company) -> str:
    return reverse("companies:reports", args=[company.slug])


def review_url(report) -> str:
    return reverse("companies:report_review", args=[report.pk])


def form_data(method, **overrides) -> dict:
    data = {
        "method": method.pk,
        "title": "Hygienrutiner i caféet",
        "period_start": "2026-01-12",
        "period_end": "2026-03-20",
        "context": "Caféet, fyra deltagare som var nya i köket.",
        "adaptations": "Bildstöd vid diskbänken.",
        "phase_behov-och-mal": "Vi kopplade behovet till livsmedelskontrollen.",
        "phase_genomforande": "Handledaren visade, deltagarna övade.",
        "phase_efterarbete": "",
        "outcome_reaction": "De tyckte att det var roligt.",
        "outcome_learning": "Rutinerna för rengöring.",
        "outcome_behaviour": "Ja, varje morgon.",
        "outcome_results": "Inga anmärkningar vid kontrollen.",
        "helping_deltagare": ["deltagare-motivation"],
        "helping_arbetsplats": ["arbetsplats-tid", "arbetsplats-handledare"],
        "hindering_upplagg": ["upplagg-takt"],
        "helped": "Handledaren var med varje pass.",
        "hindered": "Lunchrusningen.",
        "hours_spent": "12,5",
        "cost_sek": "1500",
        "used_external_trainer": "on",
        "external_trainer_notes": "Kommunens miljöinspektör kom en gång.",
        "recommend_score": "4",
        "consent_to_publish": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_report(company, author, method, status=Status.DRAFT, **kwargs) -> ExperienceReport:
    return ExperienceReportFactory(
        company=company, author=author, method=method, status=status, **kwargs
    )


# Writing a report


def test_member_saves_a_draft_without_consent(
    client, company, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            new_url(company), {**form_data(method, consent_to_publish=None), "spara": ""}
        )
    report = ExperienceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(report)
    assert messages_of(response) == ["Utkastet är sparat. Bara ni och redaktionen kan se det."]
    assert (report.company, report.method, report.author, report.status) == (
        company,
        method,
        member,
        Status.DRAFT,
    )
    assert report.title == "Hygienrutiner i caféet"
    assert (report.period_start, report.period_end) == (date(2026, 1, 12), date(2026, 3, 20))
    assert report.phase_notes == {
        "behov-och-mal": "Vi kopplade behovet till livsmedelskontrollen.",
        "genomforande": "Handledaren visade, deltagarna övade.",
    }
    assert report.helping_factors == [
        "deltagare-motivation",
        "arbetsplats-handledare",
        "arbetsplats-tid",
    ]
    assert report.hindering_factors == ["upplagg-takt"]
    assert report.outcome_behaviour == "Ja, varje morgon."
    assert (report.hours_spent, report.cost_sek) == (Decimal("12.5"), 1500)
    assert report.used_external_trainer is True
    assert report.recommend_score == 4
    assert (report.consent_to_publish, report.consent_recorded_at) == (False, None)
    assert report.published_at is None
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.scope) == (
        member,
        AuditAction.CREATED,
        report,
        method,
    )
    assert mailoutbox == []
    method.refresh_from_db()
    assert method.report_count == 0


def test_member_submits_a_report_and_editors_are_told(
    client, company, member, editor, superuser, method, mailoutbox,
    django_capture_on_commit_callbacks, settings,
):  # fmt: skip
    settings.SITE_URL = "https://handbok.example"
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new_url(company), {**form_data(method), "skicka": ""})
    report = ExperienceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == list_url(company)
    assert messages_of(response) == [
        "Tack! Rapporten är skickad till redaktionen. Du får ett mejl när den är granskad."
    ]
    assert report.status == Status.SUBMITTED
    assert report.consent_to_publish is True
    assert report.consent_recorded_at is not None
    assert report.published_at is None
    assert [(e.action, e.target, e.scope, e.actor) for e in AuditEntry.objects.order_by("pk")] == [
        (AuditAction.CREATED, report, method, member),
        (AuditAction.SUBMITTED, report, method, member),
    ]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == sorted([editor.email, superuser.email])
    assert mail.subject == (
        "[Kompetenshandboken] Ny erfarenhetsrapport att granska: ”Hygienrutiner i caféet”"
    )
    assert "Mira Medlem på Kafé Test har skickat in erfarenhetsrapporten" in mail.body
    assert f"https://handbok.example/foretag/redaktion/rapporter/{report.pk}/" in mail.body
    method.refresh_from_db()
    assert method.report_count == 0  # not published yet


def test_consent_is_required_to_submit_and_nothing_typed_is_lost(
    client, company, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            new_url(company), {**form_data(method, consent_to_publish=None), "skicka": ""}
        )
    assert response.status_code == 400
    assert ExperienceReport.objects.count() == 0
    assert mailoutbox == []
    html = response.content.decode()
    assert "Kryssa i samtycket för att kunna skicka rapporten till redaktionen." in html
    assert 'id="id_consent_to_publish_error"' in html
    assert "Lunchrusningen." in html
    assert "Handledaren visade, deltagarna övade." in html
    assert 'value="12,5"' in html
    assert 'value="arbetsplats-tid" id="id_helping_arbetsplats_2" checked' in html


def test_invalid_report_is_shown_again_with_errors_next_to_the_fields(
    client, company, member, method
):
    client.force_login(member)
    response = client.post(
        new_url(company),
        {**form_data(method, title="", period_end="2025-12-01", recommend_score=None), "spara": ""},
    )
    assert response.status_code == 400
    assert ExperienceReport.objects.count() == 0
    form = response.context["form"]
    assert form.errors == {
        "title": ["Skriv en rubrik."],
        "period_end": ["Slutdatumet kan inte vara före startdatumet."],
        "recommend_score": ["Välj hur gärna ni rekommenderar metoden."],
    }
    html = response.content.decode()
    assert "<title>Fel: Ny erfarenhetsrapport – Kompetenshandboken</title>" in html
    assert "Det finns 3 fel i formuläret" in html
    assert 'id="id_title_error"' in html
    assert "Handledaren var med varje pass." in html


def test_form_groups_factors_and_asks_plain_outcome_questions(client, company, member, method):
    client.force_login(member)
    html = client.get(new_url(company)).content.decode()
    for text in [
        "Hur upplevde deltagarna det?",
        "Vad lärde de sig?",
        "Används det i arbetet?",
        "Vad blev resultatet för verksamheten?",
        "<legend>Deltagaren</legend>",
        "<legend>Upplägget</legend>",
        "<legend>Arbetsplatsen</legend>",
        "5 – Ja, absolut",
        "Vi samtycker till att rapporten publiceras i handboken. Den innehåller inga uppgifter "
        "om enskilda personers hälsa.",
        "Spara utkast",
        "Skicka till redaktionen",
        'name="phase_tillampning"',
    ]:
        assert text in html, text
    assert html.count('<fieldset class="matrix-phase"') == 8


def test_method_can_be_chosen_in_advance_among_published_methods(client, company, member, method):
    hidden = MethodFactory(title="Opublicerad metod", status=Status.DRAFT)
    client.force_login(member)
    response = client.get(new_url(company), {"metod": method.slug})
    assert response.context["form"]["method"].value() == method.pk
    html = response.content.decode()
    assert re.search(rf'<input type="radio" name="method" value="{method.pk}"[^>]* checked', html)
    assert "Opublicerad metod" not in html
    # Any other method is found by a search in the form, which keeps what was typed; a
    # method that is not published is never offered.
    data = {**form_data(method), "title": "Vår rubrik", "method_q": "metod", "method_find": "1"}
    found = client.post(new_url(company), data)
    assert found.status_code == 200
    assert 'value="Vår rubrik"' in found.content.decode()
    assert "Opublicerad metod" not in found.content.decode()
    assert ExperienceReport.objects.count() == 0
    response = client.get(new_url(company), {"metod": hidden.slug})
    assert response.context["form"]["method"].value() is None
    response = client.post(new_url(company), {**form_data(hidden), "spara": ""})
    assert response.status_code == 400
    assert "method" in response.context["form"].errors


def test_personal_data_must_be_removed_or_confirmed_to_submit(
    client, company, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    data = form_data(method, hindered="Ring Ali på 070-123 45 67 om schemat.")
    response = client.post(new_url(company), {**data, "skicka": ""})
    assert response.status_code == 400
    assert ExperienceReport.objects.count() == 0
    html = response.content.decode()
    assert "Texten kan innehålla personuppgifter" in html
    assert "Telefonnummer i ”Berätta mer om det som hindrade”: <code>070-123 45 67</code>" in html
    assert 'name="confirm_personal_data"' in html
    assert response.context["form"].errors == {
        "confirm_personal_data": [
            "Texten ser ut att innehålla personuppgifter. Ta bort dem eller bekräfta att de "
            "får publiceras."
        ]
    }
    # A draft is stored and seen by the whole company: it is asked about too.
    response = client.post(new_url(company), {**data, "spara": ""})
    assert response.status_code == 400
    assert ExperienceReport.objects.count() == 0
    assert "Ring Ali på 070-123 45 67 om schemat.</textarea>" in response.content.decode()
    response = client.post(new_url(company), {**data, "confirm_personal_data": "on", "spara": ""})
    report = ExperienceReport.objects.get()
    assert report.status == Status.DRAFT
    # Opened again, the warning is there before anything is sent.
    html = client.get(edit_url(report)).content.decode()
    assert "Telefonnummer i ”Berätta mer om det som hindrade”: <code>070-123 45 67</code>" in html
    # Confirmed explicitly: submitted.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(report), {**data, "confirm_personal_data": "on", "skicka": ""}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert len(mailoutbox) == 0  # no editors in this test
    # The guard also looks at phase notes.
    other = make_report(company, member, method, phase_notes={"efterarbete": "ali@example.org"})
    with pytest.raises(ReviewError):
        services.submit_report(other, member)


def test_member_edits_a_draft_and_resubmits_after_changes_requested(
    client, company, member, company_admin, method, editor, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    report = make_report(
        company, member, method, status=Status.CHANGES_REQUESTED, consent_to_publish=False
    )
    client.force_login(company_admin)  # any member of the company may continue
    response = client.get(edit_url(report))
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == report.title
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(report), {**form_data(method, title="Ny rubrik"), "skicka": ""}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.status, report.author) == ("Ny rubrik", Status.SUBMITTED, member)
    assert [m.to for m in mailoutbox] == [[editor.email]]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.ARCHIVED])
def test_members_cannot_change_a_report_that_left_their_hands(
    client, company, member, method, status
):
    report = make_report(company, member, method, status=status)
    client.force_login(member)
    response = client.post(edit_url(report), {**form_data(method, title="Ändrad"), "spara": ""})
    assert response.status_code == 302
    assert response["Location"] == list_url(company)
    report.refresh_from_db()
    assert report.title != "Ändrad"
    assert report.status == status
    assert "kan inte ändras nu" in messages_of(response)[0]


def test_editor_edits_a_published_report_and_moving_it_updates_both_methods(
    client, company, member, editor, method
):
    report = make_report(company, member, method, status=Status.PUBLISHED)
    other = MethodFactory()
    method.refresh_from_db()
    assert method.report_count == 1
    client.force_login(editor)
    # Consent cannot be withdrawn from a published report here.
    response = client.post(
        edit_url(report), {**form_data(other, consent_to_publish=None), "spara": ""}
    )
    assert response.status_code == 400
    response = client.post(edit_url(report), {**form_data(other), "spara": ""})
    assert response.status_code == 302
    assert response["Location"] == review_url(report)
    report.refresh_from_db()
    assert (report.method, report.status) == (other, Status.PUBLISHED)
    method.refresh_from_db()
    other.refresh_from_db()
    assert (method.report_count, other.report_count) == (0, 1)


# Permissions for writing


@pytest.mark.parametrize("role", ROLES)
def test_report_form_permissions(client, login, company, member, method, role):
    draft = make_report(company, member, method)
    login(role)
    urls = [new_url(company), edit_url(draft), list_url(company)]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/konto/login/?next=")
        elif role in WRITERS:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
    before = ExperienceReport.objects.count()
    response = client.post(new_url(company), {**form_data(method), "spara": ""})
    response_edit = client.post(edit_url(draft), {**form_data(method, title="Ändrad"), "spara": ""})
    draft.refresh_from_db()
    if role in WRITERS:
        assert (response.status_code, response_edit.status_code) == (302, 302)
        assert ExperienceReport.objects.count() == before + 1
        assert draft.title == "Ändrad"
    else:
        expected = 302 if role == "anonymous" else 403
        assert (response.status_code, response_edit.status_code) == (expected, expected)
        assert ExperienceReport.objects.count() == before
        assert draft.title != "Ändrad"


def test_report_of_another_company_or_unknown_company_is_404(client, company, member, method):
    other_company = CompanyFactory()
    MembershipFactory(user=member, company=other_company)
    foreign = make_report(other_company, UserFactory(), method)
    client.force_login(member)
    url = reverse("companies:report_edit", args=[company.slug, foreign.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("companies:report_new", args=["finns-inte"])).status_code == 404


def test_company_report_list_shows_every_state_with_links(client, company, member, method):
    draft = make_report(company, member, method, title="Vårt utkast")
    published = make_report(company, member, method, status=Status.PUBLISHED, title="Ute")
    make_report(CompanyFactory(), UserFactory(), method, title="Någon annans")
    client.force_login(member)
    html = client.get(list_url(company)).content.decode()
    assert f'<a href="{edit_url(draft)}">Vårt utkast</a>' in html
    assert f'href="/metoder/visa-gor-ova/#rapport-{published.pk}">Ute</a>' in html
    assert "Någon annans" not in html
    assert "Utkast" in html and "Publicerad" in html


@pytest.mark.parametrize("size", [1, 8])
def test_company_report_list_query_count_is_constant(
    client, company, member, method, django_assert_num_queries, size
):
    for _ in range(size):
        make_report(company, UserFactory(), MethodFactory())
    client.force_login(member)
    # session, user (with is_editor), company, membership check, reports
    with django_assert_num_queries(5):
        response = client.get(list_url(company))
    assert len(response.context["reports"]) == size


# The editors' review


@pytest.mark.parametrize("role", ROLES)
def test_editor_pages_and_decisions_are_for_editors_only(
    client, login, company, member, method, role, django_capture_on_commit_callbacks
):
    submitted = make_report(company, member, method, status=Status.SUBMITTED)
    to_send_back = make_report(company, member, method, status=Status.SUBMITTED)
    published = make_report(company, member, method, status=Status.PUBLISHED)
    login(role)
    gets = [reverse("companies:report_queue"), review_url(submitted)]
    posts = [
        (reverse("companies:report_publish", args=[submitted.pk]), {}),
        (
            reverse("companies:report_request_changes", args=[to_send_back.pk]),
            {"meddelande": "Mer om fas 5."},
        ),
        (reverse("companies:report_archive", args=[published.pk]), {}),
    ]
    for url in gets:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/konto/login/?next=")
        else:
            assert response.status_code == (200 if role in EDITORS else 403), url
    for url, data in posts:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/konto/login/?next=")
        else:
            assert response.status_code == (302 if role in EDITORS else 403), url
    statuses = [
        ExperienceReport.objects.get(pk=r.pk).status for r in (submitted, to_send_back, published)
    ]
    if role in EDITORS:
        assert statuses == [Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.ARCHIVED]
    else:
        assert statuses == [Status.SUBMITTED, Status.SUBMITTED, Status.PUBLISHED]


def test_queue_lists_submitted_reports_oldest_first(client, editor, company, member, method):
    newer = make_report(company, member, method, status=Status.SUBMITTED, title="Nyare")
    older = make_report(company, member, method, status=Status.SUBMITTED, title="Äldre")
    ExperienceReport.objects.filter(pk=older.pk).update(
        updated_at=newer.updated_at.replace(year=2020)
    )
    make_report(company, member, method, title="Utkastet")
    make_report(company, member, method, status=Status.PUBLISHED, title="Publicerad redan")
    client.force_login(editor)
    response = client.get(reverse("companies:report_queue"))
    assert [r.title for r in response.context["queue"]] == ["Äldre", "Nyare"]
    html = response.content.decode()
    assert "Utkastet" not in html and "Publicerad redan" not in html
    assert f'href="{review_url(older)}"' in html


@pytest.mark.parametrize("size", [1, 8])
def test_queue_query_count_is_constant(client, editor, django_assert_num_queries, size):
    for _ in range(size):
        ExperienceReportFactory(status=Status.SUBMITTED)
        ExperienceReportFactory(status=Status.CHANGES_REQUESTED)
    client.force_login(editor)
    # session, user (with is_editor), submitted, waiting for authors
    with django_assert_num_queries(4):
        response = client.get(reverse("companies:report_queue"))
    assert len(response.context["queue"]) == size


def test_editor_publishes_a_report_and_the_author_is_told(
    client, editor, company, member, method, mailoutbox, django_capture_on_commit_callbacks,
    settings,
):  # fmt: skip
    settings.SITE_URL = "https://handbok.example"
    report = make_report(
        company, member, method, status=Status.SUBMITTED, title="Så gick det",
        phase_notes={"genomforande": "Vi övade i caféet."}, outcome_reaction="Kul.",
    )  # fmt: skip
    client.force_login(editor)
    html = client.get(review_url(report)).content.decode()
    assert "Fas 3: Genomförande" in html
    assert "Samtycke till publicering lämnat" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:report_publish", args=[report.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:report_queue")
    assert messages_of(response) == ["Rapporten är publicerad."]
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert report.published_at is not None
    entry = AuditEntry.objects.get(action=AuditAction.PUBLISHED)
    assert (entry.actor, entry.target, entry.scope) == (editor, report, method)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [member.email]
    assert mail.subject == "[Kompetenshandboken] Er erfarenhetsrapport ”Så gick det” är publicerad"
    assert f"https://handbok.example/metoder/visa-gor-ova/#rapport-{report.pk}" in mail.body
    method.refresh_from_db()
    assert (method.report_count, method.evidence_status) == (1, EvidenceStatus.TRIED_ONCE)
    page = client.get(method.get_absolute_url()).content.decode()
    assert "Så gick det" in page
    assert "Vi övade i caféet." in page


def test_request_changes_needs_a_message_and_mails_it_to_the_author(
    client, editor, company, member, method, mailoutbox, django_capture_on_commit_callbacks,
    settings,
):  # fmt: skip
    settings.SITE_URL = "https://handbok.example"
    report = make_report(company, member, method, status=Status.SUBMITTED, title="Rapporten")
    client.force_login(editor)
    url = reverse("companies:report_request_changes", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"meddelande": "   "})
    assert response.status_code == 400
    assert response.context["page_errors"] == [
        ErrorLink("Skriv vad som behöver ändras.", "meddelande")
    ]
    html = response.content.decode()
    assert (
        '<ul class="field__errors" id="meddelande_error">'
        "<li>Skriv vad som behöver ändras.</li></ul>" in html
    )
    assert 'aria-invalid="true" aria-describedby="meddelande_error"' in html
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"meddelande": "Berätta mer om uppföljningen & tiden."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CHANGES_REQUESTED
    entry = AuditEntry.objects.get(action=AuditAction.CHANGES_REQUESTED)
    assert (entry.actor, entry.target, entry.scope) == (editor, report, method)
    assert entry.summary == (
        "Begärde ändringar i erfarenhetsrapporten ”Rapporten”: "
        "Berätta mer om uppföljningen & tiden."
    )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [member.email]
    assert mail.subject == "[Kompetenshandboken] Redaktionen ber er ändra ”Rapporten”"
    assert "Berätta mer om uppföljningen & tiden." in mail.body
    assert f"https://handbok.example{edit_url(report)}" in mail.body


def test_report_without_consent_cannot_be_published(
    client, editor, company, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    report = make_report(company, member, method, status=Status.SUBMITTED, consent_to_publish=False)
    client.force_login(editor)
    assert "Inget samtycke till publicering" in client.get(review_url(report)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("companies:report_publish", args=[report.pk]))
    assert response.status_code == 400
    refusal = "Företaget har inte samtyckt till publicering. Rapporten kan inte publiceras."
    assert response.context["page_errors"] == [ErrorLink(refusal, "beslut-publicera")]
    html = response.content.decode()
    assert f'<li><a href="#beslut-publicera">{refusal}</a></li>' in html
    assert f'<ul class="field__errors" id="beslut-publicera_error"><li>{refusal}</li></ul>' in html
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action=AuditAction.PUBLISHED).exists()


def test_personal_data_must_be_confirmed_by_the_editor_to_publish(
    client, editor, company, member, method
):
    report = make_report(
        company, member, method, status=Status.SUBMITTED, helped="Mejla kim@example.org."
    )
    client.force_login(editor)
    url = reverse("companies:report_publish", args=[report.pk])
    assert client.post(url).status_code == 400
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert client.post(url, {"bekrafta": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED


def test_archiving_and_republishing_keep_the_method_count_current(
    client, editor, company, member, method, mailoutbox, django_capture_on_commit_callbacks
):
    report = make_report(company, member, method, status=Status.PUBLISHED)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("companies:report_archive", args=[report.pk]))
    method.refresh_from_db()
    report.refresh_from_db()
    assert (report.status, method.report_count) == (Status.ARCHIVED, 0)
    assert "är arkiverad" in mailoutbox[0].subject
    assert client.get(method.get_absolute_url()).context["reports"] == []
    client.post(reverse("companies:report_publish", args=[report.pk]))
    method.refresh_from_db()
    assert method.report_count == 1


def test_services_refuse_wrong_transitions(company, member, editor, method):
    draft = make_report(company, member, method)
    with pytest.raises(ReviewError):
        services.request_report_changes(draft, editor, "Något")
    with pytest.raises(ReviewError):
        services.archive_report(draft, editor)
    published = make_report(company, member, method, status=Status.PUBLISHED)
    with pytest.raises(ReviewError):
        services.publish_report(published, editor)
    with pytest.raises(ReviewError):
        services.submit_report(published, member)
    no_consent = make_report(company, member, method, consent_to_publish=False)
    with pytest.raises(ReviewError):
        services.submit_report(no_consent, member)


# The method page


def test_method_page_shows_report_statistics(client, method):
    ExperienceReportFactory(
        method=method, recommend_score=4,
        helping_factors=["arbetsplats-handledare", "upplagg-ovning", "deltagare-motivation"],
        hindering_factors=["arbetsplats-tid"],
    )  # fmt: skip
    ExperienceReportFactory(
        method=method, recommend_score=5,
        helping_factors=["arbetsplats-handledare", "upplagg-ovning"],
        hindering_factors=["arbetsplats-tid", "deltagare-sprak"],
    )  # fmt: skip
    ExperienceReportFactory(
        method=method, recommend_score=5,
        helping_factors=["arbetsplats-handledare", "upplagg-bilder", "deltagare-sprak"],
    )  # fmt: skip
    ExperienceReportFactory(
        method=method, recommend_score=1, status=Status.SUBMITTED,
        helping_factors=["deltagare-ork"],
    )  # fmt: skip
    response = client.get(method.get_absolute_url())
    stats = response.context["report_stats"]
    assert stats["count"] == 3
    assert stats["average_score"] == pytest.approx(14 / 3)
    # Ties keep the order of the vocabulary: participant, design, workplace.
    assert stats["top_helping"] == [
        ("Stöd från handledaren", 3),
        ("Mycket övning i verkliga uppgifter", 2),
        ("Deltagarens motivation och delaktighet", 1),
    ]
    assert stats["top_hindering"] == [("Tid avsatt i schemat", 2), ("Språk och läsförmåga", 1)]
    html = response.content.decode()
    assert "3 publicerade rapporter" in html
    assert "4,7 av 5 i genomsnitt" in html
    assert "Stöd från handledaren (3 rapporter)" in html
    assert "Språk och läsförmåga (1 rapport)" in html
    assert "Bilder, film och visning i stället för text (" not in html  # fourth: not in top 3
    assert "Ork och dagsform" not in html  # only in the unpublished report


def test_method_page_shows_phase_notes_outcomes_and_factors(client, method):
    ExperienceReportFactory(
        method=method,
        phase_notes={"utvardering": "Vi följde upp efter sex veckor.", "behov-och-mal": "Behovet."},
        outcome_reaction="Deltagarna var nöjda.",
        outcome_results="Färre fel i kassan.",
        helping_factors=["upplagg-bilder"],
        hindering_factors=["deltagare-ork"],
        hours_spent=Decimal("12.5"),
        cost_sek=1500,
    )
    html = client.get(method.get_absolute_url()).content.decode()
    assert html.index("Fas 1: Behov och mål") < html.index("Fas 6: Utvärdering och delning")
    for text in [
        "Vi följde upp efter sex veckor.",
        "<dt>Hur upplevde deltagarna det?</dt><dd>Deltagarna var nöjda.</dd>",
        "<dt>Vad blev resultatet för verksamheten?</dt><dd>Färre fel i kassan.</dd>",
        "<li>Bilder, film och visning i stället för text</li>",
        "<li>Ork och dagsform</li>",
        "12,5 timmar",
    ]:
        assert text in html, text


def test_members_get_a_link_to_write_a_report_about_the_method(
    client, company, member, stranger, editor, method
):
    expected = f'href="{new_url(company)}?metod=visa-gor-ova"'
    assert expected not in client.get(method.get_absolute_url()).content.decode()
    client.force_login(editor)
    assert (
        "Skriv en erfarenhetsrapport" not in client.get(method.get_absolute_url()).content.decode()
    )
    client.force_login(member)
    html = client.get(method.get_absolute_url()).content.decode()
    assert expected in html
    assert "Skriv en erfarenhetsrapport</a>" in html
    second = CompanyFactory(name="Andra bolaget")
    MembershipFactory(user=member, company=second)
    html = client.get(method.get_absolute_url()).content.decode()
    assert "Skriv en erfarenhetsrapport för Andra bolaget" in html
    assert "Skriv en erfarenhetsrapport för Kafé Test" in html


def test_evidence_status_follows_published_reports_from_one_and_two_companies(
    client, company, member, editor, method
):
    first = make_report(company, member, method, status=Status.SUBMITTED)
    services.publish_report(first, editor)
    html = client.get(method.get_absolute_url()).content.decode()
    assert "<dt>Kunskapsläge</dt><dd>Prövad i ett företag</dd>" in html
    same_company = make_report(company, member, method, status=Status.SUBMITTED)
    services.publish_report(same_company, editor)
    method.refresh_from_db()
    assert (method.report_count, method.evidence_status) == (2, EvidenceStatus.TRIED_ONCE)
    other = make_report(CompanyFactory(), UserFactory(), method, status=Status.SUBMITTED)
    services.publish_report(other, editor)
    html = client.get(method.get_absolute_url()).content.decode()
    assert "<dt>Kunskapsläge</dt><dd>Prövad i flera företag</dd>" in html
    method.refresh_from_db()
    assert method.report_count == 3
    services.archive_report(other, editor)
    method.refresh_from_db()
    assert (method.report_count, method.evidence_status) == (2, EvidenceStatus.TRIED_ONCE)


def test_method_page_reads_reports_only_when_it_has_published_ones(
    client, company, member, editor, method
):
    """The query that loads the method says whether it has a published report; without one
    the page asks nothing more, and a report shows as soon as it is published."""
    report = make_report(company, member, method, status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(method.get_absolute_url())
    assert response.context["reports"] == []
    assert not [q for q in queries if q["sql"].startswith('SELECT "companies_experiencereport"')]
    assert "Inga erfarenheter är rapporterade än." in response.content.decode()
    services.publish_report(report, editor)
    response = client.get(method.get_absolute_url())
    assert [r.pk for r in response.context["reports"]] == [report.pk]
    assert f'id="rapport-{report.pk}"' in response.content.decode()
    services.archive_report(report, editor)
    assert client.get(method.get_absolute_url()).context["reports"] == []


@pytest.mark.parametrize("size", [1, 7])
def test_method_page_query_count_for_a_member_is_constant(
    client, company, member, method, django_assert_num_queries, size
):
    for n in range(size):
        ExperienceReportFactory(
            method=method,
            phase_notes={"genomforande": f"Text {n}"},
            helping_factors=["upplagg-ovning"],
        )
    client.force_login(member)
    # session, user (with the member's companies and editor status), method, phases, areas,
    # lines, roles, steps, reports, site version + all phases (then cached), similar and
    # same-line methods (one query) (the method's own query says it has no films, links,
    # trainers or comments, so those are not read)
    with django_assert_num_queries(12):
        response = client.get(method.get_absolute_url())
    assert len(response.context["reports"]) == size
    assert Method.objects.get(pk=method.pk).report_count == size
