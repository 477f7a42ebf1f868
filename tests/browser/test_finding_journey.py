"""A coordinator finds methods: facets, forgiving search, the printable card, similar methods."""

from __future__ import annotations

import io
import re

import pytest
from django.http import QueryDict
from playwright.sync_api import expect
from pypdf import PdfReader

from methods import search
from methods.filters import FACETS, MethodFilter
from methods.models import Method
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

SITE = "https://handbok.example"
QR_LABEL = "QR-kod till metoden på webben"
HYGIENE = "Livsmedelshygien med extern utbildare"
WORK_TRAINING = "Stegvis ökat ansvar i arbetsträningen"


def _count_text(count: int, query: str = "") -> str:
    text = f"{count} metod" if count == 1 else f"{count} metoder"
    return f"{text} om ”{query}”" if query else text


def _filtered_count(params: str) -> int:
    return MethodFilter(QueryDict(params)).apply(Method.objects.published()).distinct().count()


def _expected_facet_counts(params: str) -> dict[tuple[str, str], int]:
    """Each option's count as the ORM gives it: every other facet's filter plus that value."""
    current = MethodFilter(QueryDict(params))
    expected = {}
    for facet in FACETS:
        others = QueryDict(mutable=True)
        for param, values in current.selected.items():
            if param != facet.param:
                others.setlist(param, values)
        for value, _label in current.choices[facet.param]:
            query = others.copy()
            query.setlist(facet.param, [value])
            expected[(facet.param, value)] = _filtered_count(query.urlencode())
    return expected


def _shown_facet_counts(page) -> dict[tuple[str, str], int]:
    """(param, value) -> the number in the option's label, "Name (count)"."""
    rows = page.locator(".filters input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => [b.name, b.value, b.labels[0].textContent])"
    )
    shown = {}
    for name, value, label in rows:
        match = re.search(r"\((\d+)\)\s*$", label)
        assert match, f"no count in the label {label!r}"
        shown[(name, value)] = int(match.group(1))
    return shown


def _query_of(url: str) -> str:
    return url.partition("?")[2]


def test_facets_combine_across_groups_and_add_up_within_one(demo_data, page, axe):
    page.goto("/metoder/")
    filters = page.get_by_role("form", name="Filtrera")
    phase_group = filters.get_by_role("group", name="Fas")
    form_group = filters.get_by_role("group", name="Lärandeform")
    applied = phase_group.get_by_role(
        "checkbox", name=re.compile(r"^5\. Tillämpning i vardagen \(\d+\)$")
    )
    evaluation = phase_group.get_by_role(
        "checkbox", name=re.compile(r"^6\. Utvärdering och delning \(\d+\)$")
    )
    at_work = form_group.get_by_role("checkbox", name=re.compile(r"^I arbetet \(\d+\)$"))
    results_heading = page.get_by_role("heading", name=re.compile(r"^\d+ metod"))
    cards = page.locator(".method-card")
    chips = page.get_by_role("list", name="Valda filter:").get_by_role("link")
    expect(results_heading).to_have_text(_count_text(Method.objects.published().count()))
    assert _shown_facet_counts(page) == _expected_facet_counts("")

    # Two facets in different groups: both must hold (AND).
    applied.check()
    at_work.check()
    filters.get_by_role("button", name="Visa metoder").click()
    expect(page).to_have_url(re.compile(r"[?&]fas=tillampning(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]form=i-arbetet(&|$)"))
    both = _filtered_count("fas=tillampning&form=i-arbetet")
    assert 0 < both < min(_filtered_count("fas=tillampning"), _filtered_count("form=i-arbetet"))
    expect(results_heading).to_have_text(_count_text(both))
    expect(cards).to_have_count(both)
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_have_accessible_name("Fas: 5. Tillämpning i vardagen (ta bort filtret)")
    expect(chips.nth(1)).to_have_accessible_name("Lärandeform: I arbetet (ta bort filtret)")
    expect(applied).to_be_checked()
    expect(at_work).to_be_checked()
    # A chosen value's count is what the list shows; every other count is what it would show.
    expect(applied).to_have_accessible_name(f"5. Tillämpning i vardagen ({both})")
    expect(at_work).to_have_accessible_name(f"I arbetet ({both})")
    assert _shown_facet_counts(page) == _expected_facet_counts(_query_of(page.url))
    assert_no_axe_violations(axe, page)

    # Remove the learning form by its chip: only the phase stays.
    page.get_by_role("link", name="Lärandeform: I arbetet (ta bort filtret)").click()
    expect(page).to_have_url(re.compile(r"/metoder/\?fas=tillampning$"))
    expect(chips).to_have_count(1)
    expect(chips).to_have_accessible_name("Fas: 5. Tillämpning i vardagen (ta bort filtret)")
    phase_only = _filtered_count("fas=tillampning")
    expect(results_heading).to_have_text(_count_text(phase_only))
    expect(cards).to_have_count(phase_only)
    expect(at_work).not_to_be_checked()

    # A second value in the same group is an alternative (OR): the list can only grow.
    evaluation.check()
    filters.get_by_role("button", name="Visa metoder").click()
    expect(page).to_have_url(re.compile(r"[?&]fas=tillampning(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]fas=utvardering(&|$)"))
    either = _filtered_count("fas=tillampning&fas=utvardering")
    assert either >= max(phase_only, _filtered_count("fas=utvardering"))
    expect(results_heading).to_have_text(_count_text(either))
    expect(cards).to_have_count(either)
    expect(chips).to_have_count(2)
    expect(chips.nth(1)).to_have_accessible_name(
        "Fas: 6. Utvärdering och delning (ta bort filtret)"
    )
    assert _shown_facet_counts(page) == _expected_facet_counts(_query_of(page.url))

    assert page.js_errors == []


