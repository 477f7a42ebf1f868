"""The personal-data guard on comments: a comment that looks like it holds a personnummer, a
phone number or an e-mail address comes back with the text kept and the findings named, and is
saved once the writer confirms (recorded in the method's audit log)."""

import pytest
from django.urls import reverse

from core.models import AuditAction, AuditEntry
from methods.models import Comment
from tests.factories import MethodFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = (
    "Texten ser ut att innehålla personuppgifter. Ändra texten, eller kryssa i att det inte är "
    "privata personuppgifter."
)
CONFIRM_LABEL = (
    "Jag har kontrollerat uppgifterna ovan. De är inte privata personuppgifter och får publiceras."
)


@pytest.fixture
def method(db):
    return MethodFactory(title="Visa – gör – öva", slug="visa-gor-ova")


@pytest.fixture
def writer(db):
    return UserFactory(display_name="Kim Kommentar")


def create_url(method) -> str:
    return reverse("methods:comment_create", args=[method.slug])


def confirmations():
    return AuditEntry.objects.filter(message__startswith="Bekräftade att kommentar")


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "Ring mig på 070-123 45 67 så berättar jag.",
            "Telefonnummer i ”Din kommentar”: <code>070-123 45 67</code>",
        ),
        (
            "Deltagaren 811218-9876 klarade det.",
            "Personnummer i ”Din kommentar”: <code>811218-9876</code>",
        ),
        (
            "Mejla kim@example.org för mallen.",
            "E-postadress i ”Din kommentar”: <code>kim@example.org</code>",
        ),
    ],
)
def test_a_comment_with_personal_data_is_shown_again_with_the_findings(
    client, method, writer, body, found
):
    client.force_login(writer)
    response = client.post(create_url(method), {"body": body})
    assert response.status_code == 400
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "Texten kan innehålla personuppgifter" in html
    assert found in html
    assert f">\n{body}</textarea>" in html  # the text as typed
    assert 'type="checkbox" name="bekrafta"' in html and CONFIRM_LABEL in html
    assert response.context["form"].errors == {"bekrafta": [REFUSAL]}
    assert not confirmations().exists()


def test_a_confirmed_comment_is_published_and_the_confirmation_recorded(client, method, writer):
    client.force_login(writer)
    body = "Ring mig på 070-123 45 67 så berättar jag."
    response = client.post(create_url(method), {"body": body, "bekrafta": "on"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{method.get_absolute_url()}#kommentar-{comment.pk}"
    assert (comment.body, comment.author, comment.method) == (body, writer, method)
    [entry] = confirmations()
    assert entry.actor == writer
    assert entry.action == AuditAction.SAVED
    assert entry.target == comment and entry.scope == method
    assert entry.summary == (
        f"Bekräftade att kommentar {comment.pk} på ”Visa – gör – öva” inte innehåller "
        "personuppgifter om någon deltagare."
    )


def test_a_comment_without_personal_data_is_published_directly(client, method, writer):
    client.force_login(writer)
    response = client.post(create_url(method), {"body": "Vi provade i disken. Det gick bra!"})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Vi provade i disken. Det gick bra!"
    assert not confirmations().exists()
    # The confirmation is asked only when something was found.
    assert "bekrafta" not in client.get(method.get_absolute_url()).content.decode()


def test_editing_a_comment_asks_the_same_and_keeps_the_saved_text_until_confirmed(
    client, method, writer
):
    comment = Comment.objects.create(method=method, author=writer, body="Bra metod!")
    client.force_login(writer)
    url = reverse("methods:comment_edit", args=[comment.pk])
    changed = "Bra metod! Frågor till kim@example.org."
    response = client.post(url, {"body": changed})
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "Bra metod!"
    html = response.content.decode()
    assert "E-postadress i ”Din kommentar”: <code>kim@example.org</code>" in html
    assert f">\n{changed}</textarea>" in html
    assert response.context["form"].errors == {"bekrafta": [REFUSAL]}

    response = client.post(url, {"body": changed, "bekrafta": "on"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == changed
    [entry] = confirmations()
    assert (entry.actor, entry.target) == (writer, comment)

    # Changed again without anything personal: saved directly, nothing more to confirm.
    response = client.post(url, {"body": "Bra metod!"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Bra metod!"
    assert confirmations().count() == 1
