"""Every page a person can reach, on a 320 px phone, as each role that reaches it (issue 13).

No page is wider than the screen (WCAG 1.4.10 reflow) and axe finds nothing; the lists show
their results first with the filters behind a "Filtrera" button and a skip link; a focused
control is never hidden behind a sticky element (SC 2.4.11); checkboxes, radios and the links
and buttons of forms and facet lists are at least 24 by 24 px or spaced apart (SC 2.5.8).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from companies import efforts
from companies.models import Company, ExperienceReport, Invitation
from methods import services, workflow
from methods.choices import Status
from methods.models import Comment, CommentReport, Method, Phase
from methods.wizard import STEP_SLUGS
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
MEMBER = "medlem@kompetenshandboken.example"
COMPANY_ADMIN = "foretagsadmin@kompetenshandboken.example"
EDITOR = "redaktor@kompetenshandboken.example"
DEMO_PASSWORD = "demo-handbok-2026"  # noqa: S105 - the demo accounts' published password
COMPANY = "kafe-kompassen"
DRAFT = "deltagarledd-arbetsplatstraff"  # a demo draft by medlem@
# Real Swedish text is full of compounds like this; none of them may widen a page.
LONG_WORD = "Arbetsmiljöutbildningsinsatsuppföljningsdokumentationen"
LONG_LINK = "https://www.arbetsformedlingen.se/for-arbetsgivare/anstall-med-stod/" + "x" * 60

# What the page measures: how wide the document is, and which elements reach past the screen's
# right edge (the deepest of each branch, so the message names the culprit, not its parents).
OVERFLOW_JS = """
(limit) => {
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    let hidden = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(o)) { hidden = true; break; }
    }
    if (hidden) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width > 0 && rect.right > limit + 0.5) wide.push(el);
  }
  const deepest = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
  const describe = el => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (el.classList.length) name += '.' + [...el.classList].join('.');
    const text = (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    return `${name} (right ${Math.round(el.getBoundingClientRect().right)} px) "${text}"`;
  };
  const offenders = deepest.slice(0, 8).map(describe);
  return {width: document.documentElement.scrollWidth, offenders};
}
"""


def _method_with_two_revisions(member: User, editor: User) -> Method:
    """A member's method with drafts and a published version: a history with several rows."""

    def basics(method: Method) -> None:
        method.title = "Prova i lugn takt"
        method.summary = "Deltagaren provar en uppgift i lugn takt med stöd."
        method.easy_read = "Du provar. Handledaren hjälper dig."
        method.body = "Första utkastet."
        method.learning_form = "i_arbetet"
        method.save()
        method.phases.set([Phase.objects.get(number=3)])

    def body(text: str):
        def save(method: Method) -> None:
            method.body = text
            method.save()

        return save

    method = workflow.create_draft(member, basics)
    method = workflow.save_version(
        method, method.version, member, body(f"Andra utkastet om {LONG_WORD}."), ""
    )
    method = workflow.submit(method, member)
    return workflow.publish(method, editor, override_easy_read=True)


@pytest.fixture
def site(demo_data) -> dict:
    return build_site()


