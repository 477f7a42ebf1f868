"""The effort page on a 320 px phone: the six phases fold open, and ticking a checklist item is
saved in the background with JavaScript and by a plain form post without it (issue 13)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from companies.efforts import create_effort, phase_checklist
from companies.models import Company, Effort, EffortCheck
from methods.models import ChecklistItem, Method, Phase
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

MEMBER = "medlem@kompetenshandboken.example"
PHONE = {"width": 320, "height": 640}
TITLE = "Bildstöd i köket"


@pytest.fixture
def effort(demo_data) -> Effort:
    company = Company.objects.get(slug="kafe-kompassen")
    member = get_user_model().objects.get(email=MEMBER)

    def save(effort: Effort) -> None:
        effort.title = TITLE
        effort.goal = "Alla i köket hittar rutinerna utan att fråga."
        effort.save()
        effort.methods.set(Method.objects.published().order_by("title")[:2])

    return create_effort(company, member, save)


def _log_in(page, live_server, next_url: str) -> None:
    """The member's session in the page's browser context (the sign-in form has its own
    journeys), then the page at next_url."""
    client = Client()
    client.force_login(get_user_model().objects.get(email=MEMBER))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto(next_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def _assert_fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


def _phase_items(number: int) -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(phase__number=number))


def _total(effort: Effort, number: int) -> int:
    """How many items the phase's checklist has for this effort (its own and the methods')."""
    return len(phase_checklist(effort, Phase.objects.get(number=number)))


def test_ticking_with_javascript_saves_without_leaving_the_page(effort, page, live_server, axe):
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, effort.get_absolute_url())
    _assert_fits_the_phone(page)
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []

    # Only the current phase is open; each summary says how much of its checklist is done.
    phases = page.locator("details.effort-phase")
    expect(phases).to_have_count(6)
    expect(page.locator("details.effort-phase[open]")).to_have_count(1)
    expect(page.locator("#fas-1")).to_have_attribute("open", "")
    items = _phase_items(2)
    total = _total(effort, 2)
    phase2 = page.locator("#fas-2")
    summary = phase2.locator("summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("2. Förankring")
    expect(summary.locator(".effort-phase__count")).to_have_text(f"0 av {total} klart")
    expect(phase2.locator(".effort-checklist")).not_to_be_visible()

    # Opened by keyboard from its summary.
    summary.focus()
    page.keyboard.press("Enter")
    expect(phase2).to_have_attribute("open", "")
    expect(phase2.locator(".effort-checklist")).to_be_visible()
    _assert_fits_the_phone(page)
    assert_no_axe_violations(axe, page)
    # Every tick target is at least 24 by 24 px (SC 2.5.8), and so is the box drawn in it.
    for target in phase2.locator(".check-button, .check-button__box").all():
        box = target.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (target.inner_text(), box)

    # Ticking: no navigation (the marker survives), the item, its count and "Sparat" update.
    page.evaluate("window.__marker = 'kvar'")
    url = page.url
    item = phase2.locator(".effort-checklist li").filter(has_text=items[0].text)
    item.get_by_role("button").click()
    expect(phase2.get_by_role("status")).to_have_text("Sparat")
    expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(item).to_have_class(re.compile("is-checked"))
    expect(item).to_contain_text("– Mikael Medlem, ")
    expect(summary.locator(".effort-phase__count")).to_have_text(f"1 av {total} klart")
    assert page.evaluate("window.__marker") == "kvar"
    assert page.url == url
    check = EffortCheck.objects.get(effort=effort)
    assert (check.item_key, check.phase.number) == (f"checklist:{items[0].pk}", 2)
    assert check.checked_by.email == MEMBER
    assert_no_axe_violations(axe, page)

    # When saving fails the item goes back as it was and the message says so.
    page.route("**/bocka/", lambda route: route.fulfill(status=500, body="Fel"))
    second = phase2.locator(".effort-checklist li").filter(has_text=items[1].text)
    second.get_by_role("button").click()
    expect(phase2.get_by_role("status")).to_have_text(
        "Det gick inte att spara. Kontrollera anslutningen och försök igen."
    )
    expect(second.get_by_role("button")).to_have_attribute("aria-pressed", "false")
    expect(second).not_to_have_class(re.compile("is-checked"))
    expect(summary.locator(".effort-phase__count")).to_have_text(f"1 av {total} klart")
    assert EffortCheck.objects.filter(effort=effort).count() == 1
    page.unroute("**/bocka/")
    # The refused request is the one error in the console; the script itself threw nothing.
    assert [e for e in page.js_errors if "status of 500" not in e] == []
    page.js_errors.clear()

    # Unticking the first again works the same way, and a reload shows what was saved.
    item.get_by_role("button").click()
    expect(phase2.get_by_role("status")).to_have_text("Sparat")
    expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "false")
    expect(summary.locator(".effort-phase__count")).to_have_text(f"0 av {total} klart")
    assert not EffortCheck.objects.filter(effort=effort).exists()
    item.get_by_role("button").click()
    expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    expect(phase2.get_by_role("status")).to_have_text("Sparat")
    page.reload()
    phase2 = page.locator("#fas-2")
    expect(phase2.locator(".effort-phase__count")).to_have_text(f"1 av {total} klart")
    phase2.locator("summary").click()
    item = phase2.locator(".effort-checklist li").filter(has_text=items[0].text)
    expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    assert page.js_errors == []


def test_ticking_without_javascript_posts_the_form_and_comes_back_to_the_item(
    effort, browser, live_server, page, axe
):
    # The page's own scripts never run here, nor can the test's: the width and axe are
    # checked on the same address in `page` (JavaScript on), which shows the same markup.
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False, viewport=PHONE
    )
    try:
        plain = context.new_page()
        _log_in(plain, live_server, effort.get_absolute_url())
        items = _phase_items(2)
        total = _total(effort, 2)
        phase2 = plain.locator("#fas-2")
        expect(phase2).not_to_have_attribute("open", "")
        phase2.locator("summary").click()
        expect(phase2).to_have_attribute("open", "")

        item = phase2.locator(".effort-checklist li").filter(has_text=items[0].text)
        with plain.expect_navigation():
            item.get_by_role("button").click()
        # Back at the item, its phase open, ticked, the count in the summary updated.
        address = f"{effort.get_absolute_url()}?fas=2#punkt-checklist{items[0].pk}"
        expect(plain).to_have_url(re.compile(re.escape(address) + "$"))
        phase2 = plain.locator("#fas-2")
        expect(phase2).to_have_attribute("open", "")
        item = phase2.locator(".effort-checklist li").filter(has_text=items[0].text)
        expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "true")
        expect(item).to_contain_text("– Mikael Medlem, ")
        expect(phase2.locator(".effort-phase__count")).to_have_text(f"1 av {total} klart")
        expect(item).to_be_in_viewport()
        assert EffortCheck.objects.filter(effort=effort).count() == 1

        page.set_viewport_size(PHONE)
        _log_in(page, live_server, address)
        expect(page.locator("#fas-2")).to_have_attribute("open", "")
        _assert_fits_the_phone(page)
        assert_no_axe_violations(axe, page)

        # And unticking by the same form.
        with plain.expect_navigation():
            item.get_by_role("button").click()
        item = plain.locator("#fas-2 .effort-checklist li").filter(has_text=items[0].text)
        expect(item.get_by_role("button")).to_have_attribute("aria-pressed", "false")
        expect(plain.locator("#fas-2 .effort-phase__count")).to_have_text(f"0 av {total} klart")
        assert not EffortCheck.objects.filter(effort=effort).exists()
    finally:
        context.close()
