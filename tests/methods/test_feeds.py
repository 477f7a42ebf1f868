"""Atom feeds of new and updated methods (issue 16, part 2): valid Atom by RFC 4287's required
elements, only published methods, newest change first, bounded, constant queries, served from
the page cache, and linked from the pages they follow."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from methods.choices import Licence, Status
from methods.models import CompetenceArea, Method, Phase
from methods.views.feeds import FEED_LENGTH
from tests.factories import CompanyFactory, MethodFactory, UserFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/flode/metoder.atom"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314  (the site's own feed, in a test)


def text(element: ET.Element, name: str) -> str:
    child = element.find(ATOM + name)
    assert child is not None, f"<{name}> missing"
    return child.text or ""


def assert_valid_atom(feed: ET.Element) -> None:
    """RFC 4287 4.1.1: a feed has id, title and updated, and an author unless every entry has
    one; 4.1.2: every entry has id, title, updated, a link (no content here) and an author."""
    assert feed.tag == ATOM + "feed"
    assert text(feed, "id").startswith(settings.SITE_URL)
    assert text(feed, "title")
    datetime.fromisoformat(text(feed, "updated"))
    assert text(feed.find(ATOM + "author"), "name") == "Kompetenshandboken"
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(ATOM + "entry"):
        assert text(entry, "id").startswith("tag:")
        assert text(entry, "title")
        datetime.fromisoformat(text(entry, "updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert text(entry.find(ATOM + "author"), "name")


def titles(feed: ET.Element) -> list[str]:
    return [text(entry, "title") for entry in feed.findall(ATOM + "entry")]


def set_updated(method: Method, when: datetime) -> None:
    """First published an hour before its last change."""
    Method.objects.filter(pk=method.pk).update(
        published_at=when - timedelta(hours=1), updated_at=when
    )


def test_handbook_feed_is_valid_atom_with_the_published_methods_newest_change_first(client):
    author = UserFactory(display_name="Karin Lund")
    company = CompanyFactory(name="Returbutiken Kvist")
    older = MethodFactory(
        title="Skuggning",
        summary="Gå bredvid <en kollega> en dag.",
        author=author,
        licence=Licence.ALL_RIGHTS,
    )
    newer = MethodFactory(title="Fadder", author=author, company=company)
    now = timezone.now()
    set_updated(older, now - timedelta(days=2))
    set_updated(newer, now - timedelta(days=1))
    MethodFactory(title="Utkastet", status=Status.DRAFT)
    MethodFactory(title="Under granskning", status=Status.SUBMITTED)
    MethodFactory(title="Arkiverad", status=Status.ARCHIVED)
    MethodFactory(title="I papperskorgen", deleted_at=now)

    feed = parse(client.get(FEED))

    assert_valid_atom(feed)
    assert text(feed, "title") == "Kompetenshandboken: nya och ändrade metoder"
    assert text(feed, "id") == settings.SITE_URL + FEED
    assert titles(feed) == ["Fadder", "Skuggning"]
    fadder, skuggning = feed.findall(ATOM + "entry")
    assert text(fadder.find(ATOM + "author"), "name") == "Karin Lund, Returbutiken Kvist"
    assert text(skuggning.find(ATOM + "author"), "name") == "Karin Lund"
    assert text(fadder, "rights") == "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/deed.sv"
    assert text(skuggning, "rights") == "Alla rättigheter förbehållna upphovspersonen"
    # The summary is plain text, escaped for Atom's HTML summary.
    assert text(skuggning, "summary") == "Gå bredvid &lt;en kollega&gt; en dag."
    link = skuggning.find(f"{ATOM}link[@rel='alternate']").get("href")
    # Absolute, on the site's own address (the sites framework's row follows SITE_URL).
    assert link == f"{settings.SITE_URL}/metoder/{older.slug}/"
    older.refresh_from_db()
    day = older.published_at.date().isoformat()
    assert text(skuggning, "id") == f"tag:127.0.0.1,{day}:/metoder/{older.slug}/"
    second = now - timedelta(days=2)
    assert datetime.fromisoformat(text(skuggning, "updated")) == second
    # The feed was updated when its newest entry was.
    newest = now - timedelta(days=1)
    assert datetime.fromisoformat(text(feed, "updated")) == newest


def test_an_entry_keeps_its_id_when_the_method_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    method = MethodFactory(title="Före")
    before = text(parse(client.get(FEED)).find(ATOM + "entry"), "id")
    Method.objects.filter(pk=method.pk).update(title="Efter", updated_at=timezone.now())
    entry = parse(client.get(FEED)).find(ATOM + "entry")
    assert text(entry, "title") == "Efter"
    assert text(entry, "id") == before


def test_phase_and_area_feeds_hold_only_their_methods(client):
    area = CompetenceArea.objects.get(slug="handledning")
    MethodFactory(title="I fas två", phases=[Phase.objects.get(number=2)])
    MethodFactory(title="I fas tre med område", competence_areas=[area])
    MethodFactory(
        title="Arkiverad i fas två", phases=[Phase.objects.get(number=2)], status=Status.ARCHIVED
    )

    phase_feed = parse(client.get("/flode/fas/forankring.atom"))
    assert_valid_atom(phase_feed)
    assert text(phase_feed, "title") == "Kompetenshandboken: metoder för fas 2, Förankring"
    assert titles(phase_feed) == ["I fas två"]

    area_feed = parse(client.get("/flode/omrade/handledning.atom"))
    assert_valid_atom(area_feed)
    assert text(area_feed, "title") == "Kompetenshandboken: metoder inom Handledning"
    assert titles(area_feed) == ["I fas tre med område"]

    assert client.get("/flode/fas/finns-inte.atom").status_code == 404
    assert client.get("/flode/omrade/finns-inte.atom").status_code == 404


def test_feed_in_english_has_english_titles(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    feed = parse(client.get(FEED))
    assert text(feed, "title") == "Kompetenshandboken: new and updated methods"


def test_feed_is_bounded_and_costs_the_same_queries_at_any_size(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    MethodFactory.create_batch(2)
    client.get(FEED)  # the sites framework's row, read once per process
    with CaptureQueriesContext(connection) as small:
        assert len(titles(parse(client.get("/flode/fas/genomforande.atom")))) == 2
    MethodFactory.create_batch(FEED_LENGTH + 1)
    with CaptureQueriesContext(connection) as large:
        assert len(titles(parse(client.get("/flode/fas/genomforande.atom")))) == FEED_LENGTH
    assert len(small) == len(large)
    # The phase, and the methods with their authors and companies.
    assert len(large) == 2


def test_feed_is_served_from_the_page_cache_until_a_method_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    MethodFactory(title="Första")
    first = client.get(FEED)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(FEED)
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert second.content == first.content
    assert client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    MethodFactory(title="Andra")  # a publish moves the site version
    third = client.get(FEED)
    assert third["X-Page-Cache"] == "miss"
    assert titles(parse(third))[0] == "Andra"


def test_feeds_are_linked_from_the_pages_they_follow(client):
    MethodFactory(competence_areas=[CompetenceArea.objects.get(slug="handledning")])
    pages = {
        "/": (FEED, "Nya och ändrade metoder"),
        "/metoder/": (FEED, "Nya och ändrade metoder"),
        "/metoder/?omrade=handledning": (
            "/flode/omrade/handledning.atom",
            "Nya och ändrade metoder inom Handledning",
        ),
        "/fas/forankring/": (
            "/flode/fas/forankring.atom",
            "Nya och ändrade metoder för Förankring",
        ),
    }
    for url, (feed_url, title) in pages.items():
        html = client.get(url).content.decode()
        assert (
            f'<link rel="alternate" type="application/atom+xml" href="{feed_url}" '
            f'title="{title}">' in html
        ), url
        assert (
            f'<a href="{feed_url}" type="application/atom+xml">Prenumerera (Atom)</a> '
            f'<span class="feed-link__what">{title}</span>' in html
        ), url
    assert reverse("methods:feed") == FEED
