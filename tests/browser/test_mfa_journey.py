"""Two-factor authentication in Chromium: a member turns it on from their page and signs in
with password and code; an editor is sent to set it up when it is required. axe checks the
activation and code pages; a CSP violation would show up as a console error."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import override_settings
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
MEMBER = "medlem@kompetenshandboken.example"
EDITOR = "redaktor@kompetenshandboken.example"


def current_code(secret: str) -> str:
    """What the authenticator app shows now; waits out the last seconds of a 30 s step so the
    code is still valid when the form arrives."""
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(page, email: str) -> None:
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def confirm_password(page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta att det är du")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Bekräfta").click()


def activate(page, axe) -> str:
    """On the activation page: read the secret shown as text, type the code; return the secret."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivera tvåstegsverifiering")
    qr = page.get_by_role(
        "img", name="QR-kod som lägger till Kompetenshandboken i autentiseringsappen"
    )
    expect(qr).to_be_visible()
    # The QR code (an SVG data URI) really loaded: the CSP allows img-src data:.
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret
    code = page.get_by_label("Kod från appen")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    expect(code).to_have_accessible_description(
        "Sex siffror. Appen visar en ny kod var 30:e sekund."
    )
    assert_no_axe_violations(axe, page)

    # A wrong code first: a clear error tied to the field, still no violations.
    wrong = "000000" if current_code(secret) != "000000" else "111111"
    code.fill(wrong)
    page.get_by_role("button", name="Aktivera").click()
    code = page.get_by_label("Kod från appen")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_code_error")).to_have_text(
        "Koden stämmer inte. Skriv den sexsiffriga kod som appen visar just nu. "
        "Kontrollera att mobilens klocka går rätt om felet återkommer."
    )
    assert page.locator("#totp-secret").inner_text().strip() == secret
    assert_no_axe_violations(axe, page)

    code.fill(current_code(secret))
    page.get_by_role("button", name="Aktivera").click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/recovery-codes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Återställningskoder")
    expect(
        page.get_by_role("list", name="Oanvända återställningskoder").locator("li")
    ).to_have_count(10)
    return secret


def test_member_turns_on_two_factor_and_signs_in_with_a_code(demo_data, page, axe):
    page.goto("/konto/login/")
    log_in(page, MEMBER)
    expect(page).to_have_url(re.compile(r"/$"))

    page.get_by_role("banner").get_by_role("link", name="Min sida").click()
    page.get_by_role("link", name="Tvåstegsverifiering").click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/$"))
    expect(page.get_by_text("Avstängd.")).to_be_visible()
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="Aktivera tvåstegsverifiering").click()
    confirm_password(page)
    secret = activate(page, axe)

    page.get_by_role("banner").get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()

    page.goto("/konto/login/")
    log_in(page, MEMBER)
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tvåstegsverifiering")
    # Not signed in yet.
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()
    code = page.get_by_label("Kod:", exact=True)
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    assert_no_axe_violations(axe, page)

    code.fill("12345")
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("#id_code_error")).to_have_text(
        "Koden stämmer inte. Skriv den kod som appen visar just nu, eller en av dina "
        "oanvända återställningskoder."
    )
    assert_no_axe_violations(axe, page)

    page.get_by_label("Kod:", exact=True).fill(current_code(secret))
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("banner").get_by_text("Mikael Medlem", exact=True)).to_be_visible()

    page.goto("/konto/2fa/")
    expect(page.get_by_text("Påslagen.")).to_be_visible()
    expect(page.get_by_text("Du har 10 oanvända koder av 10.")).to_be_visible()
    assert page.js_errors == []


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_editor_is_sent_to_set_up_two_factor_first(demo_data, page, axe):
    page.goto("/konto/login/")
    log_in(page, EDITOR)
    # The start page sends the editor on to activation, which asks for the password again;
    # the reason is shown on the first page they see.
    expect(page).to_have_url(re.compile(r"/konto/reauthenticate/\?next="))
    expect(page.get_by_role("status").locator(".message--warning")).to_have_text(
        "Redaktörer och administratörer måste använda tvåstegsverifiering. "
        "Aktivera den med en autentiseringsapp i mobilen innan du fortsätter."
    )
    assert_no_axe_violations(axe, page)
    confirm_password(page)
    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    page.goto("/redaktion/")
    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    activate(page, axe)

    page.goto("/redaktion/")
    expect(page).to_have_url(re.compile(r"/redaktion/$"))
    assert page.js_errors == []
