"""Signing in and out through allauth's pages, and what a draft method shows to whom."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
DRAFT = "/metoder/deltagarledd-arbetsplatstraff/"


def _log_in(page, email: str) -> None:
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_member_logs_in_and_out(demo_data, page):
    page.goto("/")
    header = page.get_by_role("banner")
    header.get_by_role("link", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/konto/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
    expect(page.locator("input[name=login]")).to_have_attribute("type", "email")

    _log_in(page, "medlem@kompetenshandboken.example")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(header.get_by_text("Mikael Medlem", exact=True)).to_be_visible()
    expect(header.get_by_role("link", name="Logga in")).to_have_count(0)
    # A member is not staff: no link to the administration.
    expect(header.get_by_role("link", name="Administration")).to_have_count(0)

    header.get_by_role("button", name="Logga ut").click()
    expect(header.get_by_role("link", name="Logga in")).to_be_visible()
    expect(header.get_by_role("link", name="Skapa konto")).to_be_visible()
    expect(header.get_by_text("Mikael Medlem")).to_have_count(0)
    expect(header.get_by_role("button", name="Logga ut")).to_have_count(0)

    assert page.js_errors == []


def test_draft_is_hidden_from_visitors_and_shown_to_the_editor(demo_data, page):
    response = page.goto(DRAFT)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    expect(page.get_by_text("Deltagarledd arbetsplatsträff")).to_have_count(0)

    page.goto(f"/konto/login/?next={DRAFT}")
    _log_in(page, "redaktor@kompetenshandboken.example")
    expect(page).to_have_url(re.compile(re.escape(DRAFT) + "$"))
    expect(page.get_by_role("banner").get_by_text("Rasmus Redaktör", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deltagarledd arbetsplatsträff")
    expect(page.locator(".notice")).to_have_text(
        "Status: Utkast. Metoden är inte publicerad och syns bara för dig och redaktionen."
    )
    expect(page.get_by_text("inte publicerad")).to_be_visible()

    # A published method has no such notice.
    page.goto("/metoder/trepartssamtal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trepartssamtal före insatsen")
    expect(page.get_by_text("inte publicerad")).to_have_count(0)

    # The only console message is the browser reporting the anonymous 404 status.
    assert [e for e in page.js_errors if "status of 404" not in e] == []
