"""Account pages (allauth) in Swedish."""

import pytest

pytestmark = pytest.mark.django_db


def test_login_page_links_to_sign_up_with_the_right_words(client):
    html = client.get("/konto/login/").content.decode()
    assert 'Har du inget konto än? <a href="/konto/signup/">Skapa ett konto</a> först.' in html
    assert "<title> Logga in – Kompetenshandboken</title>" in " ".join(html.split())


def test_signup_requires_email_verification(client, mailoutbox):
    response = client.post(
        "/konto/signup/",
        {
            "email": "ny@example.org",
            "password1": "ett-langt-losen-77",
            "password2": "ett-langt-losen-77",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/confirm-email/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ny@example.org"]
    assert "/konto/confirm-email/" in mailoutbox[0].body


def test_wrong_password_gives_a_clear_swedish_message(client, member):
    response = client.post("/konto/login/", {"login": member.email, "password": "fel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<div class="notice notice--error">'
        "<p>E-postadressen och/eller lösenordet är felaktigt.</p></div>"
    ) in html
    assert f'value="{member.email}"' in html  # what was typed is kept
