"""Adding an image in the method editor at 320 px, by keyboard only: Tab to "Lägg till bild",
Enter opens the file chooser, the image is described, uploaded and inserted at the cursor, and
the step saves. Without a description the save is refused with the message, text kept. An image
dragged into the text box is asked about the same way."""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from methods.models import Method
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import DEMO_PASSWORD, DRAFT, MEMBER, continue_button

pytestmark = pytest.mark.browser


def log_in(page, email: str) -> None:
    """Sign in through the login form (found by field id, whatever its label says)."""
    page.goto("/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()


ALT = "Två kollegor tömmer diskmaskinen"
IMAGE = re.compile(r"!\[Två kollegor tömmer diskmaskinen\]\((/media/uploads/[\w/]+\.png)\)")
REFUSED = "Varje bild behöver en beskrivning för den som inte ser den. Bild nummer 1 saknar"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 95, 91)).save(out, "PNG")
    return out.getvalue()


def assert_fits_320(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_member_adds_a_described_image_by_keyboard_and_saves(
    demo_data, page, axe, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 800})
    # Listening from the start turns Chromium's file chooser interception on before the key
    # press; enabled lazily by expect_file_chooser it can come too late (a known race).
    page.on("filechooser", lambda chooser: None)
    log_in(page, MEMBER)
    page.goto(reverse("methods:edit_step", args=[DRAFT, "grund"]))
    body = page.get_by_label("Beskrivning")
    button = page.get_by_role("button", name="Lägg till bild")
    expect(button).to_be_visible()
    expect(page.get_by_text("Skriv **fetstil** med två stjärnor")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)

    # Keyboard only: the cursor at the start of the text, then Tab leaves the text box (it does
    # not indent) and lands on the button; Enter opens the file chooser.
    body.focus()
    page.keyboard.press("Control+Home")
    page.keyboard.type("Se bilden: ")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(files=[{"name": "disk.png", "mimeType": "image/png", "buffer": png()}])

    # The description is asked for first; an empty one is refused in the page.
    describe = page.get_by_role("textbox", name="Beskriv bilden för den som inte ser den")
    expect(describe).to_be_focused()
    expect(page.get_by_text("Vald bild: disk.png")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Skriv vad bilden visar innan du infogar den.")).to_be_visible()
    expect(describe).to_be_focused()
    assert re.search(r"/media/uploads/", body.input_value()) is None

    page.keyboard.type(ALT)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Bilden är infogad")).to_have_text(
        "Bilden är infogad i texten med din beskrivning."
    )
    expect(body).to_be_focused()
    text = body.input_value()
    match = IMAGE.search(text)
    assert match, text
    assert text.startswith(f"Se bilden: ![{ALT}]({match.group(1)})")  # where the cursor was
    assert (tmp_path / match.group(1).removeprefix("/media/")).exists()

    continue_button(page).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/metoder/{DRAFT}/redigera/faser/$"))
    method = Method.objects.get(slug=DRAFT)
    assert method.body.replace("\r\n", "\n") == text.replace("\r\n", "\n")
    assert f'<img alt="{ALT}" src="{match.group(1)}">' in method.body_html

    # The easy-read text has the same button.
    page.goto(reverse("methods:edit_step", args=[DRAFT, "lattlast"]))
    expect(page.get_by_role("button", name="Lägg till bild")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)

    # Without a description the save is refused with the message, and the text stays.
    page.goto(reverse("methods:edit_step", args=[DRAFT, "grund"]))
    undescribed = text.replace(f"![{ALT}]", "![]")
    body.fill(undescribed)
    continue_button(page).click()
    expect(page.locator("#id_body_error")).to_contain_text(REFUSED)
    expect(body).to_have_value(undescribed)
    assert Method.objects.get(slug=DRAFT).body == method.body
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)
    # Only the browser's report of the 400 status of the refused save.
    assert [e for e in page.js_errors if "status of 400" not in e] == []


def test_an_image_dragged_into_the_editor_is_described_before_saving(
    demo_data, page, axe, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, MEMBER)
    page.goto(reverse("methods:edit_step", args=[DRAFT, "grund"]))
    body = page.get_by_label("Beskrivning")
    body.fill("Före bilden. ")
    body.press("End")
    dropped = page.evaluate_handle(
        """(data) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "disk.png", { type: "image/png" }));
            return transfer;
        }""",
        base64.b64encode(png()).decode(),
    )
    body.dispatch_event("drop", {"dataTransfer": dropped})
    describe = page.get_by_role("textbox", name="Beskriv bilden för den som inte ser den")
    expect(describe).to_be_focused()
    expect(
        page.get_by_text("Bilden är uppladdad och infogad i texten. Beskriv den nu")
    ).to_be_visible()
    assert re.search(r"!\[\]\(/media/uploads/[\w/]+\.png\)", body.input_value())
    assert_no_axe_violations(axe, page)
    describe.fill(ALT)
    page.get_by_role("button", name="Infoga bilden").click()
    expect(body).to_have_value(IMAGE)
    assert "![](" not in body.input_value()
    continue_button(page).click()
    expect(page).to_have_url(re.compile(rf"/metoder/{DRAFT}/redigera/faser/$"))
    assert IMAGE.search(Method.objects.get(slug=DRAFT).body)
    assert page.js_errors == []
