"""The read API, /api/v1/ (issue 16, part 1): what it answers, to whom, at what cost."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from material.models import Film, FilmKind
from methods.choices import LearningForm, Role, Status
from methods.models import BusinessLine, CompetenceArea, Method, Phase
from methods.services import move_to_bin
from tests.factories import (
    CompanyFactory,
    ExperienceReportFactory,
    MethodFactory,
    MethodStepFactory,
    make_editor,
)
from tests.trainers.helpers import make_trainer
from trainers.models import Trainer

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def handbook(member):
    """A published method with steps, areas, lines and two reports; and one of each kind of
    method readers must never see."""
    company = CompanyFactory(name="Kafé Kompassen", municipality="Örebro", county="orebro")
    company.business_lines.set([BusinessLine.objects.get(slug="cafe-och-restaurang")])
    shown = MethodFactory(
        title="Skuggning på golvet",
        slug="skuggning",
        summary="Den nya följer en van kollega en hel dag.",
        easy_read="Du går med en kollega. Du tittar.",
        body="## Så gör ni\n\nBestäm en dag.",
        learning_form=LearningForm.WITH_OTHERS,
        phases=[Phase.objects.get(number=2), Phase.objects.get(number=3)],
        competence_areas=[CompetenceArea.objects.get(slug="yrkeskunskap")],
        business_lines=[BusinessLine.objects.get(slug="cafe-och-restaurang")],
        roles=[Role.PARTICIPANT, Role.SUPERVISOR],
        company=company,
        author=member,
        prep_minutes=30,
        delivery_minutes=240,
        contact="Kim på Kafé Kompassen",
    )
    MethodStepFactory(method=shown, phase=Phase.objects.get(number=3), role=Role.SUPERVISOR,
                      text="Handledaren **visar** först.")  # fmt: skip
    MethodStepFactory(method=shown, phase=Phase.objects.get(number=2), role=Role.MANAGEMENT,
                      text="Ledningen ger tid.")  # fmt: skip
    ExperienceReportFactory(
        method=shown, company=company, title="Skuggning i caféet", recommend_score=5,
        helping_factors=["deltagare-motivation"], phase_notes={"genomforande": "Tre dagar."},
    )  # fmt: skip
    ExperienceReportFactory(method=shown, company=company, recommend_score=3)
    ExperienceReportFactory(
        method=shown, company=company, title="Hemlig rapport", status=Status.SUBMITTED,
        consent_to_publish=False,
    )  # fmt: skip
    hidden = {
        "draft": MethodFactory(title="Utkast", slug="utkast", status=Status.DRAFT, author=member),
        "submitted": MethodFactory(title="Inskickad", slug="inskickad", status=Status.SUBMITTED),
        "archived": MethodFactory(title="Arkiverad", slug="arkiverad", status=Status.ARCHIVED),
        "binned": MethodFactory(title="Borttagen", slug="borttagen"),
    }
    move_to_bin(hidden["binned"], make_editor())
    ExperienceReportFactory(method=hidden["draft"], company=company, title="Om ett utkast")
    return {"method": shown, "company": company, "hidden": hidden}


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, json.loads(response.content)


# Phases ------------------------------------------------------------------------------------


def test_phases_come_in_order_with_guide_html_markdown_and_checklist(client):
    response, body = get(client, "/api/v1/phases/")
    assert response.status_code == 200
    assert [p["slug"] for p in body] == list(
        Phase.objects.order_by("number").values_list("slug", flat=True)
    )
    anchoring = Phase.objects.get(slug="forankring")
    second = body[1]
    assert second["name"] == "Förankring" and second["name_en"] == "Anchoring"
    assert second["guide"] == anchoring.guide
    assert second["guide_html"] == anchoring.guide_html and "<h2" in second["guide_html"]
    assert second["checklist"] == [i.text for i in anchoring.checklist_items.all()]
    assert second["checklist"]
    assert second["url"] == f"{SITE}/fas/forankring/"
    assert second["methods_api_url"] == f"{SITE}/api/v1/methods/?fas=forankring"
    _response, one = get(client, "/api/v1/phases/forankring/")
    assert one == second
    missing, error = get(client, "/api/v1/phases/finns-inte/")
    assert (missing.status_code, error) == (
        404,
        {"detail": "Finns inte, eller är inte publicerad."},
    )


# Methods -----------------------------------------------------------------------------------


def test_method_detail_has_every_public_field(client, handbook):
    response, body = get(client, "/api/v1/methods/skuggning/")
    assert response.status_code == 200
    method = handbook["method"]
    assert body["title"] == "Skuggning på golvet"
    assert body["learning_form"] == {"value": "med-andra", "label": "Med andra"}
    assert [p["slug"] for p in body["phases"]] == ["forankring", "genomforande"]
    assert body["competence_areas"] == [
        {"slug": "yrkeskunskap", "name": "Yrkeskunskap", "name_en": "Vocational skills"}
    ]
    assert [line["slug"] for line in body["business_lines"]] == ["cafe-och-restaurang"]
    assert body["target_roles"] == [
        {"value": "deltagare", "label": "Deltagare"},
        {"value": "handledare", "label": "Handledare"},
    ]
    assert body["easy_read"] == "Du går med en kollega. Du tittar."
    assert body["easy_read_html"] == method.easy_read_html
    assert body["body"] == "## Så gör ni\n\nBestäm en dag."
    assert body["body_html"] == method.body_html and "<h2" in body["body_html"]
    assert body["total_minutes"] == 270
    assert body["time_band"] == {"value": "halvdag", "label": "2–8 timmar"}
    assert body["licence"]["value"] == "cc-by-4.0"
    assert body["contact"] == "Kim på Kafé Kompassen"
    assert body["author_name"] == method.author.public_name
    assert body["company"] == {
        "slug": handbook["company"].slug,
        "name": "Kafé Kompassen",
        "url": f"{SITE}/foretag/{handbook['company'].slug}/",
        "api_url": f"{SITE}/api/v1/companies/{handbook['company'].slug}/",
    }
    # The steps by phase and role, and the same as the role-by-phase matrix.
    assert [(s["phase"], s["role"]["value"]) for s in body["steps"]] == [
        ("forankring", "ledning"),
        ("genomforande", "handledare"),
    ]
    assert body["steps"][1]["text_html"] == "<p>Handledaren <strong>visar</strong> först.</p>"
    matrix = {row["phase"]["slug"]: row["cells"] for row in body["matrix"]}
    assert list(matrix) == ["forankring", "genomforande"]
    assert [c["role"]["value"] for c in matrix["genomforande"]] == Role.values
    assert [c["text"] for c in matrix["genomforande"]] == [
        None, "Handledaren **visar** först.", None, None,
    ]  # fmt: skip
    # Only published reports count.
    assert body["report_figures"] == {
        "count": 2,
        "average_score": 4.0,
        "top_helping": [{"label": "Deltagarens motivation och delaktighet", "count": 1}],
        "top_hindering": [],
    }
    assert body["report_count"] == 2
    assert body["url"] == f"{SITE}/metoder/skuggning/"
    assert body["reports_api_url"] == f"{SITE}/api/v1/reports/?method=skuggning"
    # No field that only the editors or the author see.
    for private in ("status", "editor_message", "version", "search_text", "author", "deleted_at"):
        assert private not in body


def test_labels_follow_the_readers_language(client, handbook):
    client.cookies["django_language"] = "en"
    _response, body = get(client, "/api/v1/methods/skuggning/")
    assert body["learning_form"] == {"value": "med-andra", "label": "With others"}


@pytest.mark.parametrize("kind", ["draft", "submitted", "archived", "binned"])
def test_nothing_unpublished_is_reachable_even_with_an_editors_session(
    client, handbook, kind, editor
):
    slug = handbook["hidden"][kind].slug
    for signed_in in (False, True):
        if signed_in:
            client.force_login(editor)
        response, body = get(client, f"/api/v1/methods/{slug}/")
        assert response.status_code == 404
        _response, listing = get(client, "/api/v1/methods/?page_size=100")
        assert [m["slug"] for m in listing["results"]] == ["skuggning"]
        _response, reports = get(client, "/api/v1/reports/?page_size=100")
        assert reports["count"] == 2
        titles = {report["title"] for report in reports["results"]}
        assert "Skuggning i caféet" in titles
        assert not titles & {"Hemlig rapport", "Om ett utkast"}
        _response, company = get(client, f"/api/v1/companies/{handbook['company'].slug}/")
        assert [m["slug"] for m in company["methods"]] == ["skuggning"]


def test_the_method_list_takes_the_list_pages_facets_and_search(client, handbook):
    other = MethodFactory(title="Hygienkortet", learning_form=LearningForm.COURSE)
    _r, by_form = get(client, "/api/v1/methods/?form=kurs")
    assert [m["slug"] for m in by_form["results"]] == [other.slug]
    _r, either = get(client, "/api/v1/methods/?form=kurs&form=med-andra")
    assert [m["slug"] for m in either["results"]] == [other.slug, "skuggning"]
    _r, combined = get(client, "/api/v1/methods/?form=kurs&fas=forankring")
    assert combined["count"] == 0 and combined["results"] == []
    _r, area = get(client, "/api/v1/methods/?omrade=yrkeskunskap&roll=handledare")
    assert [m["slug"] for m in area["results"]] == ["skuggning"]
    # An unknown value is dropped, as on the list page.
    _r, unknown = get(client, "/api/v1/methods/?fas=finns-inte")
    assert unknown["count"] == 2
    _r, found = get(client, "/api/v1/methods/?q=hygienkort")
    assert [m["slug"] for m in found["results"]] == [other.slug]
    _r, nothing = get(client, "/api/v1/methods/?q=zzzqqq")
    assert (nothing["count"], nothing["results"]) == (0, [])


def test_pages_are_stable_and_complete(client, handbook):
    # Same title: the id breaks the tie, so no method is on two pages or on none.
    same = [MethodFactory(title="Samma titel") for _ in range(5)]
    seen = []
    url = "/api/v1/methods/?page_size=2"
    pages = 0
    while url:
        _r, body = get(client, url.removeprefix(SITE))
        assert body["count"] == 6 and body["pages"] == 3 and body["page_size"] == 2
        seen += [m["id"] for m in body["results"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert seen == [m.pk for m in same] + [handbook["method"].pk]
    _r, last = get(client, "/api/v1/methods/?page_size=2&page=3")
    assert last["previous"] == f"{SITE}/api/v1/methods/?page_size=2&page=2"
    _r, beyond = get(client, "/api/v1/methods/?page_size=2&page=9")
    assert (beyond["results"], beyond["next"]) == ([], None)


def test_updated_since_returns_what_changed_in_the_order_of_change(client, handbook):
    old = MethodFactory(title="Gammal")
    Method.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=30))
    Method.objects.filter(pk=handbook["method"].pk).update(
        updated_at=timezone.now() - timedelta(days=2)
    )
    since = (timezone.now() - timedelta(days=7)).isoformat()
    _r, body = get(
        client, f"/api/v1/methods/?sort=andrad&updated_since={since.replace('+', '%2B')}"
    )
    assert [m["slug"] for m in body["results"]] == ["skuggning"]
    _r, everything = get(client, "/api/v1/methods/?sort=andrad")
    assert [m["slug"] for m in everything["results"]] == [old.slug, "skuggning"]
    bad, error = get(client, "/api/v1/methods/?updated_since=i-går")
    assert (bad.status_code, error) == (400, {"detail": "Ogiltigt värde i: updated_since."})


# Companies and reports ---------------------------------------------------------------------


def test_company_profiles_are_public(client, handbook):
    company = handbook["company"]
    _r, listing = get(client, "/api/v1/companies/")
    assert [c["slug"] for c in listing["results"]] == [company.slug]
    _r, body = get(client, f"/api/v1/companies/{company.slug}/")
    assert body["name"] == "Kafé Kompassen"
    assert body["county"] == {"value": "orebro", "label": "Örebro län"}
    assert body["org_number"] == company.org_number
    assert [line["slug"] for line in body["business_lines"]] == ["cafe-och-restaurang"]
    assert body["methods"] == [
        {
            "slug": "skuggning",
            "title": "Skuggning på golvet",
            "url": f"{SITE}/metoder/skuggning/",
            "api_url": f"{SITE}/api/v1/methods/skuggning/",
        }
    ]
    for private in ("members", "search_text", "study_visit_topics"):
        assert private not in body


def test_reports_in_their_public_form(client, handbook):
    _r, listing = get(client, "/api/v1/reports/?method=skuggning")
    assert listing["count"] == 2
    report = next(r for r in listing["results"] if r["title"] == "Skuggning i caféet")
    assert report["phase_notes"] == [{"phase": "genomforande", "number": 3, "text": "Tre dagar."}]
    assert report["helping_factors"] == [
        {"value": "deltagare-motivation", "label": "Deltagarens motivation och delaktighet"}
    ]
    assert report["recommend_score"] == 5
    assert report["url"] == f"{SITE}/metoder/skuggning/#rapport-{report['id']}"
    for private in ("author", "consent_to_publish", "consent_recorded_at", "effort", "status"):
        assert private not in report
    _r, one = get(client, f"/api/v1/reports/{report['id']}/")
    assert one == report
    _r, none = get(client, "/api/v1/reports/?company=finns-inte")
    assert none["count"] == 0
    hidden = handbook["method"].experience_reports.get(title="Hemlig rapport")
    assert client.get(f"/api/v1/reports/{hidden.pk}/").status_code == 404


# Conditional GET, cache, rate limit ----------------------------------------------------------


def test_etag_and_304_from_the_page_cache(client, handbook):
    first = client.get("/api/v1/methods/skuggning/")
    assert first["X-Page-Cache"] == "miss" and first["ETag"].startswith('W/"')
    second = client.get("/api/v1/methods/skuggning/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    unchanged = client.get("/api/v1/methods/skuggning/", headers={"If-None-Match": first["ETag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    # A change to the handbook moves the site version: the old tag no longer matches.
    method = handbook["method"]
    method.title = "Skuggning i köket"
    method.save()
    changed = client.get("/api/v1/methods/skuggning/", headers={"If-None-Match": first["ETag"]})
    assert (
        changed.status_code == 200 and json.loads(changed.content)["title"] == "Skuggning i köket"
    )


def test_over_the_limit_a_json_429_with_retry_after(client, settings, handbook):
    settings.RATELIMIT_API = 2
    settings.RATELIMIT_API_PERIOD = 60
    assert client.get("/api/v1/phases/").status_code == 200
    assert client.get("/api/v1/methods/skuggning/").status_code == 200
    response, body = get(client, "/api/v1/methods/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body == {"detail": "För många anrop från din adress. Vänta 1 minut(er) och försök igen."}


def test_only_get(client, handbook):
    assert client.post("/api/v1/methods/").status_code == 405
    assert client.delete("/api/v1/methods/skuggning/").status_code == 405


# Cost ----------------------------------------------------------------------------------------


def make_methods(n: int) -> None:
    areas = list(CompetenceArea.objects.all()[:2])
    for i in range(n):
        method = MethodFactory(title=f"Metod {i:03}", competence_areas=areas[: i % 3])
        if i % 4 == 0:
            ExperienceReportFactory(method=method)


# From a cold cache. The method list: the site version, the facets' vocabularies, the list
# index, the page (ids by the order's index, rows), phases, areas; a search also reads the
# synonyms and checks and counts its hits; updated_since counts instead of the index.
LIST_QUERIES = {
    "/api/v1/methods/?page_size=100": 6,
    "/api/v1/methods/?page_size=100&form=i-arbetet": 6,
    "/api/v1/methods/?page_size=100&q=metod": 8,
    "/api/v1/methods/?page_size=100&updated_since=2020-01-01T00:00:00Z": 6,
    # The site version, the count, the rows, their lines (companies) or the phases (reports).
    "/api/v1/companies/?page_size=100": 4,
    "/api/v1/reports/?page_size=100": 4,
}


@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_list_query_counts_are_the_same_at_10_and_100_methods(client, url):
    counts = []
    for size in (10, 90):
        make_methods(size)
        cache.clear()  # each size from a cold cache: the same work both times
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert counts[0] == LIST_QUERIES[url]


def test_detail_query_counts_are_constant(client, handbook, django_assert_num_queries):
    for number in (1, 4, 5, 6):
        ExperienceReportFactory(method=handbook["method"], company=handbook["company"])
        MethodStepFactory(method=handbook["method"], phase=Phase.objects.get(number=number))
    # site version, method, phases, steps, areas, lines, roles, reports, films
    with django_assert_num_queries(9):
        assert client.get("/api/v1/methods/skuggning/").status_code == 200
    # site version, company, lines, methods
    with django_assert_num_queries(4):
        assert client.get(f"/api/v1/companies/{handbook['company'].slug}/").status_code == 200


# Films and trainers ------------------------------------------------------------------------


def test_films_of_a_method_and_a_phase_in_their_public_form(client, handbook, editor):
    method = handbook["method"]
    upload = Film.objects.create(
        owner=method, kind=FilmKind.UPLOAD, title="Första dagen", minutes=4,
        file="films/forsta-dagen.mp4", content_type="video/mp4",
        captions="WEBVTT\n\n00:00.000 --> 00:02.000\nVälkommen.\n", captions_text="Välkommen.",
        transcript="Välkommen till första dagen.",
    )  # fmt: skip
    Film.objects.create(
        owner=method, kind=FilmKind.EXTERNAL, title="Handledaren berättar", minutes=7,
        url="https://www.youtube.com/watch?v=abc123", embed_url="https://www.youtube-nocookie.com/embed/abc123",
    )  # fmt: skip
    phase = Phase.objects.get(slug="forankring")
    Film.objects.create(
        owner=phase, kind=FilmKind.EXTERNAL, title="Så förankrar ni", minutes=3,
        url="https://vimeo.com/12345", embed_url="https://player.vimeo.com/video/12345",
        transcript="Börja med ledningen.",
    )  # fmt: skip
    # Films of a method readers cannot see are not anyone's business here.
    Film.objects.create(owner=handbook["hidden"]["draft"], kind=FilmKind.EXTERNAL,
                        title="Utkastets film", minutes=1, url="https://vimeo.com/1")  # fmt: skip
    expected_method_films = [
        {
            "title": "Första dagen",
            "minutes": 4,
            "kind": {"value": "upload", "label": "Uppladdad film"},
            "video_url": f"{SITE}/filmer/{upload.pk}/film",
            "captions_url": f"{SITE}/filmer/{upload.pk}/textning.vtt",
            "transcript": "Välkommen till första dagen.",
        },
        {
            "title": "Handledaren berättar",
            "minutes": 7,
            "kind": {"value": "external", "label": "Film på en annan webbplats"},
            "video_url": "https://www.youtube.com/watch?v=abc123",
            "captions_url": None,
            "transcript": "",
        },
    ]
    expected_phase_films = [
        {
            "title": "Så förankrar ni",
            "minutes": 3,
            "kind": {"value": "external", "label": "Film på en annan webbplats"},
            "video_url": "https://vimeo.com/12345",
            "captions_url": None,
            "transcript": "Börja med ledningen.",
        }
    ]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(editor)
        _response, body = get(client, "/api/v1/methods/skuggning/")
        assert body["films"] == expected_method_films
        _response, one = get(client, "/api/v1/phases/forankring/")
        assert one["films"] == expected_phase_films
        _response, every = get(client, "/api/v1/phases/")
        assert {p["slug"]: p["films"] for p in every}["forankring"] == expected_phase_films
        assert all(p["films"] == [] for p in every if p["slug"] != "forankring")
        missing, _error = get(client, f"/api/v1/methods/{handbook['hidden']['draft'].slug}/")
        assert missing.status_code == 404


@pytest.fixture
def trainers(handbook, member, editor):
    from tests.factories import UserFactory

    shown = make_trainer(
        member, "Lärande Verkstan", summary="Studiecirklar i svenska på jobbet.",
        description="Vi kommer **till er**.", areas=["handledning"],
        counties=["orebro", "stockholm"], languages=["svenska", "arabiska"],
        formats=["pa-plats", "digitalt"], website="https://larandeverkstan.example.org",
        methods=[handbook["method"], handbook["hidden"]["draft"]],
    )  # fmt: skip
    Film.objects.create(
        owner=shown, kind=FilmKind.EXTERNAL, title="Så arbetar vi", minutes=2,
        url="https://vimeo.com/777", embed_url="https://player.vimeo.com/video/777",
    )  # fmt: skip
    pending = make_trainer(UserFactory(), "Väntande Utbildning", Status.SUBMITTED)
    Film.objects.create(owner=pending, kind=FilmKind.EXTERNAL, title="Väntande film",
                        minutes=1, url="https://vimeo.com/778")  # fmt: skip
    rejected = make_trainer(UserFactory(), "Avvisad Utbildning", Status.CHANGES_REQUESTED)
    archived = make_trainer(UserFactory(), "Arkiverad Utbildning", Status.ARCHIVED)
    return {"shown": shown, "pending": pending, "rejected": rejected, "archived": archived}


def test_trainers_are_the_approved_profiles_without_contact_details(client, trainers, editor):
    shown = trainers["shown"]
    shown.refresh_from_db()
    expected = {
        "slug": "larande-verkstan",
        "name": "Lärande Verkstan",
        "entity": {"value": "organisation", "label": "En organisation"},
        "kind": {"value": "studieforbund", "label": "Studieförbund"},
        "summary": "Studiecirklar i svenska på jobbet.",
        "description": "Vi kommer **till er**.",
        "description_html": "<p>Vi kommer <strong>till er</strong>.</p>",
        "competence_areas": [
            {"slug": "handledning", "name": "Handledning", "name_en": "Supervision at work"}
        ],
        "counties": [
            {"value": "orebro", "label": "Örebro län"},
            {"value": "stockholm", "label": "Stockholms län"},
        ],
        "languages": [
            {"value": "svenska", "label": "Svenska"},
            {"value": "arabiska", "label": "Arabiska"},
        ],
        "formats": [
            {"value": "pa-plats", "label": "På plats hos er"},
            {"value": "digitalt", "label": "Digitalt"},
        ],
        # Only the published method: the draft it names is not the reader's.
        "methods": [
            {
                "slug": "skuggning",
                "title": "Skuggning på golvet",
                "url": f"{SITE}/metoder/skuggning/",
                "api_url": f"{SITE}/api/v1/methods/skuggning/",
            }
        ],
        "films": [
            {
                "title": "Så arbetar vi",
                "minutes": 2,
                "kind": {"value": "external", "label": "Film på en annan webbplats"},
                "video_url": "https://vimeo.com/777",
                "captions_url": None,
                "transcript": "",
            }
        ],
        "website": "https://larandeverkstan.example.org",
        "approved_at": None,
        # As the API writes times: to the millisecond, in UTC.
        "updated_at": shown.updated_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "url": f"{SITE}/utbildare/larande-verkstan/",
        "api_url": f"{SITE}/api/v1/trainers/larande-verkstan/",
    }
    for signed_in in (False, True):
        if signed_in:
            client.force_login(editor)
        response, listing = get(client, "/api/v1/trainers/")
        assert response.status_code == 200
        assert (listing["count"], listing["pages"], listing["next"]) == (1, 1, None)
        assert listing["results"] == [expected]
        response, one = get(client, "/api/v1/trainers/larande-verkstan/")
        assert (response.status_code, one) == (200, expected)
        for hidden in ("pending", "rejected", "archived"):
            missing, error = get(client, f"/api/v1/trainers/{trainers[hidden].slug}/")
            assert (missing.status_code, error) == (
                404,
                {"detail": "Finns inte, eller är inte publicerad."},
            )
        text = json.dumps(listing)
        assert "kontakt-" not in text and "@example.org" not in text
        assert not {"Väntande", "Avvisad", "Arkiverad"} & {t["name"] for t in listing["results"]}
        assert "Väntande film" not in text


def test_trainer_query_counts_are_the_same_at_2_and_10_trainers(client, handbook):
    from tests.factories import UserFactory

    counts = []
    for total in (2, 10):
        while Trainer.objects.count() < total:
            n = Trainer.objects.count()
            trainer = make_trainer(UserFactory(), f"Utbildare {n:02}", methods=[handbook["method"]],
                                   areas=["handledning", "yrkeskunskap"])  # fmt: skip
            Film.objects.create(owner=trainer, kind=FilmKind.EXTERNAL, title=f"Film {n}",
                                minutes=2, url=f"https://vimeo.com/{n}")  # fmt: skip
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/trainers/?page_size=100")
        assert response.status_code == 200
        assert len(json.loads(response.content)["results"]) == total
        counts.append(len(captured))
    # site version, count, rows, areas, methods, films
    assert counts == [6, 6]
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/trainers/utbildare-00/").status_code == 200
    # site version, trainer, areas, methods, films
    assert len(captured) == 5


# Schema and documentation ----------------------------------------------------------------------


def test_schema_is_openapi_3_with_every_endpoint(client):
    response, schema = get(client, "/api/v1/schema/")
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/phases/", "/api/v1/phases/{slug}/", "/api/v1/methods/",
        "/api/v1/methods/{slug}/", "/api/v1/companies/", "/api/v1/companies/{slug}/",
        "/api/v1/reports/", "/api/v1/reports/{pk}/",
        "/api/v1/trainers/", "/api/v1/trainers/{slug}/",
    }  # fmt: skip
    parameters = {p["name"] for p in schema["paths"]["/api/v1/methods/"]["get"]["parameters"]}
    assert {"q", "fas", "omrade", "form", "bransch", "roll", "kostnad", "tid", "extern",
            "sort", "updated_since", "page", "page_size"} == parameters  # fmt: skip
    assert set(schema["paths"]["/api/v1/methods/{slug}/"]["get"]["responses"]) == {
        "200", "400", "404", "429",
    }  # fmt: skip


def test_docs_page_is_the_sites_own_and_loads_nothing_from_elsewhere(client):
    response = client.get("/api/v1/docs/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Öppet API</h1>" in page
    assert '<a href="/api/v1/schema/">/api/v1/schema/</a>' in page
    assert '<a href="/api/v1/oppna-data.zip">kompetenshandboken.zip</a>' in page
    assert 'id="typ-MethodDetail"' in page and "GET /api/v1/methods/{slug}/" in page
    assert "cdn" not in page.lower() and "swagger" not in page.lower()
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_root_says_where_everything_is(client):
    _response, body = get(client, "/api/v1/")
    assert body == {
        "phases": f"{SITE}/api/v1/phases/",
        "methods": f"{SITE}/api/v1/methods/",
        "companies": f"{SITE}/api/v1/companies/",
        "reports": f"{SITE}/api/v1/reports/",
        "trainers": f"{SITE}/api/v1/trainers/",
        "schema_url": f"{SITE}/api/v1/schema/",
        "docs_url": f"{SITE}/api/v1/docs/",
    }


def test_errors_under_api_are_json(client):
    nul, body = get(client, "/api/v1/methods/?q=a%00b")
    assert (nul.status_code, body) == (400, {"detail": "Ogiltigt tecken i adressen."})
    unknown, body = get(client, "/api/v1/finns/inte/")
    assert (unknown.status_code, body) == (404, {"detail": "Finns inte, eller är inte publicerad."})
    # The site's own pages keep their HTML error pages.
    assert client.get("/finns/inte/")["Content-Type"].startswith("text/html")


def test_docs_page_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get("/api/v1/docs/").content.decode()
    assert "<h1>Open API</h1>" in page
    assert '<caption id="api_views_method_list-parameters">Parameters</caption>' in page
    assert "The fields of MethodDetail" in page
    assert "Öppet API" not in page
