"""The one error pattern, as a person on a 320 px phone meets it (issue 13): after a form comes
back with errors, the summary at the top has focus, each of its links puts focus in its field,
what was typed is still there, nothing is wider than the screen and axe finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
MEMBER = "medlem@kompetenshandboken.example"
SUMMARY = re.compile(r"^Det finns \d+ fel i formuläret$")


def active_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def assert_summary_pattern(page, axe) -> list[str]:
    """The summary has focus and the title says "Fel:"; returns the summary's link targets."""
    summary = page.get_by_role("alert", name=SUMMARY)
    expect(summary).to_be_focused()
    assert active_id(page) == "felsammanfattning"
    expect(page).to_have_title(re.compile(r"^Fel: "))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(axe, page)
    return [link.get_attribute("href") for link in summary.get_by_role("link").all()]


def follow_each_link(page, targets: list[str]) -> None:
    """Each link puts focus in its field, and the field is on the screen."""
    summary = page.get_by_role("alert", name=SUMMARY)
    for index, href in enumerate(targets):
        summary.get_by_role("link").nth(index).click()
        assert active_id(page) == href.removeprefix("#"), href
        expect(page.locator(href)).to_be_in_viewport()


def test_signup_with_bad_input_at_320_px(demo_data, page, axe):
    page.set_viewport_size(PHONE)
    page.goto("/konto/signup/")
    page.locator("#id_email").fill("ny.person@example.org")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("annat")
    page.get_by_role("button", name="Skapa konto").click()
    targets = assert_summary_pattern(page, axe)
    assert targets and all(t.startswith("#id_") for t in targets), targets
    follow_each_link(page, targets)
    expect(page.locator("#id_email")).to_have_value("ny.person@example.org")
    assert page.js_errors == []


def test_method_wizard_step_one_with_bad_input_at_320_px(demo_data, page, axe):
    page.set_viewport_size(PHONE)
    page.goto("/konto/login/")
    page.locator("#id_login").fill(MEMBER)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()
    page.goto("/metoder/ny/")
    page.locator("#id_summary").fill("Handledaren visar först.")
    page.get_by_role("button", name="Spara och fortsätt").click()
    targets = assert_summary_pattern(page, axe)
    assert "#id_title" in targets
    # A group of choices links to its first box.
    assert "#id_learning_form_0" in targets
    follow_each_link(page, targets)
    expect(page.locator("#id_summary")).to_have_value("Handledaren visar först.")
    # The only console messages are the browser reporting the form's 400 status.
    assert [e for e in page.js_errors if "status of 400" not in e] == []
