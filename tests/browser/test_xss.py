"""No XSS payload runs in Chromium: method (both versions), card, company page and searches.

A dialog handler records any alert/confirm/prompt; console errors (including CSP violation
reports, which would mean the sanitiser let something through for CSP to catch) must be none.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from core.rendering import ALLOWED_TAGS
from methods.models import Comment
from tests.factories import CompanyFactory, MethodFactory, MethodStepFactory
from tests.security.xss_payloads import NASTIEST

pytestmark = pytest.mark.browser

TEXT = "\n\n".join(NASTIEST)
SAFE_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"]

# Every element inside the user-text containers, and every URL on the page as Chromium parsed it.
_INSPECT = """() => ({
  tags: [...document.querySelectorAll('.prose *, .print-card__text *, td *')]
    .map(e => e.localName),
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
    .filter(a => a.name.startsWith('on') || a.name === 'srcdoc')
    .map(a => e.localName + ' ' + a.name)),
  protocols: [...document.querySelectorAll('a[href], img[src], iframe, form[action]')]
    .map(e => new URL(e.getAttribute('href') || e.getAttribute('src')
                      || e.getAttribute('action') || '', location.href).protocol),
  title: document.title,
})"""


@pytest.fixture
def nasty_method(transactional_db, django_db_serialized_rollback):
    company = CompanyFactory(name=NASTIEST[1] + NASTIEST[12], description=TEXT)
    method = MethodFactory(
        title=NASTIEST[0] + " " + NASTIEST[2],
        summary=" ".join(NASTIEST)[:600],
        body=TEXT,
        easy_read=TEXT,
        company=company,
    )
    MethodStepFactory(method=method, text=TEXT)
    Comment.objects.create(method=method, author=method.author, body=TEXT)
    return method


def _visit(page, url: str, dialogs: list[str]) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # let autofocus, ontoggle and onload handlers fire if any
    page.mouse.move(200, 200)
    page.mouse.move(400, 500)
    found = page.evaluate(_INSPECT)
    assert dialogs == [], (url, dialogs)
    # Relative image sources such as the 'x' left of ![x" onerror=...](x) may 404; that is a
    # harmless request, not script. Every other console error (CSP violations too) fails.
    errors = [e for e in page.js_errors if not e.startswith("Failed to load resource")]
    assert errors == [], (url, errors)
    assert set(found["tags"]) <= ALLOWED_TAGS | {"span", "strong", "li", "ul"}, found["tags"]
    assert found["handlers"] == [], found["handlers"]
    assert set(found["protocols"]) <= set(SAFE_PROTOCOLS), found["protocols"]


def test_no_payload_runs_in_chromium(nasty_method, page, settings):
    settings.RATELIMIT_ENABLED = False
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    url = nasty_method.get_absolute_url()
    pages = [
        url,
        f"{url}?version=lattlast",
        f"{url}kort/",
        nasty_method.company.get_absolute_url(),
    ]
    for payload in NASTIEST[:8]:
        pages.append(f"/sok/?q={quote(payload)}")
        pages.append(f"/metoder/?q={quote(payload)}")
    for target in pages:
        _visit(page, target, dialogs)