def test_search_forgives_typos_missing_diacritics_and_compound_parts(
    demo_data, page, axe, settings
):
    page.goto("/")
    header_box = page.get_by_role("searchbox", name="Sök i handboken")
    header_box.fill("livsmedelshygein")  # misspelt: "hygien"
    header_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/sok/\?q=livsmedelshygein$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sök i handboken")
    method_titles = page.locator("#metoder .method-card__title")
    expect(method_titles.first).to_have_text(HYGIENE)
    first_result = page.locator("#metoder .method-card").first
    expect(first_result.locator(".snippet mark").first).to_be_visible()
    expect(page.locator("#metoder mark").first).to_have_text(re.compile("livsmedelshygien", re.I))
    assert_no_axe_violations(axe, page)

    page_box = page.get_by_role("searchbox", name="Sökord")
    # (query, first method, a word marked in the snippets: the title alone may match).
    # No demo method mentions "förankring" (only "förankrade"), so "sakerhetsrunda" stands for
    # a word typed without diacritics.
    expected = [
        ("sakerhetsrunda", "Säkerhetsrunda med riskjakt", None),  # typed without å, ä, ö
        ("hygien", HYGIENE, "livsmedelshygien"),  # a part of a compound
        ("traning", WORK_TRAINING, "arbetsträning"),  # both
        ("praktik", WORK_TRAINING, None),  # a synonym from the migrations
    ]
    for query, title, marked in expected:
        page_box.fill(query)
        page_box.press("Enter")
        expect(page).to_have_url(re.compile(rf"/sok/\?q={query}$"))
        expect(page_box).to_have_value(query)
        expect(method_titles.first).to_have_text(title)
        if marked:
            expect(page.locator("#metoder mark").first).to_have_text(
                re.compile(marked, re.IGNORECASE)
            )

    # The search inside the method list sorts by relevance.
    page.goto("/metoder/?q=handledning")
    found = search.search_methods(
        Method.objects.published(), search.parse_query("handledning")
    ).count()
    assert found > 1
    sort = page.get_by_label("Sortera")
    expect(sort).to_have_value("relevans")
    expect(sort.locator("option:checked")).to_have_text("Bäst träff")
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ metod"))).to_have_text(
        _count_text(found, "handledning")
    )
    expect(page.locator(".method-card")).to_have_count(min(found, settings.METHODS_PER_PAGE))
    expect(page.locator(".method-card__title").first).to_have_text("Handledarträffar")
    expect(page.locator(".method-card").first.locator(".snippet mark").first).to_be_visible()
    expect(
        page.get_by_role("list", name="Valda filter:").get_by_role("link")
    ).to_have_accessible_name("Sökord: handledning (ta bort filtret)")

    assert page.js_errors == []


def _pdf_pages(page) -> int:
    """Pages of the current page printed by Chromium, at the CSS page size (A4)."""
    return len(PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages)


def test_method_card_prints_on_one_page(demo_data, page, axe, settings, tmp_path):
    settings.SITE_URL = SITE
    settings.MEDIA_ROOT = tmp_path / "media"  # where the handbook PDF is stored
    method = Method.objects.get(slug="livsmedelshygien-med-extern-utbildare")
    page.goto(method.get_absolute_url())
    page.get_by_role("link", name="Metodkort att skriva ut").click()
    expect(page).to_have_url(re.compile(rf"/metoder/{method.slug}/kort/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(method.title)
    expect(page.get_by_role("img", name=QR_LABEL)).to_be_visible()
    expect(page.locator(".print-card__url")).to_have_text(f"{SITE}/metoder/{method.slug}/")
    # The button is hidden in the markup; the script shows it.
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    assert_no_axe_violations(axe, page)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()
    expect(page.locator(".print-card")).to_be_visible()
    assert _pdf_pages(page) == 1
    # Every demo method's card fits its A4 page.
    for slug in Method.objects.published().exclude(pk=method.pk).values_list("slug", flat=True):
        page.goto(f"/metoder/{slug}/kort/")
        assert _pdf_pages(page) == 1, slug

    for path in [f"/metoder/{method.slug}.pdf", "/handbok.pdf"]:
        response = page.request.get(path)
        assert response.status == 200, path
        assert response.headers["content-type"] == "application/pdf", path
        assert response.body().startswith(b"%PDF"), path

    assert page.js_errors == []


def test_similar_methods_lead_to_another_method(demo_data, page):
    method = Method.objects.get(slug="trepartssamtal")
    similar = Method.objects.similar_to(method)
    assert similar
    page.goto(method.get_absolute_url())
    links = page.get_by_role("region", name="Liknande metoder").get_by_role("link")
    expect(links).to_have_count(len(similar))
    expect(links).to_have_text([other.title for other in similar])

    links.first.click()
    expect(page).to_have_url(re.compile(rf"/metoder/{similar[0].slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(similar[0].title)
    expect(links.first).to_be_visible()  # the new page has its own similar methods

    assert page.js_errors == []
