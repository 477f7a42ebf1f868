"""A regional adviser who wants the handbook's methods on their own site finds the open API's
documentation, reads how a method looks, and fetches the methods of one phase as JSON the way
their site would: by page, with the ETag for the next visit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from methods.models import Method
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def test_adviser_reads_the_api_documentation_and_fetches_a_phase(demo_data, page, axe):
    response = page.goto("/api/v1/docs/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Öppet API")
    expect(page).to_have_title("Öppet API – Kompetenshandboken")
    # The page is the site's own: the schema is linked, and nothing is loaded from elsewhere
    # (the CSP would report it as a console error).
    expect(page.get_by_role("link", name="/api/v1/schema/")).to_have_attribute(
        "href", "/api/v1/schema/"
    )
    assert_no_axe_violations(axe, page)

    # From the list of requests to the method's, then to the shape of its answer.
    operations = page.get_by_role("region", name="Anrop")
    operations.get_by_role("link", name="GET /api/v1/methods/{slug}/").click()
    expect(page).to_have_url(re.compile(r"#api_views_method_detail$"))
    method_op = page.get_by_role("region", name="GET /api/v1/methods/{slug}/: En metod")
    expect(method_op.get_by_role("heading", name="Svar")).to_be_visible()
    method_op.get_by_role("link", name="MethodDetail").click()
    expect(page).to_have_url(re.compile(r"#typ-MethodDetail$"))
    fields = page.get_by_role("table", name="Fälten i MethodDetail")
    expect(fields.get_by_role("rowheader", name="easy_read", exact=True)).to_be_visible()
    expect(fields.get_by_role("rowheader", name="matrix", exact=True)).to_be_visible()
    list_op = page.get_by_role("region", name="GET /api/v1/methods/: Metoder")
    parameters = list_op.get_by_role("table", name="Parametrar")
    expect(parameters.get_by_role("rowheader", name="fas", exact=True)).to_be_visible()
    expect(parameters.get_by_role("rowheader", name="updated_since", exact=True)).to_be_visible()

    # Reflow at 320 px: only the tables' own regions may scroll.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/api/v1/docs/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.js_errors == []

    # What the adviser's site does: the phase's methods, page by page.
    expected = list(
        Method.objects.published()
        .filter(phases__slug="forankring")
        .order_by("title", "pk")
        .values_list("slug", flat=True)
    )
    assert len(expected) > 2
    slugs, url = [], "/api/v1/methods/?fas=forankring&page_size=2"
    while url:
        answer = page.request.get(url)
        assert answer.status == 200
        assert answer.headers["content-type"].startswith("application/json")
        body = answer.json()
        assert body["count"] == len(expected)
        slugs += [method["slug"] for method in body["results"]]
        url = re.sub(r"^https?://[^/]+", "", body["next"]) if body["next"] else None
    assert slugs == expected

    # One method in full, and the same again with its ETag: 304, nothing sent.
    first = page.request.get(f"/api/v1/methods/{expected[0]}/")
    method = first.json()
    assert method["slug"] == expected[0]
    assert [p["slug"] for p in method["phases"]].count("forankring") == 1
    assert method["licence"]["value"]
    assert method["body_html"].strip()
    again = page.request.get(
        f"/api/v1/methods/{expected[0]}/", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status == 304 and again.body() == b""
