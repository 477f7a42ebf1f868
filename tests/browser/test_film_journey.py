"""Films in a real browser at 320 px: a member who may edit a method adds a film with Swedish
captions and sees it with play controls and the captions track loaded; a film on another site
shows a placeholder, and nothing is fetched from that site until "Visa filmen" is pressed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from material.models import Film
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_contributing_journey import DRAFT, MEMBER
from tests.browser.test_editor_image_journey import assert_fits_320, log_in

pytestmark = pytest.mark.browser

CAPTIONS = (
    "WEBVTT\n\n00:00.000 --> 00:00.500\nVälkommen till caféet.\n\n"
    "00:00.500 --> 00:01.000\nHär rengör vi kaffemaskinen tillsammans.\n"
)
# A tiny real WebM, recorded by the browser itself from a blinking canvas (MediaRecorder): the
# test's one video file, made when it runs.
RECORD_WEBM = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 48;
  const paint = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: "video/webm"});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  let frame = 0;
  const timer = setInterval(() => {
    paint.fillStyle = frame++ % 2 ? "#1f5f5b" : "#ffffff";
    paint.fillRect(0, 0, 64, 48);
  }, 50);
  recorder.start();
  await new Promise((done) => setTimeout(done, 800));
  const stopped = new Promise((done) => { recorder.onstop = done; });
  recorder.stop();
  await stopped;
  clearInterval(timer);
  return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
}"""


def test_member_adds_a_captioned_film_and_a_film_elsewhere(
    demo_data, page, axe, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, MEMBER)
    films_page = reverse("material:method_films", args=[DRAFT])
    page.goto(films_page)
    expect(page.get_by_role("heading", name="Lägg till en film")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)
    webm = bytes(page.evaluate(RECORD_WEBM))
    assert webm[:4] == b"\x1a\x45\xdf\xa3"

    # Without captions the upload is refused, with the reason, and the title is kept.
    page.get_by_label("Jag laddar upp en filmfil (MP4 eller WebM)").check()
    page.locator("#id_title").fill("Så rengör vi kaffemaskinen")
    page.locator("#id_minutes").fill("1")
    page.locator("#id_file").set_input_files(
        files=[{"name": "kaffe.webm", "mimeType": "video/webm", "buffer": webm}]
    )
    page.get_by_role("button", name="Lägg till filmen").click()
    expect(page).to_have_title(re.compile(r"^Fel: "))
    expect(page.locator(".error-summary")).to_contain_text("måste ha textning på svenska")
    expect(page.locator("#id_title")).to_have_value("Så rengör vi kaffemaskinen")
    assert_no_axe_violations(axe, page)
    page.js_errors.clear()  # the refusal's 400, which the console reports

    # A film past the size limit: read no further than the limit (core.upload_limits), refused
    # with the form's own message, and what was typed is kept.
    settings.FILM_MAX_BYTES = len(webm) - 1
    page.locator("#id_file").set_input_files(
        files=[{"name": "kaffe.webm", "mimeType": "video/webm", "buffer": webm}]
    )
    page.locator("#id_captions_file").set_input_files(
        files=[{"name": "kaffe.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS.encode()}]
    )
    page.get_by_role("button", name="Lägg till filmen").click()
    expect(page.locator(".error-summary")).to_contain_text("Filmen är för stor.")
    expect(page.locator("#id_title")).to_have_value("Så rengör vi kaffemaskinen")
    assert not Film.objects.filter(title="Så rengör vi kaffemaskinen").exists()
    page.js_errors.clear()
    settings.FILM_MAX_BYTES = 10 * 1024 * 1024

    # With captions it goes in.
    page.locator("#id_file").set_input_files(
        files=[{"name": "kaffe.webm", "mimeType": "video/webm", "buffer": webm}]
    )
    page.locator("#id_captions_file").set_input_files(
        files=[{"name": "kaffe.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS.encode()}]
    )
    page.locator("#id_transcript").fill("Leila visar hur maskinen tas isär.")
    page.get_by_role("button", name="Lägg till filmen").click()
    expect(page.get_by_text("Filmen ”Så rengör vi kaffemaskinen” är tillagd.")).to_be_visible()
    film = Film.objects.get(title="Så rengör vi kaffemaskinen")
    assert film.content_type == "video/webm"

    # On the method page: play controls, the Swedish captions track loaded, the transcript.
    page.goto(reverse("methods:detail", args=[DRAFT]))
    video = page.locator("#film-1 video")
    expect(video).to_have_attribute("controls", "")
    track = video.locator("track")
    expect(track).to_have_attribute("kind", "captions")
    expect(track).to_have_attribute("srclang", "sv")
    expect(track).to_have_attribute("default", "")
    # The browser read the film's metadata through the range-serving view, and the cues.
    page.wait_for_function(
        "v => v.readyState >= 1 && v.textTracks[0].cues && v.textTracks[0].cues.length === 2",
        arg=video.element_handle(),
    )
    assert page.evaluate("v => v.textTracks[0].cues[1].text", video.element_handle()) == (
        "Här rengör vi kaffemaskinen tillsammans."
    )
    page.get_by_text("Läs utskriften av filmen").click()
    expect(page.get_by_text("Leila visar hur maskinen tas isär.")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)

    # A film elsewhere: a placeholder; nothing from the other site before the click.
    fetched: list[str] = []
    page.route(
        "https://play.orebro.se/**",
        lambda route: (fetched.append(route.request.url), route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Film</title>"
        )),
    )  # fmt: skip
    page.goto(films_page)
    page.get_by_label("Filmen finns på en annan webbplats").check()
    page.locator("#id_title").fill("Handledning i vardagen")
    page.locator("#id_minutes").fill("6")
    page.locator("#id_url").fill("https://play.orebro.se/film/handledning")
    page.get_by_role("button", name="Lägg till filmen").click()
    expect(page.get_by_text("Filmen ”Handledning i vardagen” är tillagd.")).to_be_visible()
    response = page.goto(reverse("methods:detail", args=[DRAFT]))
    assert "frame-src https://play.orebro.se" in response.headers["content-security-policy"]
    placeholder = page.locator(".film-placeholder")
    expect(placeholder).to_contain_text("Filmen finns på play.orebro.se")
    expect(page.locator("iframe")).to_have_count(0)
    assert_no_axe_violations(axe, page)
    assert_fits_320(page)
    assert fetched == []
    page.get_by_role("button", name="Visa filmen").click()
    frame = page.locator("iframe.film-frame")
    expect(frame).to_have_attribute("src", "https://play.orebro.se/film/handledning")
    expect(frame).to_have_attribute("title", "Handledning i vardagen")
    expect(frame).to_be_focused()
    page.wait_for_timeout(300)
    assert fetched == ["https://play.orebro.se/film/handledning"]
    assert page.js_errors == []
