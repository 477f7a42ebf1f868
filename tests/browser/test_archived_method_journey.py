"""An archived method keeps its address (issue 13): an editor archives a method with a reason and
a replacement on a 320 px phone, and a reader who comes with the old link or the printed card's
address learns why and follows the link to what replaces it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from methods.choices import Status
from methods.models import Method
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import log_in

pytestmark = pytest.mark.browser

OLD = "sakerhetsrunda"
NEW = "trepartssamtal"
NEW_TITLE = "Trepartssamtal före insatsen"
REASON = "Säkerhetsronden görs nu tillsammans med trepartssamtalet."


def test_reader_with_an_old_card_finds_why_and_what_replaces_it(demo_data, page, new_page, axe):
    old_title = Method.objects.get(slug=OLD).title

    editor = new_page()
    editor.set_viewport_size({"width": 320, "height": 800})
    log_in(editor, "redaktor@kompetenshandboken.example")
    editor.goto(f"/redaktion/granska/{OLD}/")
    archive = editor.locator("#beslut-arkivera")
    # The replacement is found by a search in the form, which brings the editor back to it.
    replaced_by = archive.get_by_role("group", name="Ersätts av (frivilligt)")
    replaced_by.get_by_label("Sök en metod", exact=True).fill("trepart")
    replaced_by.get_by_role("button", name="Sök metoder").click()
    expect(editor).to_have_url(re.compile(r"#beslut-arkivera$"))
    replaced_by = editor.locator("#beslut-arkivera").get_by_role(
        "group", name="Ersätts av (frivilligt)"
    )
    replaced_by.get_by_role("radio", name=NEW_TITLE).check()
    assert_no_axe_violations(axe, editor)
    # Without a reason the form says so and keeps the replacement chosen.
    editor.locator("#beslut-arkivera").get_by_role("button", name="Arkivera metoden").click()
    expect(editor.locator(".field--error")).to_contain_text("Skriv varför metoden arkiveras.")
    archive = editor.locator("#beslut-arkivera")
    expect(archive.get_by_role("radio", name=NEW_TITLE)).to_be_checked()
    assert Method.objects.get(slug=OLD).status == Status.PUBLISHED
    archive.get_by_label("Varför arkiveras metoden?").fill(REASON)
    assert_no_axe_violations(axe, editor)
    archive.get_by_role("button", name="Arkivera metoden").click()
    expect(editor.locator(".messages")).to_have_text("Metoden är arkiverad.")
    assert editor.evaluate("document.documentElement.scrollWidth") <= 320
    archived = Method.objects.get(slug=OLD)
    assert (archived.status, archived.archive_reason, archived.replaced_by.slug) == (
        Status.ARCHIVED,
        REASON,
        NEW,
    )

    # A reader (signed out) scans the QR code on the printed card: the method's address.
    page.set_viewport_size({"width": 320, "height": 800})
    for address in (f"/metoder/{OLD}/", f"/metoder/{OLD}/kort/"):
        response = page.goto(address)
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex"
        expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
        expect(page.get_by_role("heading", level=1)).to_have_text(old_title)
        notice = page.get_by_role("note", name="Metoden är arkiverad")
        expect(notice).to_contain_text(REASON)
        # The page dates it in local time (in UTC the date is a day earlier before 01:00).
        expect(notice.locator("time")).to_have_attribute(
            "datetime", timezone.localtime(archived.archived_at).date().isoformat()
        )
        expect(page.get_by_text("Texten underhålls inte längre.")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert_no_axe_violations(axe, page)

    # Not in the lists any more.
    page.goto("/metoder/")
    expect(page.locator(f'a[href="/metoder/{OLD}/"]')).to_have_count(0)

    # The card's address too leads on to the replacement.
    page.goto(f"/metoder/{OLD}/kort/")
    page.get_by_role("note", name="Metoden är arkiverad").get_by_role(
        "link", name=NEW_TITLE
    ).click()
    expect(page).to_have_url(re.compile(rf"/metoder/{NEW}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    assert page.js_errors == []
    # The refused form answers 400 on purpose; Chromium logs that, and nothing else is wrong.
    assert [e for e in editor.js_errors if "status of 400" not in e] == []
