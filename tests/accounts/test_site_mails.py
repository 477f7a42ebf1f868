"""Account mails name Kompetenshandboken and the site's address, never example.com.

allauth takes the site's name and domain from the sites framework, whose row was created as
example.com; after every migrate it now follows SITE_NAME and SITE_URL (core/sites.py).
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def site_address() -> str:
    return urlsplit(settings.SITE_URL).netloc


def assert_names_the_site(message) -> None:
    text = message.subject + message.body
    assert "example.com" not in text
    assert message.subject.startswith("[Kompetenshandboken] ")
    assert "Kompetenshandboken" in message.body
    assert site_address() in message.body


def test_the_site_row_follows_the_settings():
    site = Site.objects.get_current()
    assert (site.pk, site.name, site.domain) == (
        settings.SITE_ID,
        "Kompetenshandboken",
        site_address(),
    )


def test_the_confirmation_mail_names_the_site(client, mailoutbox):
    response = client.post(
        "/konto/signup/",
        {
            "email": "ny@example.org",
            "password1": "ett-langt-losen-77",
            "password2": "ett-langt-losen-77",
        },
    )
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["ny@example.org"]
    assert_names_the_site(message)


def test_the_password_reset_mail_names_the_site(client, member, mailoutbox):
    response = client.post("/konto/password/reset/", {"email": member.email})
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [member.email]
    assert "/konto/password/reset/key/" in message.body
    assert_names_the_site(message)


def test_migrate_sets_the_row_from_the_settings_again(settings):
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    Site.objects.clear_cache()
    settings.SITE_URL = "https://handbok.example"
    call_command("migrate", "core", verbosity=0, interactive=False)
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Kompetenshandboken", "handbok.example")
    assert Site.objects.count() == 1
