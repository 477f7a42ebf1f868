"""Issue 16 in the browser: a reader at 320 px finds the feed of new methods and the "Dela och
återanvänd" box, and copies the citation; a search that found nothing shows up in the editors'
overview, and an editor starts a method from it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from methods.models import Method, SearchCount
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
EDITOR = "redaktor@kompetenshandboken.example"
METHOD = "/metoder/trepartssamtal/"
# A word no method holds, nor a part or a near spelling of one: PostgreSQL's search corrects
# misspellings and splits compounds, so "Drönarcertifikat" found the certificate methods there.
MISSING = "Zebrafinkar"


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} scrolls sideways at 320 px: {width}"


def test_reader_follows_the_feed_and_copies_a_citation(demo_data, page, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/")
    feed_link = page.get_by_role("link", name="Prenumerera (Atom)")
    expect(feed_link).to_be_visible()
    expect(feed_link).to_have_attribute("href", "/flode/metoder.atom")
    expect(
        page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    ).to_have_attribute("href", "/flode/metoder.atom")
    _no_sideways_scroll(page)
    assert_no_axe_violations(axe, page)

    # What a feed reader gets: Atom with the newest changed published method first.
    feed = page.request.get("/flode/metoder.atom")
    assert feed.headers["content-type"] == "application/atom+xml; charset=utf-8"
    newest = Method.objects.published().order_by("-updated_at", "-pk").first()
    assert f"<title>{newest.title}</title>" in feed.text()

    page.goto(METHOD)
    method = Method.objects.select_related("author").get(slug="trepartssamtal")
    box = page.get_by_role("region", name="Dela och återanvänd")
    box.scroll_into_view_if_needed()
    expect(box).to_be_visible()
    permalink = f"{settings.SITE_URL}{METHOD}"
    expect(box.get_by_role("link", name=permalink).first).to_have_attribute("href", permalink)
    citation = box.locator("#share-citation")
    expect(citation).to_contain_text(f"”{method.title}” av {method.credited_to}.")
    expect(citation).to_contain_text(f"Källa: Kompetenshandboken, {permalink}.")
    _no_sideways_scroll(page)

    box.get_by_role("button", name="Kopiera källhänvisningen").click()
    expect(box.get_by_role("status")).to_have_text("Källhänvisningen är kopierad.")
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = re.sub(r"\s+", " ", citation.text_content()).strip()
    assert copied == expected
    assert copied.startswith(f"”{method.title}” av ")
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []


def test_citation_is_there_to_select_without_javascript(demo_data, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(METHOD)
        box = page.get_by_role("region", name="Dela och återanvänd")
        expect(box.locator("#share-citation")).to_be_visible()
        expect(box.get_by_role("button", name="Kopiera källhänvisningen")).to_be_hidden()
    finally:
        context.close()


def _log_in(page, email: str, next_url: str) -> None:
    page.goto(f"/konto/login/?next={next_url}")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def test_editor_sees_a_search_that_found_nothing_and_starts_a_method(
    demo_data, page, new_page, axe
):
    # A reader searches for something the handbook lacks, twice.
    page.set_viewport_size({"width": 320, "height": 800})
    for _ in range(2):
        page.goto("/")
        page.get_by_label("Vad behöver ni lära er?").fill(MISSING)
        page.locator("#main").get_by_role("button", name="Sök", exact=True).click()
        expect(page).to_have_url(re.compile(r"/sok/\?q="))
    assert list(SearchCount.objects.values_list("query", "searches", "results")) == [
        ("zebrafinkar", 2, 0)
    ]

    editor = new_page()
    editor.set_viewport_size({"width": 320, "height": 800})
    _log_in(editor, EDITOR, "/redaktion/oversikt/")
    misses = editor.get_by_role("region", name="De senaste 30 dagarna")
    row = misses.get_by_role("row").filter(has_text="zebrafinkar")
    expect(row.get_by_role("cell")).to_have_text(
        ["zebrafinkar", "2", "0", "Skriv en metod om detta: zebrafinkar"]
    )
    assert_no_axe_violations(axe, editor)
    row.get_by_role("link", name="Skriv en metod om detta").click()
    expect(editor).to_have_url(re.compile(r"/metoder/ny/\?titel="))
    expect(editor.get_by_label("Titel")).to_have_value("Zebrafinkar")
    assert_no_axe_violations(axe, editor)
