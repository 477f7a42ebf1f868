"""Reading pages: exact content, visibility per role, filters and query counts."""

import pytest
from django.urls import reverse

from methods.choices import LearningForm, Role, Status
from methods.models import CompetenceArea, Method, Phase
from tests.factories import (
    ExperienceReportFactory,
    MethodFactory,
    MethodStepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def phase(number: int) -> Phase:
    return Phase.objects.get(number=number)


def list_titles(response) -> list[str]:
    return [method.title for method, _snippet in response.context["rows"]]


# Start page


def test_home_shows_the_six_phases_in_order_with_published_method_counts(client):
    MethodFactory(title="Visa och gör", phases=[phase(3)])
    MethodFactory(title="Utkastet", phases=[phase(3)], status=Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    phases = list(response.context["phases"])
    assert [p.slug for p in phases] == [
        "behov-och-mal", "forankring", "genomforande", "efterarbete", "tillampning",
        "utvardering",
    ]  # fmt: skip
    assert [p.method_count for p in phases] == [0, 0, 1, 0, 0, 0]
    html = response.content.decode()
    assert "Visa och gör" in html
    assert "Utkastet" not in html
    assert '<html lang="sv">' in html
    assert 'action="/sok/"' in html


def test_home_lists_recent_methods_newest_first(client):
    old = MethodFactory(title="Gammal")
    new = MethodFactory(title="Ny")
    type(old).objects.filter(pk=old.pk).update(published_at="2025-01-01T10:00:00Z")
    type(new).objects.filter(pk=new.pk).update(published_at="2026-01-01T10:00:00Z")
    response = client.get("/")
    assert [m.title for m in response.context["recent_methods"]] == ["Ny", "Gammal"]


# Phase page


def test_phase_page_shows_guide_checklist_and_its_published_methods(client):
    forankring = phase(2)
    MethodFactory(title="Trepartssamtal", phases=[forankring])
    MethodFactory(title="Annan fas", phases=[phase(5)])
    MethodFactory(title="Ej publicerad", phases=[forankring], status=Status.SUBMITTED)
    response = client.get("/fas/forankring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Förankring</h1>" in html
    assert "Metoder för förankring</h2>" in html
    assert forankring.guide_html in html
    for item in forankring.checklist_items.all():
        assert item.text in html
    assert [m.title for m in response.context["methods"]] == ["Trepartssamtal"]
    assert response.context["method_total"] == 1
    assert response.context["previous_phase"].slug == "behov-och-mal"
    assert response.context["next_phase"].slug == "genomforande"


def test_unknown_phase_is_a_friendly_404(client):
    response = client.get("/fas/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


# Method list


def test_list_shows_only_published_methods_alphabetically(client):
    MethodFactory(title="Beta")
    MethodFactory(title="Alfa")
    MethodFactory(title="Arkiverad", status=Status.ARCHIVED)
    MethodFactory(title="Utkast", status=Status.DRAFT)
    response = client.get("/metoder/")
    assert list_titles(response) == ["Alfa", "Beta"]
    assert "2 metoder" in response.content.decode()


def test_list_filters_by_phase_and_competence_area_combined(client):
    area = CompetenceArea.objects.get(slug="svenska-pa-jobbet")
    MethodFactory(title="Båda", phases=[phase(3)], competence_areas=[area])
    MethodFactory(title="Bara fas", phases=[phase(3)])
    MethodFactory(title="Bara område", phases=[phase(1)], competence_areas=[area])
    response = client.get("/metoder/", {"fas": "genomforande", "omrade": "svenska-pa-jobbet"})
    assert list_titles(response) == ["Båda"]
    html = response.content.decode()
    assert "Fas: 3. Genomförande" in html
    assert "Kompetensområde: Svenska på jobbet" in html
    # Each active filter can be removed on its own.
    assert 'href="?omrade=svenska-pa-jobbet"' in html
    assert 'href="?fas=genomforande"' in html


def test_list_filters_by_learning_form_and_role(client):
    MethodFactory(
        title="Kurs för ledning", learning_form=LearningForm.COURSE, roles=[Role.MANAGEMENT]
    )
    MethodFactory(title="Kurs för deltagare", learning_form=LearningForm.COURSE)
    MethodFactory(title="I arbetet", learning_form=LearningForm.IN_WORK, roles=[Role.MANAGEMENT])
    response = client.get("/metoder/", {"form": "kurs", "roll": "ledning"})
    assert list_titles(response) == ["Kurs för ledning"]


def test_list_ignores_unknown_filter_values_instead_of_failing(client):
    MethodFactory(title="Alfa")
    response = client.get(
        "/metoder/", {"fas": "<script>", "omrade": "x", "form": "nej", "sida": "abc"}
    )
    assert response.status_code == 200
    assert list_titles(response) == ["Alfa"]
    assert response.context["filter"].active == []


def test_list_empty_result_suggests_removing_filters(client):
    response = client.get("/metoder/", {"fas": "utvardering"})
    html = response.content.decode()
    assert "Inga metoder matchar alla valda filter." in html
    assert "Prova att ta bort något av det du valt:" in html
    assert '<a href="?">Ta bort fas: 6. Utvärdering och delning</a>' in html


def test_list_paginates_and_keeps_filters_in_page_links(client, settings):
    settings.METHODS_PER_PAGE = 2
    for n in range(5):
        MethodFactory(title=f"Metod {n}", phases=[phase(4)])
    response = client.get("/metoder/", {"fas": "efterarbete", "sida": 2})
    assert list_titles(response) == ["Metod 2", "Metod 3"]
    html = response.content.decode()
    assert 'href="?fas=efterarbete&amp;sida=3"' in html
    assert 'href="?fas=efterarbete&amp;sida=1"' in html
    assert "Sida 2 av 3" in html


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow_with_methods(
    client, django_assert_num_queries, count, settings
):
    settings.METHODS_PER_PAGE = 50
    area = CompetenceArea.objects.get(slug="yrkeskunskap")
    for _ in range(count):
        MethodFactory(phases=[phase(1), phase(2)], competence_areas=[area])
    # the site version (read once per request), the three facet vocabularies in one query (then
    # cached for the version), the list index (facet counts and the total), page, phases, areas
    with django_assert_num_queries(6):
        response = client.get("/metoder/", {"fas": "behov-och-mal", "omrade": "yrkeskunskap"})
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_home_and_phase_query_counts_are_constant(client, django_assert_num_queries, count):
    for _ in range(count):
        MethodFactory(phases=[phase(3)])
    with django_assert_num_queries(6):  # + the site version (page cache)
        client.get("/")
    # + the site version (page cache); the phases, the checklist, the count, the films
    # (material), methods with their phases and areas
    with django_assert_num_queries(8):
        client.get("/fas/genomforande/")


# Method page


def test_method_page_shows_content_matrix_and_reports(client):
    method = MethodFactory(
        title="Visa – gör – öva",
        body="## Så går det till\n\nHandledaren visar först.",
        phases=[phase(3), phase(4)],
        prep_minutes=30,
        delivery_minutes=90,
    )
    MethodStepFactory(method=method, phase=phase(3), role=Role.SUPERVISOR, text="Visar momentet.")
    MethodStepFactory(
        method=method, phase=phase(4), role=Role.PARTICIPANT, text="Berättar vad som var svårt."
    )
    ExperienceReportFactory(method=method, title="Så gick det i caféet")
    ExperienceReportFactory(method=method, title="Opublicerad", status=Status.DRAFT)
    response = client.get(method.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Visa – gör – öva</h1>" in html
    assert "<h2>Så går det till</h2>" in html
    assert "<p>Visar momentet.</p>" in html
    assert "<p>Berättar vad som var svårt.</p>" in html
    assert "Vem gör vad i varje fas" in html
    assert "Så gick det i caféet" in html
    assert "Opublicerad" not in html
    assert "2 tim" in html  # 120 minutes in total
    rows = response.context["matrix"]
    assert [r["phase"].number for r in rows] == [3, 4]
    supervisor_column = [v for v, _ in Role.choices].index(Role.SUPERVISOR)
    assert rows[0]["cells"][supervisor_column].text == "Visar momentet."


def test_method_page_easy_read_switch(client):
    method = MethodFactory(easy_read="Du lär dig **steg för steg**.", body="Lång text om metoden.")
    standard = client.get(method.get_absolute_url()).content.decode()
    assert "Lång text om metoden." in standard
    assert "steg för steg" not in standard
    assert f'href="{method.get_absolute_url()}?version=lattlast"' in standard
    easy = client.get(method.get_absolute_url(), {"version": "lattlast"}).content.decode()
    assert "Du lär dig <strong>steg för steg</strong>." in easy
    assert "Lång text om metoden." not in easy


@pytest.mark.parametrize("size", [1, 6])
def test_method_page_query_count_is_constant(client, django_assert_num_queries, size, settings):
    phases = [phase(n) for n in range(1, size + 1)]
    method = MethodFactory(phases=phases)
    for p in phases:
        for role in Role.values:
            MethodStepFactory(method=method, phase=p, role=role)
    reports = ExperienceReportFactory.create_batch(size, method=method)
    for report in reports:  # the same companies used other methods too
        ExperienceReportFactory(company=report.company, method=MethodFactory(phases=phases))
    MethodFactory.create_batch(size, phases=phases)
    # the site version, method, phases, areas, lines, roles, steps, reports, all phases (for
    # the reports' phase notes, only when there are reports; then cached for the version),
    # similar and same-business-line methods in one query (the method's own query says it has
    # no films, links, trainers or comments, so those are not read)
    with django_assert_num_queries(10):
        response = client.get(method.get_absolute_url())
    assert len(response.context["similar_methods"]) == min(4, 2 * size)
    assert len(response.context["reports"]) == size
    # Rendered again (page cache off): the phases and the suggestion lists now come from the
    # cache, kept for the site version.
    settings.PAGE_CACHE_SECONDS = 0
    with django_assert_num_queries(8):
        response = client.get(method.get_absolute_url())
    assert len(response.context["similar_methods"]) == min(4, 2 * size)
    assert len(response.context["reports"]) == size


# An archived method is not among these: its address answers everyone with the archived notice
# (tests/methods/test_archived_method.py).
@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED])
def test_unpublished_method_is_404_for_anonymous_and_other_members(client, status):
    method = MethodFactory(status=status)
    assert client.get(method.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(method.get_absolute_url()).status_code == 404


def test_unpublished_method_is_visible_to_its_author_and_editors(client, editor):
    method = MethodFactory(status=Status.DRAFT, title="Mitt utkast")
    client.force_login(method.author)
    response = client.get(method.get_absolute_url())
    assert response.status_code == 200
    assert "Metoden är inte publicerad" in response.content.decode()
    client.force_login(editor)
    assert client.get(method.get_absolute_url()).status_code == 200


def test_deleted_method_is_404_even_for_its_author(client):
    from django.utils import timezone

    method = MethodFactory(deleted_at=timezone.now())
    client.force_login(method.author)
    assert client.get(method.get_absolute_url()).status_code == 404


def test_unknown_method_is_friendly_404(client):
    response = client.get("/metoder/finns-inte/")
    assert response.status_code == 404
    assert "Vi hittar inte sidan du letar efter" in response.content.decode()


# Search (the simple version) and static pages


def test_search_finds_methods_and_companies_case_insensitively(client, company):
    MethodFactory(title="Handledarträffar")
    MethodFactory(title="Något annat", body="Om städning.", easy_read="Städa.")
    response = client.get("/sok/", {"q": "HANDLEDAR"})
    assert [m.title for m, _ in response.context["method_rows"]] == ["Handledarträffar"]
    response = client.get("/sok/", {"q": "kafé"})
    assert [c.name for c in response.context["companies"]] == ["Kafé Test"]


def test_search_cuts_too_long_input_with_a_notice(client):
    response = client.get("/sok/", {"q": "a" * 2000})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    assert "Sökningen var för lång och har kortats." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "'; DROP TABLE methods_method; --", "<script>alert(1)</script>", "& | ! : * ( ) ' \""],
)
def test_search_handles_any_input(client, query):
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_accessibility_statement_has_the_required_parts(client, settings):
    html = client.get("/tillganglighet/").content.decode()
    for part in [
        "Hur tillgänglig är webbplatsen?",
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",
        "Rapportera brister",
        settings.ACCESSIBILITY_CONTACT_EMAIL,
        "Myndigheten för digital förvaltning (Digg)",
        "Redogörelsen uppdaterades senast",
    ]:
        assert part in html


def test_footer_links_to_accessibility_statement(client):
    assert f'href="{reverse("methods:accessibility")}"' in client.get("/").content.decode()


def test_english_can_be_selected(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


# markdownx endpoints


def test_markdown_preview_requires_login(client):
    response = client.post("/markdownx/markdownify/", {"content": "**x**"})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_markdown_preview_uses_the_sanitising_renderer(client, member):
    client.force_login(member)
    response = client.post(
        "/markdownx/markdownify/", {"content": "**fet** <script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert response.content.decode() == "<p><strong>fet</strong> </p>"


def test_markdown_preview_without_content_is_a_400(client, member):
    client.force_login(member)
    assert client.post("/markdownx/markdownify/", {}).status_code == 400


def test_image_upload_requires_login(client):
    response = client.post("/markdownx/upload/", {})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_interface_is_swedish_even_when_the_browser_prefers_english(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in html
    assert "Behov och mål" in html


def test_server_error_page_is_friendly_and_needs_no_database(rf, django_assert_num_queries):
    from core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<h1>Något gick fel</h1>" in html
    assert "Försök igen om en stund." in html


def test_slugs_are_unique_and_never_reserved_words(db):
    first = MethodFactory(title="Ny")
    second = MethodFactory(title="Ny")
    assert (first.slug, second.slug) == ("ny-2", "ny-3")


def test_phase_page_shows_a_bounded_selection_and_links_to_all(client, settings):
    from methods.views.listing import PHASE_PAGE_METHODS

    for n in range(PHASE_PAGE_METHODS + 3):
        MethodFactory(title=f"Metod {n:02d}", phases=[phase(4)])
    from methods.models import Method

    Method.objects.filter(title="Metod 14").update(report_count=3)
    response = client.get("/fas/efterarbete/")
    titles = [m.title for m in response.context["methods"]]
    assert len(titles) == PHASE_PAGE_METHODS
    assert titles[0] == "Metod 14"  # most reported first
    html = response.content.decode()
    assert f"Visa och filtrera alla {PHASE_PAGE_METHODS + 3} metoder för fasen" in html
    assert 'href="/metoder/?fas=efterarbete"' in html


def test_related_methods_come_ranked_in_one_query(django_assert_num_queries):
    from tests.factories import BusinessLine, CompanyFactory

    area = CompetenceArea.objects.get(slug="yrkeskunskap")
    line = BusinessLine.objects.first()
    p3 = phase(3)
    method = MethodFactory(
        title="Mitt", phases=[p3], competence_areas=[area], business_lines=[line]
    )
    best = MethodFactory(
        title="X bäst", phases=[p3], competence_areas=[area], business_lines=[line]
    )
    area_only = MethodFactory(title="Y område", phases=[p3], competence_areas=[area])
    phase_only = MethodFactory(title="Z fas", phases=[p3])
    MethodFactory(title="Inget gemensamt", phases=[phase(1)])
    in_line = [CompanyFactory(), CompanyFactory()]
    for company in in_line:
        company.business_lines.add(line)
        ExperienceReportFactory(company=company, method=phase_only)
    ExperienceReportFactory(company=in_line[0], method=area_only)
    method = Method.objects.prefetch_related("phases", "competence_areas", "business_lines").get(
        pk=method.pk
    )
    with django_assert_num_queries(1):
        similar, same_line = Method.objects.related_to(method)
    assert [m.title for m in similar] == [best.title, area_only.title, phase_only.title]
    assert [(m.title, m.uses) for m in same_line] == [(phase_only.title, 2), (area_only.title, 1)]
    # The same answers as the two lists asked for one by one.
    assert [m.pk for m in similar] == [m.pk for m in Method.objects.similar_to(method)]
    assert [m.pk for m in same_line] == [
        m.pk for m in Method.objects.used_in_same_business_lines(method)
    ]


def test_the_same_line_list_says_how_many_companies_tried_each(client):
    """The count under each method in "Används av företag i samma bransch", in both languages
    and in the singular and plural (methods.templatetags.handbook.tried_by_companies)."""
    from tests.factories import BusinessLine, CompanyFactory

    line = BusinessLine.objects.first()
    method = MethodFactory(phases=[phase(3)], business_lines=[line])
    twice = MethodFactory(title="Prövad två gånger", phases=[phase(1)])
    once = MethodFactory(title="Prövad en gång", phases=[phase(1)])
    companies = [CompanyFactory(), CompanyFactory()]
    for company in companies:
        company.business_lines.add(line)
        ExperienceReportFactory(company=company, method=twice)
    ExperienceReportFactory(company=companies[0], method=once)
    html = client.get(method.get_absolute_url()).text
    assert (
        f'<li><a href="{twice.get_absolute_url()}">Prövad två gånger</a>'
        "<p>Prövad av 2 företag</p></li>"
    ) in html
    assert "<p>Prövad av 1 företag</p>" in html
    client.get("/sprak/en/", {"next": "/"})
    english = client.get(method.get_absolute_url()).text
    assert "<p>Tried by 2 companies</p>" in english
    assert "<p>Tried by 1 company</p>" in english


def test_suggestion_lists_follow_new_methods(client):
    area = CompetenceArea.objects.get(slug="yrkeskunskap")
    method = MethodFactory(phases=[phase(3)], competence_areas=[area])
    assert client.get(method.get_absolute_url()).context["similar_methods"] == []
    newcomer = MethodFactory(title="Ny granne", phases=[phase(3)], competence_areas=[area])
    similar = client.get(method.get_absolute_url()).context["similar_methods"]
    assert [m.pk for m in similar] == [newcomer.pk]


def test_method_page_stays_within_ten_queries_after_ordinary_changes(
    client, django_assert_num_queries
):
    """The phase list for the reports' notes is kept per structure version: a new method or
    comment does not make the next visitor fetch it again; renaming a phase does."""
    method = MethodFactory(phases=[phase(3)])
    ExperienceReportFactory(method=method, phase_notes={"efterarbete": "Vi pratade efteråt."})
    client.get(method.get_absolute_url())
    MethodFactory(title="En till")  # an ordinary change: the page is rendered again
    # site version, method, phases, areas, lines, roles, steps, reports, suggestions (the
    # method's own query says it has no comments)
    with django_assert_num_queries(9):
        response = client.get(method.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    follow_up = phase(4)
    follow_up.name = "Efter utbildningen"
    follow_up.save()
    response = client.get(method.get_absolute_url())
    assert [(p.name, text) for p, text in response.context["reports"][0].phase_note_rows] == [
        ("Efter utbildningen", "Vi pratade efteråt.")
    ]