def build_site() -> dict:
    """The demo handbook plus what the quieter pages need to show something: an effort, a
    history, a submitted method and report, a reported comment, a binned method, an invitation."""
    member = User.objects.get(email=MEMBER)
    company_admin = User.objects.get(email=COMPANY_ADMIN)
    editor = User.objects.get(email=EDITOR)
    company = Company.objects.get(slug=COMPANY)

    def effort_fields(effort) -> None:
        effort.title = f"Hygienrutiner i caféet: {LONG_WORD}"
        effort.goal = f"Alla kan rutinerna. {LONG_LINK}"
        effort.responsible_roles = ["handledare"]
        effort.save()
        effort.methods.set(Method.objects.published()[:2])

    effort = efforts.create_effort(company, member, effort_fields)
    [first_item, *_] = efforts.phase_checklist(effort, effort.current_phase)
    efforts.toggle_check(effort, first_item.key, member, True)

    history = _method_with_two_revisions(member, editor)
    published = Method.objects.published().exclude(pk=history.pk).first()
    comment = Comment.objects.create(
        method=published, author=member, body=f"Vi läste mer här: {LONG_LINK} {LONG_WORD}"
    )
    CommentReport.objects.create(comment=comment, reporter=company_admin, reason=LONG_WORD)
    Comment.objects.filter(pk=comment.pk).update(state="reported")

    submitted = Method.objects.get(slug=DRAFT)
    submitted = workflow.submit(submitted, member, confirm_personal_data=True)
    binned = Method.objects.published().exclude(pk__in=[history.pk, published.pk]).last()
    services.move_to_bin(binned, editor)

    report = ExperienceReport.objects.create(
        company=company,
        method=published,
        author=member,
        title=f"Så gick det med {LONG_WORD}",
        period_start=date.today() - timedelta(days=90),
        context=f"Fyra deltagare i caféet. {LONG_LINK}",
        recommend_score=4,
        consent_to_publish=True,
        status=Status.SUBMITTED,
        consent_recorded_at=timezone.now(),
    )
    Invitation.objects.create(
        company=company,
        email=f"{LONG_WORD.lower()}@kompetenshandboken.example",
        role="member",
        invited_by=company_admin,
    )
    return {
        "effort": effort,
        "history": history,
        "published": published,
        "comment": comment,
        "submitted": submitted,
        "report": report,
    }


def _pages(role: str, site: dict) -> list[tuple[str, int]]:
    """(path, status) of every page the role reaches."""
    method = site["published"].slug
    effort = site["effort"].pk
    report = site["report"].pk
    comment = site["comment"].pk
    history = site["history"].slug
    company = f"/foretag/{COMPANY}"
    reading = [
        ("/", 200),
        ("/fas/forankring/", 200),
        ("/metoder/", 200),
        ("/metoder/?fas=forankring&omrade=handledning&sort=titel", 200),
        (f"/metoder/{method}/", 200),
        (f"/metoder/{method}/?version=lattlast", 200),
        (f"/metoder/{method}/kort/", 200),
        (f"/metoder/{history}/historik/", 200),
        ("/sok/?q=handledning", 200),
        ("/sok/", 200),
        ("/foretag/", 200),
        ("/foretag/?lan=stockholm", 200),
        (f"{company}/", 200),
        ("/tillganglighet/", 200),
        ("/metoder/finns-inte/", 404),
    ]
    if role == "signed_out":
        return reading + [
            ("/konto/login/", 200),
            ("/konto/signup/", 200),
            ("/konto/password/reset/", 200),
            ("/konto/password/reset/done/", 200),
            ("/konto/password/reset/key/1-fel-nyckel/", 200),
            ("/foretag/inbjudan/ingen-sadan-inbjudan/", 404),
            ("/sok/?q=%00", 400),
        ]
    signed_in = [
        ("/konto/profil/", 200),
        ("/konto/radera/", 200),
        ("/konto/email/", 200),
        ("/konto/password/change/", 200),
        ("/konto/2fa/", 200),
    ]
    if role == "member":
        return (
            reading
            + signed_in
            + [
                (f"{company}/insatser/", 200),
                (f"{company}/insatser/{effort}/", 200),
                (f"{company}/insatser/ny/", 200),
                (f"{company}/rapporter/", 200),
                (f"{company}/rapporter/ny/", 200),
                (f"{company}/rapporter/{report}/redigera/", 200),
                ("/metoder/ny/", 200),
                (f"/metoder/{history}/historik/", 200),
                (f"/kommentarer/{comment}/redigera/", 200),
                ("/redaktion/", 403),
            ]
        )
    if role == "company_admin":
        return signed_in + [
            (f"/kommentarer/{comment}/anmal/", 200),
            (f"{company}/medlemmar/", 200),
            (f"{company}/redigera/", 200),
            (f"{company}/insatser/{effort}/", 200),
            (f"{company}/rapporter/", 200),
        ]
    assert role == "editor"
    return [
        ("/redaktion/", 200),
        (f"/redaktion/granska/{site['submitted'].slug}/", 200),
        (f"/metoder/{history}/historik/", 200),
        (f"/metoder/{history}/logg/", 200),
        (f"/metoder/{history}/ta-bort/", 200),
        ("/redaktion/oversikt/", 200),
        ("/redaktion/kommentarer/", 200),
        ("/redaktion/papperskorg/", 200),
        ("/foretag/redaktion/rapporter/", 200),
        (f"/foretag/redaktion/rapporter/{report}/", 200),
        ("/konto/profil/", 200),
        ("/konto/2fa/", 200),
    ]


