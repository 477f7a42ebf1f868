"""The versions of a method, as a reader and as an editor would see them on a 320 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from accounts.models import User
from methods import workflow
from methods.models import Method, Phase
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import log_in

pytestmark = pytest.mark.browser

PERSONNUMMER = "19121212-1212"


@pytest.fixture
def method_with_drafts(demo_data):
    """A member's method: drafts (one with a personnummer the guard stopped), then published."""
    member = User.objects.get(email="medlem@kompetenshandboken.example")
    editor = User.objects.get(email="redaktor@kompetenshandboken.example")

    def basics(m: Method) -> None:
        m.title = "Prova i lugn takt"
        m.summary = "Deltagaren provar en uppgift i lugn takt med stöd."
        m.easy_read = "Du provar. Handledaren hjälper dig."
        m.body = "Första utkastet."
        m.learning_form = "i_arbetet"
        m.save()
        m.phases.set([Phase.objects.get(number=3)])

    def body(text: str):
        def save(m: Method) -> None:
            m.body = text
            m.save()

        return save

    method = workflow.create_draft(member, basics)
    method = workflow.save_version(method, method.version, member, body(PERSONNUMMER), "")
    method = workflow.save_version(method, method.version, member, body("Rent."), "")
    method = workflow.submit(method, member)
    return workflow.publish(method, editor, override_easy_read=True)


def test_reader_and_editor_follow_versions_on_a_phone(method_with_drafts, page, new_page, axe):
    slug = method_with_drafts.slug
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/metoder/{slug}/historik/")
    rows = page.locator(".revision-table tbody tr")
    expect(rows).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text(PERSONNUMMER)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(axe, page)

    editor = new_page()
    editor.set_viewport_size({"width": 320, "height": 800})
    log_in(editor, "redaktor@kompetenshandboken.example")
    editor.goto(f"/metoder/{slug}/historik/?fran=1&till=2")
    expect(editor.locator(".revision-table tbody tr")).to_have_count(5)
    expect(editor.get_by_role("region", name="Skillnader mellan version 1 och 2")).to_contain_text(
        PERSONNUMMER
    )
    # The wide table scrolls in its own region; the page itself never scrolls sideways.
    assert editor.evaluate("document.documentElement.scrollWidth") <= 320
    restore = editor.get_by_role("button", name="Återställ version 3")
    restore.focus()
    expect(restore).to_be_focused()
    assert_no_axe_violations(axe, editor)

    # Between the submitted and the published version the status reads in words, not codes.
    editor.goto(f"/metoder/{slug}/historik/?fran=4&till=5")
    changes = editor.get_by_role("region", name="Skillnader mellan version 4 och 5")
    status = changes.locator(".diff-field").filter(has=editor.get_by_role("heading", name="Status"))
    expect(status).to_contain_text("Inskickad → Publicerad")
    for code in ("submitted", "published"):
        expect(changes).not_to_contain_text(code)
    assert page.js_errors == [] and editor.js_errors == []
