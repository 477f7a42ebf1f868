"""The personal-data guard on experience reports: a draft, a change or a submission whose text
looks like it holds a personnummer, a phone number or an e-mail address comes back with the
text kept and the findings named by field; confirmed, it is saved and the confirmation
recorded in the method's audit log."""

import pytest
from django.urls import reverse

from companies.models import ExperienceReport
from core.models import AuditAction, AuditEntry
from methods.choices import Status
from tests.companies.test_reports import edit_url, form_data, make_report, new_url
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Texten ser ut att innehålla personuppgifter. Ta bort dem eller bekräfta att de får publiceras."
)


@pytest.fixture
def method(db):
    return MethodFactory(title="Visa – gör – öva", slug="visa-gor-ova")


def confirmations():
    return AuditEntry.objects.filter(message__startswith="Bekräftade att erfarenhetsrapporten")


def test_a_new_draft_with_personal_data_is_not_saved_and_keeps_the_text(
    client, company, member, method
):
    client.force_login(member)
    data = form_data(method, context="Anna, 811218-9876, började i caféet.")
    response = client.post(new_url(company), {**data, "spara": ""})
    assert response.status_code == 400
    assert not ExperienceReport.objects.exists()
    html = response.content.decode()
    assert "Texten kan innehålla personuppgifter" in html
    assert "Personnummer i ”Verksamhet, grupp och behov”: <code>811218-9876</code>" in html
    assert ">\nAnna, 811218-9876, började i caféet.</textarea>" in html
    assert response.context["form"].errors == {"confirm_personal_data": [REFUSAL]}
    assert not confirmations().exists()


def test_a_confirmed_draft_is_saved_and_who_confirmed_is_recorded(client, company, member, method):
    client.force_login(member)
    data = form_data(method, context="Anna, 811218-9876, började i caféet.")
    response = client.post(new_url(company), {**data, "confirm_personal_data": "on", "spara": ""})
    report = ExperienceReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(report)
    assert report.status == Status.DRAFT
    assert report.context == "Anna, 811218-9876, började i caféet."
    [entry] = confirmations()
    assert (entry.actor, entry.action) == (member, AuditAction.SAVED)
    assert entry.target == report and entry.scope == method
    assert entry.summary == (
        "Bekräftade att erfarenhetsrapporten ”Hygienrutiner i caféet” inte innehåller "
        "personuppgifter om någon deltagare."
    )


def test_changing_a_draft_to_hold_personal_data_in_a_phase_note_asks_first(
    client, company, member, method
):
    report = make_report(company, member, method, title="Hygienrutiner i caféet")
    client.force_login(member)
    data = form_data(method, **{"phase_genomforande": "Frågor till handledaren på 0701234567."})
    response = client.post(edit_url(report), {**data, "spara": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert "0701234567" not in str(report.phase_notes)
    html = response.content.decode()
    assert "Telefonnummer i ”3. Genomförande”: <code>0701234567</code>" in html
    assert ">\nFrågor till handledaren på 0701234567.</textarea>" in html

    response = client.post(edit_url(report), {**data, "confirm_personal_data": "on", "spara": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.phase_notes["genomforande"] == "Frågor till handledaren på 0701234567."
    assert [entry.actor for entry in confirmations()] == [member]


def test_submitting_with_personal_data_needs_the_confirmation_too(
    client, company, member, method, django_capture_on_commit_callbacks
):
    client.force_login(member)
    data = form_data(method, hindered="Mejla ali@example.org om schemat.")
    response = client.post(new_url(company), {**data, "skicka": ""})
    assert response.status_code == 400
    assert not ExperienceReport.objects.exists()
    assert (
        "E-postadress i ”Berätta mer om det som hindrade”: <code>ali@example.org</code>"
        in response.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            new_url(company), {**data, "confirm_personal_data": "on", "skicka": ""}
        )
    assert response.status_code == 302
    report = ExperienceReport.objects.get()
    assert report.status == Status.SUBMITTED
    assert [entry.actor for entry in confirmations()] == [member]


def test_a_report_without_personal_data_is_saved_and_submitted_directly(
    client, company, member, method, django_capture_on_commit_callbacks
):
    client.force_login(member)
    response = client.post(new_url(company), {**form_data(method), "spara": ""})
    assert response.status_code == 302
    report = ExperienceReport.objects.get()
    assert report.status == Status.DRAFT
    html = client.get(edit_url(report)).content.decode()
    assert "Texten kan innehålla personuppgifter" not in html
    assert 'name="confirm_personal_data"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(report), {**form_data(method), "skicka": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:reports", args=[company.slug])
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert not confirmations().exists()
