"""The language switcher is a plain link: it sets the preference cookie and goes back."""

import pytest

pytestmark = pytest.mark.django_db


def test_switching_to_english_and_back(client):
    swedish = client.get("/metoder/?fas=forankring").text
    assert (
        '<a href="/sprak/en/?next=/metoder/%3Ffas%3Dforankring" lang="en" hreflang="en">English</a>'
    ) in swedish
    assert "/sprak/sv/" not in swedish
    response = client.get("/sprak/en/", {"next": "/metoder/?fas=forankring"})
    assert response.status_code == 302
    assert response["Location"] == "/metoder/?fas=forankring"
    assert response.cookies["django_language"].value == "en"
    assert response.cookies["django_language"]["samesite"] == "Lax"
    assert response.cookies["django_language"]["max-age"] == 365 * 24 * 60 * 60
    assert "no-cache" in response["Cache-Control"]
    page = client.get("/metoder/?fas=forankring")
    assert '<html lang="en"' in page.text
    assert (
        '<a href="/sprak/sv/?next=/metoder/%3Ffas%3Dforankring" lang="sv" hreflang="sv">Svenska</a>'
    ) in page.text
    assert "/sprak/en/" not in page.text
    client.get("/sprak/sv/", {"next": "/"})
    assert '<html lang="sv"' in client.get("/").text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_only_pages_of_this_site_are_followed(client, target):
    response = client.get("/sprak/en/", {"next": target})
    assert response["Location"] == "/"


def test_unknown_languages_are_not_found(client):
    response = client.get("/sprak/fi/")
    assert response.status_code == 404
    assert "django_language" not in response.cookies


def test_reading_pages_set_no_cookie_and_carry_no_token(client):
    """Nothing per visitor in a page for anonymous readers: served as is from the cache."""
    for path in ("/", "/metoder/", "/sok/?q=mentor", "/tillganglighet/"):
        response = client.get(path)
        assert response.cookies == {}, path
        assert "csrfmiddlewaretoken" not in response.text, path
