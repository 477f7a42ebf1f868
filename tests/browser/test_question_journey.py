"""A member asks another company about a method, its admin answers, the asker reads the answer:
all on a phone (320 px), with axe on every page.

Mikael (Kafé Kompassen) reads "Visa – gör – öva", asks Hyvelbänken, which has reported on it,
first sending an empty question (the error summary) and then a real one. Petter, Hyvelbänken's
admin, finds it in the inbox on the company page and answers. The answer reaches Mikael by a
mail that links into the portal (no address of the other side in it); he reads it there and on
Min sida. Mail goes to Django's locmem outbox, also from the live server's thread.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from methods.models import Method
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo-handbok-2026"
ASKER = "medlem@kompetenshandboken.example"  # Mikael Medlem, Kafé Kompassen
ANSWERER = "petter.ohman@kompetenshandboken.example"  # Petter Öhman, admin of Hyvelbänken
EMAIL_LABEL = re.compile(r"^E-post")
QUESTION = "Hur länge går en ny deltagare bredvid innan hen kör hyveln själv?"
ANSWER = "Oftast två veckor. Vi visar två moment i taget och deltagaren övar på spillbitar först."


def log_in(page, email: str) -> None:
    page.get_by_label(EMAIL_LABEL).fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def on_a_phone(page) -> None:
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 640})


def check(page, axe, *, refused: bool = False) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} is {width} px wide"
    assert_no_axe_violations(axe, page)
    if refused:  # the browser logs the form's 400 answer itself; nothing else may be there
        assert page.js_errors == [
            "Failed to load resource: the server responded with a status of 400 (Bad Request)"
        ]
        page.js_errors.clear()
    assert page.js_errors == []


def portal_link(address: str) -> str:
    [*_, message] = [m for m in mail.outbox if m.to == [address]]
    found = re.search(r"https?://[^/\s]+(/foretag/[^\s]+/fragor/\d+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_a_member_asks_a_company_and_reads_its_answer(demo_data, page, new_page, axe, mailoutbox):
    # Mikael reads the method and asks Hyvelbänken.
    on_a_phone(page)
    page.goto("/konto/login/?next=/metoder/visa-gor-ova/")
    log_in(page, ASKER)
    section = page.locator(".ask-company")
    expect(section.get_by_role("heading")).to_have_text("Fråga ett företag som har använt metoden")
    check(page, axe)
    section.get_by_role("link", name="Fråga Hyvelbänken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fråga Hyvelbänken")
    method = Method.objects.get(slug="visa-gor-ova")
    expect(page.get_by_label("Metod (frivilligt)")).to_have_value(str(method.pk))
    check(page, axe)

    # An empty question: the error summary, and the choice made is kept.
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page).to_have_title(re.compile(r"^Fel: "))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Skriv din fråga innan du skickar den.")
    check(page, axe, refused=True)
    summary.get_by_role("link", name=re.compile("Skriv din fråga")).click()
    expect(page.get_by_label("Din fråga")).to_be_focused()
    page.get_by_label("Din fråga").fill(QUESTION)
    page.get_by_role("button", name="Skicka frågan").click()
    expect(page.get_by_text("Tack! Din fråga är skickad till Hyvelbänken.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fråga till Hyvelbänken")
    expect(page.get_by_text("Inget svar än.")).to_be_visible()
    check(page, axe)

    # Petter gets a mail that links into the portal, without Mikael's address.
    [asked] = [m for m in mail.outbox if ANSWERER in m.to]
    assert ASKER not in asked.body and "Mikael Medlem har skickat en fråga" in asked.body

    # Petter finds the question in the company page's inbox and answers.
    admin = new_page()
    on_a_phone(admin)
    admin.goto("/konto/login/?next=/foretag/hyvelbanken/")
    log_in(admin, ANSWERER)
    inbox = admin.get_by_role("region", name="Frågor till företaget")
    expect(inbox).to_contain_text("1 fråga väntar på svar.")
    check(admin, axe)
    inbox.get_by_role("link", name=re.compile("^Fråga: Visa")).click()
    expect(admin.get_by_text(QUESTION)).to_be_visible()
    check(admin, axe)
    admin.get_by_label("Ert svar").fill(ANSWER)
    admin.get_by_role("button", name="Skicka svaret").click()
    expect(admin.get_by_text("Svaret är skickat.")).to_be_visible()
    check(admin, axe)

    # Mikael follows the mail's link and reads the answer, then finds it on Min sida.
    answered = [m for m in mail.outbox if m.to == [ASKER]][-1]
    assert ANSWERER not in answered.body and ANSWER in answered.body
    page.goto(portal_link(ASKER))
    answer = page.get_by_role("region", name="Svar")
    expect(answer).to_contain_text(ANSWER)
    expect(answer).to_contain_text("Petter Öhman, Hyvelbänken")
    check(page, axe)
    page.goto("/konto/profil/")
    mine = page.get_by_role("region", name="Mina frågor till andra företag")
    expect(mine.get_by_role("link", name="Fråga till Hyvelbänken")).to_be_visible()
    expect(mine).to_contain_text(ANSWER)
    check(page, axe)
