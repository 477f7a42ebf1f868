""" "Lyssna" (issue 13): the method page and its easy-read text read aloud with the device's own
Swedish voice, sentence by sentence with the sentence highlighted, played, paused and stopped
by keyboard, and nothing sent anywhere but the site itself.

Chromium headless has no voices, so each test puts a fake speechSynthesis in the page before
its scripts run: it records every utterance, offers the voices the test gives it (only after a
moment, as real browsers load them, announced by voiceschanged), fires onstart and onboundary
when an utterance is spoken, and onend when the test says the sentence is done.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

METHOD = "/metoder/trepartssamtal/"
TITLE = "Trepartssamtal före insatsen"
SUMMARY_FIRST = (
    "Deltagare, handledare och någon från ledningen träffas innan en kurs eller större "
    "lärandeinsats."
)
SWEDISH = {"name": "Alva", "lang": "sv-SE", "localService": True}
ENGLISH = {"name": "Samantha", "lang": "en-US", "localService": True}
# A network voice sends the text to the browser maker's service: never used.
SWEDISH_ONLINE = {"name": "Google svenska", "lang": "sv-SE", "localService": False}

FAKE_SPEECH = """
(() => {
  const voices = %(voices)s;
  const listeners = {};
  let loaded = false;
  let current = null;
  window.__speech = { spoken: [], calls: [] };
  class FakeUtterance {
    constructor(text) {
      this.text = text; this.lang = ""; this.voice = null;
      this.onstart = null; this.onend = null; this.onerror = null; this.onboundary = null;
    }
  }
  const synth = {
    speaking: false, paused: false, pending: false,
    getVoices() { return loaded ? voices : []; },
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    removeEventListener(type, fn) {
      listeners[type] = (listeners[type] || []).filter((f) => f !== fn);
    },
    speak(utterance) {
      window.__speech.spoken.push({
        text: utterance.text,
        lang: utterance.lang,
        voice: utterance.voice && utterance.voice.name,
      });
      current = utterance;
      this.speaking = true;
      setTimeout(() => {
        if (current !== utterance) { return; }
        if (utterance.onstart) { utterance.onstart({ utterance }); }
        if (utterance.onboundary) {
          utterance.onboundary({ utterance, name: "word", charIndex: 0 });
        }
      }, 0);
    },
    pause() { this.paused = true; window.__speech.calls.push("pause"); },
    resume() { this.paused = false; window.__speech.calls.push("resume"); },
    cancel() {
      window.__speech.calls.push("cancel");
      const utterance = current;
      current = null;
      this.speaking = false;
      if (utterance && utterance.onerror) {
        utterance.onerror({ utterance, error: "interrupted" });
      }
    },
  };
  window.__speech.finishSentence = () => {
    const utterance = current;
    current = null;
    if (utterance && utterance.onend) { utterance.onend({ utterance }); }
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
  %(no_highlight_api)s
  setTimeout(() => {
    loaded = true;
    (listeners.voiceschanged || []).forEach((fn) => fn(new Event("voiceschanged")));
  }, 100);
})();
"""

HIGHLIGHTED = """
() => {
  if (window.CSS && CSS.highlights && CSS.highlights.get("listen-sentence")) {
    return [...CSS.highlights.get("listen-sentence")].map((r) => r.toString()).join("")
      .replace(/\\s+/g, " ").trim();
  }
  const span = document.querySelector("span.listen-sentence");
  return span ? span.textContent.replace(/\\s+/g, " ").trim() : null;
}
"""


def with_fake_speech(page, voices, highlight_api=True):
    page.add_init_script(
        FAKE_SPEECH
        % {
            "voices": json.dumps(voices),
            "no_highlight_api": "" if highlight_api else "delete CSS.highlights;",
        }
    )


def spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def watch_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_method_page_is_read_aloud_with_a_swedish_voice_by_keyboard(page, demo_data, axe):
    """Lyssna, Pausa, Fortsätt and Escape by keyboard; the highlighted sentence is the one
    spoken; nothing goes anywhere but the site."""
    page.set_viewport_size({"width": 320, "height": 800})
    requests = watch_requests(page)
    with_fake_speech(page, [ENGLISH, SWEDISH_ONLINE, SWEDISH])
    page.goto(METHOD)
    player = page.locator("[data-listen]")
    listen = player.get_by_role("button", name="Lyssna")
    expect(listen).to_be_visible()

    listen.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__speech.spoken.length === 1")
    assert spoken(page) == [{"text": TITLE, "lang": "sv-SE", "voice": "Alva"}]
    page.wait_for_function(f"() => ({HIGHLIGHTED})() !== null")
    assert page.evaluate(HIGHLIGHTED) == TITLE

    # The pause button took the place of Lyssna, and has the focus.
    pause = player.get_by_role("button", name="Pausa")
    expect(pause).to_be_focused()
    expect(listen).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(axe, page)

    page.keyboard.press("Enter")
    resume = player.get_by_role("button", name="Fortsätt")
    expect(resume).to_be_focused()
    page.keyboard.press("Space")
    expect(pause).to_be_focused()
    assert page.evaluate("window.__speech.calls") == ["cancel", "pause", "resume"]

    # The next sentence: the summary's first, highlighted as it is spoken.
    page.evaluate("window.__speech.finishSentence()")
    page.wait_for_function("() => window.__speech.spoken.length === 2")
    assert spoken(page)[1] == {"text": SUMMARY_FIRST, "lang": "sv-SE", "voice": "Alva"}
    page.wait_for_function(f"() => ({HIGHLIGHTED})() === {json.dumps(SUMMARY_FIRST)}")

    # Escape stops: no highlight left, Lyssna back with the focus, the status quiet.
    page.keyboard.press("Escape")
    expect(listen).to_be_focused()
    expect(player.get_by_role("button", name="Stoppa")).to_be_hidden()
    assert page.evaluate(HIGHLIGHTED) is None
    assert page.evaluate("window.__speech.calls").count("cancel") == 2
    expect(player.get_by_role("status")).to_have_text("")
    assert len(spoken(page)) == 2

    assert requests and all(url.startswith(page.url.split("/metoder/")[0]) for url in requests), (
        requests
    )
    assert page.js_errors == []


def test_easy_read_text_is_read_with_the_dom_restored_after_stop(page, demo_data):
    """Without the Custom Highlight API the sentence is wrapped in a span while it is read;
    Stoppa (by keyboard) puts the text back exactly as it was."""
    page.set_viewport_size({"width": 320, "height": 800})
    with_fake_speech(page, [SWEDISH], highlight_api=False)
    page.goto(METHOD + "?version=lattlast")
    section = page.get_by_role("region", name="Lättläst")
    text = page.locator(".easy-read .prose")
    before = text.inner_html()

    section.get_by_role("button", name="Lyssna").click()
    page.wait_for_function("() => window.__speech.spoken.length === 1")
    assert spoken(page)[0] == {
        "text": "Snart ska du lära dig något nytt.",
        "lang": "sv-SE",
        "voice": "Alva",
    }
    expect(text.locator("span.listen-sentence")).to_have_text("Snart ska du lära dig något nytt.")
    page.evaluate("window.__speech.finishSentence()")
    page.wait_for_function("() => window.__speech.spoken.length === 2")
    expect(text.locator("span.listen-sentence")).to_have_text(spoken(page)[1]["text"])

    stop = section.get_by_role("button", name="Stoppa")
    stop.focus()
    page.keyboard.press("Enter")
    expect(section.get_by_role("button", name="Lyssna")).to_be_focused()
    expect(text.locator("span.listen-sentence")).to_have_count(0)
    assert text.inner_html() == before
    assert page.js_errors == []


@pytest.mark.parametrize(
    "voices", [[], [ENGLISH], [ENGLISH, SWEDISH_ONLINE]], ids=["none", "english", "online"]
)
def test_without_a_swedish_voice_on_the_device_nothing_is_read(page, demo_data, voices, axe):
    page.set_viewport_size({"width": 320, "height": 800})
    with_fake_speech(page, voices)
    page.goto(METHOD)
    player = page.locator("[data-listen]")
    player.get_by_role("button", name="Lyssna").click()
    expect(player.get_by_role("status")).to_have_text(
        "Din webbläsare eller enhet har ingen svensk röst för uppläsning. Du kan lägga till en "
        "svensk röst i enhetens inställningar för tal.",
        timeout=5000,
    )
    assert spoken(page) == []
    expect(player.get_by_role("button", name="Lyssna")).to_be_visible()
    assert_no_axe_violations(axe, page)
    assert page.js_errors == []


def test_without_speech_synthesis_the_message_shows(page, demo_data):
    page.add_init_script("delete window.speechSynthesis; delete Window.prototype.speechSynthesis;")
    page.goto(METHOD)
    player = page.locator("[data-listen]")
    player.get_by_role("button", name="Lyssna").click()
    expect(player.get_by_role("status")).to_contain_text("ingen svensk röst")
    assert page.js_errors == []


def test_without_javascript_there_is_no_player(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(METHOD)
        expect(page.locator("[data-listen]")).to_be_hidden()
        expect(page.get_by_role("button", name="Lyssna")).to_have_count(0)
    finally:
        context.close()
