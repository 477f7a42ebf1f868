"""The personal-data guard on a comment at 320 px: a member writes a phone number, sees what was
found with the text kept, confirms, and the comment appears on the method page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.models import AuditEntry
from methods.models import Comment
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import DEMO_PASSWORD, MEMBER

pytestmark = pytest.mark.browser


def log_in(page, email: str) -> None:
    """Sign in through the login form (found by field id, whatever its label says)."""
    page.goto("/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()


SLUG = "trepartssamtal"
TEXT = "Vi prövade det i caféet. Ring mig på 070-123 45 67 om ni vill veta mer."


def test_member_confirms_a_comment_with_a_phone_number(demo_data, page, axe):
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, MEMBER)
    page.goto(f"/metoder/{SLUG}/")
    page.get_by_label("Din kommentar").fill(TEXT)
    page.get_by_role("button", name="Publicera kommentaren").click()

    # Not published: the step names what was found, keeps the text and offers the two ways on.
    notice = page.get_by_role("alert").filter(has_text="Texten kan innehålla personuppgifter")
    expect(notice).to_contain_text("Telefonnummer i ”Din kommentar”: 070-123 45 67")
    expect(notice).to_contain_text("Ändra texten och skicka igen, eller kryssa i rutan")
    expect(page.get_by_label("Din kommentar")).to_have_value(TEXT)
    assert not Comment.objects.filter(body=TEXT).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(axe, page)

    page.get_by_label("Jag har kontrollerat uppgifterna ovan.").check()
    page.get_by_role("button", name="Publicera kommentaren").click()
    expect(page.get_by_text("Tack! Din kommentar är publicerad.")).to_be_visible()
    comment = Comment.objects.get(body=TEXT)
    expect(page).to_have_url(re.compile(rf"/metoder/{SLUG}/#kommentar-{comment.pk}$"))
    expect(page.locator(f"#kommentar-{comment.pk}")).to_contain_text(TEXT)
    assert AuditEntry.objects.filter(
        actor=comment.author, message__startswith="Bekräftade att kommentar"
    ).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Only the browser's report of the 400 status of the page that asked.
    assert [e for e in page.js_errors if "status of 400" not in e] == []
