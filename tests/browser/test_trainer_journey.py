"""A trainer signs up on a phone, an editor approves, the profile appears in /utbildare/.

Mikael (a demo member) applies as a trainer at 320 px, an editor approves the application in
another browser, and the profile is then found in the directory by its facets. Axe and the
width check on each page of the trainer's way; the guide for trainers is read first.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from methods.choices import Status
from tests.browser.conftest import assert_no_axe_violations
from trainers.models import Trainer

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
MEMBER = "medlem@kompetenshandboken.example"
EDITOR = "redaktor@kompetenshandboken.example"
EMAIL_LABEL = re.compile(r"^E-post")


def log_in(page, email: str) -> None:
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def assert_fits_320(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide"


def test_a_trainer_applies_is_approved_and_appears_in_the_directory(
    demo_data, page, new_page, axe, mailoutbox
):
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 640})

    # The guide for trainers, phase 2, and its easy-read version.
    page.goto("/utbildare/guide/")
    expect(page.get_by_role("heading", level=1)).to_have_text("För dig som utbildar i ett ASF")
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="2. Förankring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Förankring")
    expect(
        page.get_by_role("heading", name="Planera med handledaren före första dagen")
    ).to_be_visible()
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    page.get_by_role("link", name="Lättläst").click()
    expect(page.get_by_text("Träffa handledaren innan utbildningen börjar.")).to_be_visible()
    assert_no_axe_violations(axe, page)

    # Sign up as a trainer: the form asks to sign in first.
    page.goto("/utbildare/anmal/")
    log_in(page, MEMBER)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmäl dig som utbildare")
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    # Sent without the required choices: the error summary, and what was typed is kept.
    # Enter in a field sends the form (the method search's button does not take it over).
    page.get_by_label("Namn").fill("Mikaels svenska på jobbet")
    page.get_by_label("Namn").press("Enter")
    expect(page).to_have_title(re.compile(r"^Fel: "))
    expect(page.get_by_label("Namn")).to_have_value("Mikaels svenska på jobbet")
    assert_no_axe_violations(axe, page)
    page.get_by_label("En person").check()
    page.get_by_label("Konsult").check()
    page.get_by_label("Kort presentation").fill("Svenska på jobbet i kök och städ, i små grupper.")
    page.get_by_label("Svenska på jobbet").check()
    page.get_by_label("Jämtlands län").check()
    page.get_by_label("Tigrinja").check()
    page.get_by_label("Digitalt").check()
    # Methods are found by a search in the form, which keeps everything typed and ticked.
    methods = page.get_by_role("group", name="Metoder i handboken som ni arbetar med")
    expect(methods.get_by_role("checkbox")).to_have_count(0)
    methods.get_by_label("Sök en metod att lägga till").fill("visa – gör")
    methods.get_by_role("button", name="Sök metoder").click()
    expect(methods.get_by_role("status")).to_contain_text("1 metod med ”visa – gör” i namnet")
    expect(page.get_by_label("Kort presentation")).to_have_value(
        "Svenska på jobbet i kök och städ, i små grupper."
    )
    expect(page.get_by_label("Tigrinja")).to_be_checked()
    expect(page).not_to_have_title(re.compile(r"^Fel: "))
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    methods.get_by_role("checkbox", name="Visa – gör – öva").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mikaels svenska på jobbet")
    expect(page.get_by_text("Tack! Redaktionen läser din anmälan.")).to_be_visible()
    expect(page.get_by_role("heading", name="Anmälan väntar på granskning")).to_be_visible()
    assert_fits_320(page)
    assert_no_axe_violations(axe, page)
    trainer = Trainer.objects.get(name="Mikaels svenska på jobbet")
    assert trainer.status == Status.SUBMITTED

    # Not in the directory yet.
    anonymous = new_page()
    anonymous.goto("/utbildare/?lan=jamtland")
    expect(anonymous.get_by_role("link", name="Mikaels svenska på jobbet")).to_have_count(0)

    # The editor approves it.
    editor = new_page()
    editor.set_default_timeout(10_000)
    editor.goto("/utbildare/granska/")
    log_in(editor, EDITOR)
    editor.get_by_role("link", name="Mikaels svenska på jobbet").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Granska Mikaels svenska på jobbet")
    assert_no_axe_violations(axe, editor)
    editor.get_by_role("button", name="Godkänn profilen").click()
    expect(
        editor.get_by_text("Mikaels svenska på jobbet är godkänd och syns i katalogen.")
    ).to_be_visible()
    trainer.refresh_from_db()
    assert trainer.status == Status.PUBLISHED
    assert any("är godkänd" in message.subject for message in mailoutbox if message.to == [MEMBER])

    # Now anyone finds it in the directory, filtered by county and language.
    anonymous.set_viewport_size({"width": 320, "height": 640})
    anonymous.goto("/utbildare/")
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Utbildare")
    assert_fits_320(anonymous)
    assert_no_axe_violations(axe, anonymous)
    anonymous.goto("/utbildare/?lan=jamtland&sprak=tigrinja")
    results = anonymous.get_by_role("region", name=re.compile(r"utbildare$"))
    expect(results.get_by_role("link", name="Mikaels svenska på jobbet")).to_be_visible()
    assert_no_axe_violations(axe, anonymous)
    results.get_by_role("link", name="Mikaels svenska på jobbet").click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Mikaels svenska på jobbet")
    expect(anonymous.get_by_text("Tigrinja")).to_be_visible()
    assert trainer.contact_email not in anonymous.content()
    assert_fits_320(anonymous)
    assert_no_axe_violations(axe, anonymous)
    # The form sent with errors answers 400, which Chromium logs; nothing else may be logged.
    assert [e for e in page.js_errors if "status of 400" not in e] == []
    assert anonymous.js_errors == []