def log_in(page, email: str) -> None:
    """Through the real login form (fields by id: their labels are the translators' to word)."""
    page.goto("/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.get_by_role("banner").get_by_role("button", name="Logga ut")).to_be_visible()


def _check_page(page, axe, path: str, status: int) -> list[str]:
    """Problems on one page at 320 px: a wrong status, sideways scrolling, axe violations."""
    response = page.goto(path)
    problems = []
    if response is None or response.status != status:
        problems.append(f"{path}: status {response and response.status}, expected {status}")
    measured = page.evaluate(OVERFLOW_JS, PHONE["width"])
    if measured["width"] > PHONE["width"]:
        problems.append(
            f"{path}: {measured['width']} px wide; widest: " + "; ".join(measured["offenders"])
        )
    try:
        assert_no_axe_violations(axe, page)
    except AssertionError as error:
        problems.append(f"{path}: axe: {error}")
    # A page with a sticky or fixed element: Tab through it, nothing focused may be under it.
    if page.evaluate(STICKY_JS):
        problems += [f"{path}: {hidden}" for hidden in _focus_hidden_by_sticky(page)]
    return problems


def _focus_hidden_by_sticky(page, tabs: int = 150) -> list[str]:
    """Tab through the page from its start and back (a sticky header hides what Shift+Tab
    scrolls up to, a sticky footer what Tab scrolls down to); every focused element that a
    sticky or fixed one covers."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    hidden = set()
    for key in ["Tab"] * tabs + ["Shift+Tab"] * tabs:
        page.keyboard.press(key)
        state = page.evaluate(COVERED_JS)
        if state["covering"]:
            hidden.add(f"{state['focused']} under {state['covering']}")
    return sorted(hidden)


def _sign_in(page, role: str) -> None:
    email = {"member": MEMBER, "company_admin": COMPANY_ADMIN, "editor": EDITOR}.get(role)
    if email:
        log_in(page, email)


@pytest.mark.parametrize("role", ["signed_out", "member", "company_admin", "editor"])
def test_every_page_fits_a_320px_screen(site, page, axe, role):
    page.set_viewport_size(PHONE)
    _sign_in(page, role)
    problems = []
    for path, status in _pages(role, site):
        problems += _check_page(page, axe, path, status)
    assert problems == [], "\n".join(problems)


def test_every_wizard_step_fits_a_320px_screen(site, page, axe):
    """The guided submission, every step, for the author of a draft."""
    page.set_viewport_size(PHONE)
    log_in(page, MEMBER)

    def basics(method: Method) -> None:
        method.title = f"Ny metod om {LONG_WORD}"
        method.summary = "Kort."
        method.save()

    draft = workflow.create_draft(User.objects.get(email=MEMBER), basics)
    problems = []
    for step in STEP_SLUGS:
        problems += _check_page(page, axe, f"/metoder/{draft.slug}/redigera/{step}/", 200)
    assert problems == [], "\n".join(problems)


# Lists on a phone: results first, filters behind "Filtrera", a skip link over the filters.

LISTS = [
    pytest.param("/metoder/", "Visa metoder", id="methods"),
    pytest.param("/foretag/", "Visa företag", id="companies"),
]


@pytest.mark.parametrize(("path", "submit"), LISTS)
def test_lists_show_results_first_with_the_filters_behind_filtrera(demo_data, page, path, submit):
    page.set_viewport_size(PHONE)
    page.goto(path)
    toggle = page.get_by_role("button", name="Filtrera")
    filters = page.locator("form.filters")
    results = page.locator("#results-heading")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(filters).to_be_hidden()
    expect(results).to_be_in_viewport()
    toggle_box = toggle.bounding_box()
    assert toggle_box is not None and toggle_box["y"] < results.bounding_box()["y"]

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(filters).to_be_visible()
    expect(filters.get_by_role("button", name=submit)).to_be_visible()
    assert toggle.get_attribute("aria-controls") == filters.get_attribute("id")
    # Open, the filters sit between the button and the results.
    assert filters.bounding_box()["y"] < results.bounding_box()["y"]
    toggle.click()
    expect(filters).to_be_hidden()

    # Wider screens: filters beside the results, no button.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(filters).to_be_visible()
    assert page.js_errors == []


@pytest.mark.parametrize(("path", "submit"), LISTS)
def test_skip_link_moves_focus_from_the_filters_to_the_results(demo_data, page, path, submit):
    page.set_viewport_size(PHONE)
    page.goto(path)
    toggle = page.get_by_role("button", name="Filtrera")
    toggle.click()
    skip = page.get_by_role("link", name="Hoppa till resultaten")
    # Hidden until it has focus: the first stop after the button is the skip link.
    assert skip.bounding_box()["width"] <= 1
    toggle.focus()
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    page.keyboard.press("Enter")
    results = page.locator("#results-heading")
    expect(results).to_be_focused()
    expect(results).to_be_in_viewport()
    # The next Tab continues in the results, not back in the filters.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.activeElement.closest('.results') !== null || "
        "document.activeElement.closest('.list-layout') === null"
    )
    assert page.js_errors == []


def test_lists_without_javascript_simply_show_the_filters(demo_data, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", java_script_enabled=False, viewport=PHONE
    )
    try:
        page = context.new_page()
        for path, submit in [("/metoder/", "Visa metoder"), ("/foretag/", "Visa företag")]:
            page.goto(path)
            expect(page.get_by_role("button", name="Filtrera")).to_be_hidden()
            expect(page.get_by_role("button", name=submit)).to_be_visible()
            expect(page.get_by_role("link", name="Hoppa till resultaten")).to_have_attribute(
                "href", "#results-heading"
            )
    finally:
        context.close()


# SC 2.4.11 focus not obscured: no sticky or fixed element covers the control that has focus.

STICKY_JS = """
() => [...document.querySelectorAll('body *')].filter(el =>
  ['sticky', 'fixed'].includes(getComputedStyle(el).position) &&
  el.getBoundingClientRect().height > 0).length
"""

COVERED_JS = """
() => {
  const el = document.activeElement;
  const describe = node => node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
    (node.classList.length ? '.' + [...node.classList].join('.') : '') +
    ' "' + (node.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const r = el.getBoundingClientRect();
  const covering = [];
  for (const other of document.querySelectorAll('*')) {
    const position = getComputedStyle(other).position;
    if (position !== 'sticky' && position !== 'fixed') continue;
    if (other === el || other.contains(el) || el.contains(other)) continue;
    const o = other.getBoundingClientRect();
    const x = Math.min(r.right, o.right) - Math.max(r.left, o.left);
    const y = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
    if (x > 0 && y > 0) covering.push(describe(other));
  }
  return {focused: describe(el), inForm: el.closest('form.filters') !== null, covering};
}
"""


@pytest.mark.parametrize(("path", "submit"), LISTS)
def test_focus_is_never_hidden_behind_the_sticky_filter_button(demo_data, page, path, submit):
    page.set_viewport_size(PHONE)
    page.goto(path)
    page.get_by_role("button", name="Filtrera").click()
    page.get_by_role("button", name="Filtrera").focus()
    hidden = []
    seen = 0
    for _ in range(120):
        page.keyboard.press("Tab")
        state = page.evaluate(COVERED_JS)
        if not state["inForm"]:
            if seen:
                break
            continue
        seen += 1
        if state["covering"]:
            hidden.append(f"{state['focused']} under {state['covering']}")
    assert seen > 10, "Tab never went through the filters"
    assert hidden == [], "\n".join(hidden)


# SC 2.5.8 target size: checkboxes and radios at least 24 by 24 px; links and buttons too, or
# no other target within 12 px of their centre (the spacing exception).

TARGETS_JS = """
(selector) => {
  const visible = el => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' &&
      !(el.closest('.visually-hidden')) && style.clipPath === 'none';
  };
  // Links inside a sentence are exempt (their size is the line's): skip links whose parent
  // holds other text.
  const inSentence = el => el.tagName === 'A' && el.parentElement &&
    el.parentElement.textContent.trim() !== el.textContent.trim() &&
    getComputedStyle(el).display === 'inline';
  const targets = [...document.querySelectorAll(selector)].filter(visible);
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.name ? '[name=' + el.name + ']' : '') +
    ' "' + (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const small = [];
  for (const el of targets) {
    if (inSentence(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width >= 24 && r.height >= 24) continue;
    // Tick boxes and radio buttons are 24 px themselves; links and buttons may instead use
    // the spacing exception.
    if (el.tagName === 'INPUT') {
      small.push(`${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      continue;
    }
    // The spacing exception: a 24 px square centred on the target touches no other target.
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const near = targets.some(other => {
      if (other === el || other.contains(el) || el.contains(other)) return false;
      if (other.tagName === 'LABEL' || el.labels && [...el.labels].includes(other)) return false;
      const o = other.getBoundingClientRect();
      return o.left < cx + 12 && o.right > cx - 12 && o.top < cy + 12 && o.bottom > cy - 12;
    });
    if (near) small.push(`${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return {count: targets.length, small};
}
"""
TARGETS = (
    "input[type=checkbox], input[type=radio], form button, form a, .filters a, "
    ".active-filters a, .pagination a, .site-nav a, .site-tools a, .site-tools button"
)


def test_checkboxes_and_form_targets_are_at_least_24px(site, page):
    page.set_viewport_size(PHONE)
    small = []
    for path in ["/metoder/?fas=forankring&omrade=handledning", "/foretag/?lan=orebro"]:
        page.goto(path)
        page.get_by_role("button", name="Filtrera").click()
        result = page.evaluate(TARGETS_JS, TARGETS)
        assert result["count"] > 20, path
        small += [f"{path}: {target}" for target in result["small"]]
    page.goto("/konto/login/")
    small += [f"/konto/login/: {target}" for target in page.evaluate(TARGETS_JS, TARGETS)["small"]]
    log_in(page, MEMBER)
    draft = Method.objects.get(slug=site["history"].slug)
    workflow.start_new_version(draft, User.objects.get(email=MEMBER))
    copy = workflow.working_copy(draft)
    forms = [
        f"/foretag/{COMPANY}/rapporter/ny/",
        f"/foretag/{COMPANY}/insatser/ny/",
        f"/foretag/{COMPANY}/insatser/{site['effort'].pk}/",
        f"/metoder/{copy.slug}/redigera/faser/",
        f"/metoder/{copy.slug}/redigera/praktiskt/",
        "/konto/profil/",
        "/konto/radera/",
    ]
    for path in forms:
        page.goto(path)
        result = page.evaluate(TARGETS_JS, TARGETS)
        small += [f"{path}: {target}" for target in result["small"]]
    assert small == [], "\n".join(small)
