"""A coordinator reads the demo handbook: process map, phase, filtered list, method, companies."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from methods.models import Method

pytestmark = pytest.mark.browser

PHASE_NAMES = [
    "Behov och mål",
    "Förankring",
    "Genomförande",
    "Efterarbete",
    "Tillämpning i vardagen",
    "Utvärdering och delning",
]
NARROW_PAGES = ["/", "/fas/forankring/", "/metoder/trepartssamtal/", "/tillganglighet/"]
ROLE_HEADERS = ["Fas", "Deltagare", "Handledare", "Ledning", "Extern utbildare"]


def _published_count(**filters) -> int:
    return Method.objects.published().filter(**filters).distinct().count()


def _count_text(count: int) -> str:
    return f"{count} metod" if count == 1 else f"{count} metoder"


def test_coordinator_follows_a_phase_to_a_method(demo_data, page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kompetensutveckling som fungerar i vardagen"
    )

    # The six phases as an ordered process map.
    process = page.locator("#faserna")
    expect(process.get_by_role("heading", name="Processen i sex faser")).to_be_visible()
    expect(process.locator(".process-map > li")).to_have_count(6)
    expect(process.locator(".process-map__name")).to_have_text(PHASE_NAMES)

    # Phase 2.
    process.get_by_role("link", name="Förankring").click()
    expect(page).to_have_url(re.compile(r"/fas/forankring/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Förankring")
    expect(page.get_by_text("Fas 2 av 6")).to_be_visible()
    checklist = page.get_by_role("complementary", name="Checklista")
    expect(checklist).to_be_visible()
    expect(checklist.get_by_role("listitem").first).to_be_visible()
    assert checklist.get_by_role("listitem").count() >= 3
    expect(
        page.get_by_role("list", name="Processens faser").locator("[aria-current=step]")
    ).to_have_text(re.compile(r"^2"))

    # Filter the method list for this phase.
    page.get_by_role("link", name=re.compile(r"^Visa och filtrera")).click()
    expect(page).to_have_url(re.compile(r"/metoder/\?fas=forankring$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Metoder")
    phase_count = _published_count(phases__slug="forankring")
    results_heading = page.get_by_role("heading", name=re.compile(r"^\d+ metod"))
    expect(results_heading).to_have_text(_count_text(phase_count))
    filters = page.get_by_role("form", name="Filtrera")
    phase_box = filters.get_by_role("group", name="Fas").get_by_role(
        "checkbox", name=re.compile(r"^2\. Förankring \(\d+\)$")
    )
    expect(phase_box).to_be_checked()
    chips = page.get_by_role("list", name="Valda filter:").get_by_role("link")
    expect(chips).to_have_count(1)
    expect(chips).to_have_accessible_name("Fas: 2. Förankring (ta bort filtret)")

    # Add a second filter: competence area. Its count says what the list will show.
    both_count = _published_count(phases__slug="forankring", competence_areas__slug="handledning")
    assert 0 < both_count < phase_count
    area_box = filters.get_by_role("group", name="Kompetensområde").get_by_role(
        "checkbox", name=re.compile(r"^Handledning \(\d+\)$")
    )
    expect(area_box).to_have_accessible_name(f"Handledning ({both_count})")
    area_box.check()
    filters.get_by_role("button", name="Visa metoder").click()
    expect(page).to_have_url(re.compile(r"[?&]omrade=handledning(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]fas=forankring(&|$)"))
    expect(results_heading).to_have_text(_count_text(both_count))
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_have_accessible_name("Fas: 2. Förankring (ta bort filtret)")
    expect(chips.nth(1)).to_have_accessible_name("Kompetensområde: Handledning (ta bort filtret)")
    expect(page.locator(".method-card")).to_have_count(both_count)
    expect(page.get_by_role("link", name="Rensa alla filter")).to_be_visible()
    expect(phase_box).to_be_checked()
    expect(area_box).to_be_checked()

    # Remove the phase filter by its chip: only the area filter stays.
    page.get_by_role("link", name="Fas: 2. Förankring (ta bort filtret)").click()
    expect(page).to_have_url(re.compile(r"/metoder/\?omrade=handledning$"))
    expect(chips).to_have_count(1)
    expect(chips).to_have_accessible_name("Kompetensområde: Handledning (ta bort filtret)")
    expect(results_heading).to_have_text(
        _count_text(_published_count(competence_areas__slug="handledning"))
    )
    expect(phase_box).not_to_be_checked()
    expect(area_box).to_be_checked()

    # Open a method from the results.
    page.get_by_role("link", name="Trepartssamtal före insatsen").click()
    expect(page).to_have_url(re.compile(r"/metoder/trepartssamtal/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trepartssamtal före insatsen")
    expect(page.get_by_role("heading", name="Så fungerar metoden")).to_be_visible()

    # The role-by-phase matrix.
    expect(page.get_by_role("heading", name="Vem gör vad i varje fas")).to_be_visible()
    matrix_region = page.get_by_role("region", name="Vem gör vad i varje fas")
    table = matrix_region.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(ROLE_HEADERS)
    method = Method.objects.get(slug="trepartssamtal")
    row_headers = table.get_by_role("rowheader")
    expect(row_headers.first).to_be_visible()
    assert 1 <= row_headers.count() <= method.phases.count()
    expect(row_headers.first).to_contain_text("Behov och mål")

    # Easy-read version and back.
    versions = page.get_by_role("navigation", name="Välj version av texten")
    expect(versions.get_by_role("link", name="Vanlig text")).to_have_attribute(
        "aria-current", "page"
    )
    versions.get_by_role("link", name="Lättläst").click()
    expect(page).to_have_url(re.compile(r"/metoder/trepartssamtal/\?version=lattlast$"))
    expect(page.get_by_role("heading", name="Lättläst", level=2)).to_be_visible()
    expect(page.locator(".easy-read .prose")).not_to_be_empty()
    expect(versions.get_by_role("link", name="Lättläst")).to_have_attribute("aria-current", "page")
    expect(versions.get_by_role("link", name="Vanlig text")).not_to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("heading", name="Så fungerar metoden")).to_have_count(0)
    # The matrix is part of both versions.
    expect(page.get_by_role("heading", name="Vem gör vad i varje fas")).to_be_visible()

    versions.get_by_role("link", name="Vanlig text").click()
    expect(page).to_have_url(re.compile(r"/metoder/trepartssamtal/$"))
    expect(page.get_by_role("heading", name="Så fungerar metoden")).to_be_visible()
    expect(page.get_by_role("heading", name="Lättläst", level=2)).to_have_count(0)
    expect(versions.get_by_role("link", name="Vanlig text")).to_have_attribute(
        "aria-current", "page"
    )

    assert page.js_errors == []


def test_keyboard_skip_link_and_narrow_screen(demo_data, page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/#main$"))
    expect(page.locator("#main")).to_be_focused()

    # 320 CSS pixels (WCAG 1.4.10 reflow): nothing scrolls sideways. The role-by-phase table
    # may scroll inside its own region, which the exception for data tables allows.
    page.set_viewport_size({"width": 320, "height": 800})
    for path in NARROW_PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{path} scrolls sideways at 320 px: {scroll_width}"

    assert page.js_errors == []


def test_company_profile_and_not_found_page(demo_data, page):
    page.goto("/foretag/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Företag i handboken")
    expect(
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Företag")
    ).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Kafé Kompassen").click()
    expect(page).to_have_url(re.compile(r"/foretag/kafe-kompassen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kafé Kompassen")
    expect(page.locator(".lead")).to_have_text("Örebro, Örebro län · Tar emot studiebesök")
    facts = page.get_by_role("complementary", name="Fakta")
    expect(facts).to_contain_text("769612-3459")
    expect(facts.get_by_role("link", name="kontakt@kafe-kompassen.example")).to_have_attribute(
        "href", "mailto:kontakt@kafe-kompassen.example"
    )
    expect(page.get_by_role("heading", name="Erfarenhetsrapporter")).to_be_visible()
    assert page.js_errors == []

    response = page.goto("/metoder/finns-inte/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    expect(page).to_have_title("Sidan finns inte – Kompetenshandboken")
    expect(page.get_by_role("link", name="Gå till startsidan")).to_be_visible()
    # The only console error is the browser reporting the 404 status of the page itself.
    assert [e for e in page.js_errors if "status of 404" not in e] == []
