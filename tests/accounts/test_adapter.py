"""The account adapter carries a signup's `next` through the confirmation mail, never offsite."""

from __future__ import annotations

import re
import time
from unittest import mock
from urllib.parse import quote

import pytest
from django.test import Client

from accounts.adapter import local_next
from companies.models import Invitation, Membership
from tests.formpage import form_data

# The database first: its set-up gives Django's mail outbox a new list, which `mailoutbox`
# would otherwise miss when a test asks for it before a fixture that needs the database.
pytestmark = pytest.mark.django_db

PASSWORD = "ett-langt-losen-77"
INVITED = "ny@example.org"


@pytest.mark.parametrize(
    "url",
    ["/foretag/inbjudan/abc123/", "/metoder/trepartssamtal/?flik=steg#fas-2", "/"],
)
def test_local_next_keeps_a_path_on_this_site(url):
    assert local_next(url) == url


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://angripare.example/foretag/inbjudan/abc/",
        "http://testserver/foretag/",  # even this site's own host: a mail carries paths only
        "//angripare.example/",
        "/\\angripare.example/",
        "\\\\angripare.example/",
        "javascript:alert(1)",
        "foretag/inbjudan/abc/",
        " //angripare.example/",
        "\t/\t/angripare.example/",
    ],
)
def test_local_next_refuses_anything_else(url):
    assert local_next(url) is None


def _sign_up(client: Client, next_url: str, email: str = INVITED):
    return client.post(
        f"/konto/signup/?next={quote(next_url, safe='')}",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": next_url},
    )


def _confirmation_link(mailoutbox, email: str = INVITED) -> str:
    [message] = [m for m in mailoutbox if m.to == [email]]
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+)", message.body)
    assert link, message.body
    return link.group(1)


@pytest.fixture
def invitation(company, company_admin):
    return Invitation.objects.create(company=company, email=INVITED, invited_by=company_admin)


def _invitation_path(invitation) -> str:
    return f"/foretag/inbjudan/{invitation.token}/"


def test_signup_next_rides_along_in_the_confirmation_link(client, mailoutbox, invitation):
    response = _sign_up(client, _invitation_path(invitation))
    assert (response.status_code, response["Location"]) == (302, "/konto/confirm-email/")
    link = _confirmation_link(mailoutbox)
    assert re.fullmatch(
        rf"/konto/confirm-email/[^/?]+/\?next=%2Fforetag%2Finbjudan%2F{invitation.token}%2F",
        link,
    ), link


def test_an_attackers_next_is_left_out_of_the_mail(client, mailoutbox, invitation):
    _sign_up(client, "https://angripare.example/foretag/inbjudan/falsk/")
    link = _confirmation_link(mailoutbox)
    assert "next" not in link
    assert "angripare" not in mailoutbox[0].body


def test_confirming_in_another_browser_leads_to_the_invitation_and_the_person_joins(
    client, mailoutbox, invitation
):
    _sign_up(client, _invitation_path(invitation))
    link = _confirmation_link(mailoutbox)

    other_browser = Client()
    # Opened a few seconds after the mail was sent, as it always is: the page's form posts to
    # a key signed now (allauth signs the address anew with the time), not the mail's.
    later = time.time() + 3
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = other_browser.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    action = re.search(r'<form [^>]*action="(/konto/confirm-email/[^"/]+/)"', html).group(1)
    assert action != link.split("?")[0]
    data = form_data(html, action=action)
    assert data["next"] == [_invitation_path(invitation)]
    response = other_browser.post(action, data)
    # Confirmed, not signed in (allauth signs in only the session that signed up, and not
    # even that one here): back on the invitation, which asks to sign in.
    assert (response.status_code, response["Location"]) == (302, _invitation_path(invitation))
    html = other_browser.get(_invitation_path(invitation)).content.decode()
    assert f"Du har verifierat {INVITED}." in html
    assert "Logga in för att acceptera inbjudan." in html

    response = other_browser.post(
        f"/konto/login/?next={_invitation_path(invitation)}",
        {"login": INVITED, "password": PASSWORD, "next": _invitation_path(invitation)},
    )
    assert (response.status_code, response["Location"]) == (302, _invitation_path(invitation))
    html = other_browser.get(_invitation_path(invitation)).content.decode()
    assert "Acceptera inbjudan" in html
    response = other_browser.post(_invitation_path(invitation))
    assert (response.status_code, response["Location"]) == (302, "/foretag/kafe-test/")
    membership = Membership.objects.get(user__email=INVITED)
    assert (membership.company, membership.role) == (invitation.company, "member")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_confirmation_link_with_a_forged_offsite_next_goes_to_the_login(
    client, mailoutbox, invitation
):
    _sign_up(client, _invitation_path(invitation))
    action = _confirmation_link(mailoutbox).split("?")[0]
    response = Client().post(action, {"next": "https://angripare.example/"})
    assert (response.status_code, response["Location"]) == (302, "/konto/login/")


def test_an_invitation_used_meanwhile_says_so_after_confirming(client, mailoutbox, invitation):
    _sign_up(client, _invitation_path(invitation))
    link = _confirmation_link(mailoutbox)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=invitation.created_at)
    action, _query = link.split("?")
    response = client.post(action, {"next": _invitation_path(invitation)}, follow=True)
    assert response.redirect_chain == [(_invitation_path(invitation), 302)]
    assert response.status_code == 410
    assert "<h1>Inbjudan har redan använts</h1>" in response.content.decode()
    assert not Membership.objects.filter(user__email=INVITED).exists()
