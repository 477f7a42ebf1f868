"""In Chromium, a page served from the anonymous page cache behaves like a freshly rendered one:
it arrives gzipped, its scripts run under the CSP (fresh nonce) and the language switch works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_cached_pages_keep_scripts_and_forms_working(demo_data, browser, live_server, page):
    # Another visitor renders the pages first, so this browser gets them from the cache.
    other = browser.new_context(base_url=live_server.url, locale="sv-SE")
    other_page = other.new_page()
    for path in ("/metoder/trepartssamtal/kort/", "/metoder/"):
        assert other_page.goto(path).headers["x-page-cache"] == "miss"
    other.close()

    response = page.goto("/metoder/trepartssamtal/kort/")
    assert response.headers["x-page-cache"] == "hit"
    # Gzipped from the stored deflate pieces (core/compression.py): Chromium unpacks it.
    assert response.headers["content-encoding"] == "gzip"
    # print.js (loaded with the nonce) shows the print button; under a stale nonce it would not
    # run and the browser would report a CSP violation.
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()

    response = page.goto("/metoder/")
    assert response.headers["x-page-cache"] == "hit"
    # The language switcher on the cached page works (a plain link, no token needed).
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.js_errors == []
