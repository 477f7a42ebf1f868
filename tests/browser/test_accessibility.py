"""axe (WCAG 2.1 A and AA) finds nothing on the public pages, the account forms and their errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", "Kompetensutveckling som fungerar i vardagen", id="start"),
    pytest.param("/fas/forankring/", "Förankring", id="phase"),
    pytest.param("/metoder/", "Metoder", id="method-list"),
    pytest.param(
        "/metoder/?fas=forankring&omrade=handledning", "Metoder", id="method-list-two-filters"
    ),
    pytest.param("/metoder/trepartssamtal/", "Trepartssamtal före insatsen", id="method"),
    pytest.param(
        "/metoder/trepartssamtal/?version=lattlast",
        "Trepartssamtal före insatsen",
        id="method-easy-read",
    ),
    pytest.param("/foretag/", "Företag i handboken", id="company-list"),
    pytest.param("/foretag/kafe-kompassen/", "Kafé Kompassen", id="company"),
    pytest.param("/sok/?q=handledning", "Sök i handboken", id="search"),
    pytest.param("/tillganglighet/", "Tillgänglighet för Kompetenshandboken", id="statement"),
    pytest.param("/konto/login/", "Logga in", id="login"),
    pytest.param("/konto/signup/", "Skapa konto", id="signup"),
    pytest.param("/konto/password/reset/", "Återställning av lösenord", id="password-reset"),
]


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_page_has_no_axe_violations(demo_data, page, axe, path, heading):
    response = page.goto(path)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []


def test_not_found_page_has_no_axe_violations(demo_data, page, axe):
    response = page.goto("/metoder/finns-inte/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    assert_no_axe_violations(axe, page)
    # The only console message is the browser reporting the page's own 404 status.
    assert [e for e in page.js_errors if "status of 404" not in e] == []


def test_login_with_wrong_password_has_no_axe_violations(demo_data, page, axe):
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill("medlem@kompetenshandboken.example")
    page.get_by_label("Lösenord").fill("fel-losenord-123")
    page.get_by_role("button", name="Logga in").click()
    alert = page.get_by_role("alert", name="Det finns 1 fel i formuläret")
    expect(alert).to_be_focused()
    expect(alert.get_by_role("link")).to_have_text(
        re.compile(r"^E-?post-?adressen och/eller lösenordet är felaktigt\.$")
    )
    expect(page).to_have_url(re.compile(r"/konto/login/$"))
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []


def test_signup_with_errors_has_no_axe_violations(demo_data, page, axe):
    page.goto("/konto/signup/")
    page.get_by_label("E-postadress").fill("inte-en-adress")
    page.get_by_label("Lösenord:", exact=True).fill("kort")
    page.get_by_label("Lösenord (igen):").fill("annat")
    page.get_by_role("button", name="Skapa konto").click()

    email = page.get_by_label("E-postadress")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Fyll i en giltig e-postadress.")
    password = page.get_by_label("Lösenord:", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    # Both the password rules (help text) and the errors are read out with the field.
    expect(password).to_have_accessible_description(
        re.compile(r"Ditt lösenord måste innehålla minst 8 tecken\..*för kort")
    )
    expect(page.locator(".field--error")).to_have_count(2)
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []


def test_axe_checks_the_wcag_2_2_rules(page, axe):
    """The check covers WCAG 2.2 AA too: two 12 px links side by side fail SC 2.5.8 (target
    size), a rule that axe tags wcag22aa only."""
    page.set_content(
        '<!doctype html><html lang="sv"><head><title>Mål</title></head><body><main>'
        "<h1>Små mål</h1><p>"
        '<a href="/a" style="display:inline-block;width:12px;height:12px;font-size:8px">a</a>'
        '<a href="/b" style="display:inline-block;width:12px;height:12px;font-size:8px">b</a>'
        "</p></main></body></html>"
    )

    with pytest.raises(AssertionError, match="target-size"):
        assert_no_axe_violations(axe, page)
