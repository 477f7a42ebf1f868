"""The company directory's filters: county, business line and study visits, with counts."""

import pytest
from django.utils import timezone

from methods.choices import Status
from methods.models import BusinessLine
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

pytestmark = pytest.mark.django_db


def line(slug: str) -> BusinessLine:
    return BusinessLine.objects.get(slug=slug)


@pytest.fixture
def companies():
    """Four companies: two in Skåne, one in Örebro, one in Stockholm."""
    a = CompanyFactory(name="Alfa", county="skane", open_to_study_visits=True)
    a.business_lines.set([line("cafe-och-restaurang"), line("catering")])
    b = CompanyFactory(name="Beta", county="skane")
    b.business_lines.set([line("stad")])
    c = CompanyFactory(name="Gamma", county="orebro", open_to_study_visits=True)
    c.business_lines.set([line("cafe-och-restaurang")])
    CompanyFactory(name="Delta", county="stockholm", open_to_study_visits=True)
    return a, b, c


def names(response) -> list[str]:
    return [c.name for c in response.context["companies"]]


def counts(response, param: str) -> dict[str, int]:
    """The non-zero counts of one facet, with which options are ticked."""
    facet = next(f for f in response.context["facets"] if f.param == param)
    return {o.value: (o.count, o.selected) for o in facet.options if o.count or o.selected}


def test_without_filters_all_companies_and_all_counts(client, companies):
    response = client.get("/foretag/")
    assert names(response) == ["Alfa", "Beta", "Delta", "Gamma"]
    assert counts(response, "lan") == {
        "orebro": (1, False),
        "skane": (2, False),
        "stockholm": (1, False),
    }
    assert counts(response, "bransch") == {
        "cafe-och-restaurang": (2, False),
        "catering": (1, False),
        "stad": (1, False),
    }
    assert counts(response, "studiebesok") == {"ja": (3, False)}
    assert response.context["active_filters"] == []


def test_every_county_and_business_line_is_an_option_with_its_label(client, companies):
    response = client.get("/foretag/")
    facets = {f.param: f for f in response.context["facets"]}
    assert [f.label for f in response.context["facets"]] == ["Län", "Bransch", "Studiebesök"]
    assert len(facets["lan"].options) == 21
    assert [o.label for o in facets["bransch"].options] == list(
        BusinessLine.objects.order_by("name").values_list("name", flat=True)
    )
    assert [(o.value, o.label) for o in facets["studiebesok"].options] == [
        ("ja", "Tar emot studiebesök")
    ]
    html = response.content.decode()
    assert (
        '<input type="checkbox" id="f-lan-skane" name="lan" value="skane">\n'
        '        <label for="f-lan-skane">Skåne län <span class="facet__count">(2)</span></label>'
    ) in html
    assert (
        '<label for="f-studiebesok-ja">Tar emot studiebesök '
        '<span class="facet__count">(3)</span></label>'
    ) in html


def test_county_filter_keeps_its_parameter_name(client, companies):
    response = client.get("/foretag/", {"lan": "skane"})
    assert names(response) == ["Alfa", "Beta"]
    # A facet's own counts ignore its own choice, so other counties can be added.
    assert counts(response, "lan") == {
        "orebro": (1, False),
        "skane": (2, True),
        "stockholm": (1, False),
    }
    assert counts(response, "bransch") == {
        "cafe-och-restaurang": (1, False),
        "catering": (1, False),
        "stad": (1, False),
    }
    assert counts(response, "studiebesok") == {"ja": (1, False)}


def test_several_counties_are_alternatives(client, companies):
    response = client.get("/foretag/?lan=skane&lan=orebro")
    assert names(response) == ["Alfa", "Beta", "Gamma"]


def test_business_line_filter_lists_a_company_once(client, companies):
    response = client.get("/foretag/?bransch=cafe-och-restaurang&bransch=catering")
    assert names(response) == ["Alfa", "Gamma"]
    assert counts(response, "lan") == {"orebro": (1, False), "skane": (1, False)}
    assert counts(response, "bransch") == {
        "cafe-och-restaurang": (2, True),
        "catering": (1, True),
        "stad": (1, False),
    }


def test_study_visit_filter(client, companies):
    response = client.get("/foretag/", {"studiebesok": "ja"})
    assert names(response) == ["Alfa", "Delta", "Gamma"]
    assert counts(response, "lan") == {
        "orebro": (1, False),
        "skane": (1, False),
        "stockholm": (1, False),
    }
    assert counts(response, "studiebesok") == {"ja": (3, True)}


def test_filters_combine(client, companies):
    response = client.get(
        "/foretag/", {"lan": "skane", "bransch": "cafe-och-restaurang", "studiebesok": "ja"}
    )
    assert names(response) == ["Alfa"]
    assert counts(response, "lan") == {"orebro": (1, False), "skane": (1, True)}
    assert counts(response, "bransch") == {
        "cafe-och-restaurang": (1, True),
        "catering": (1, False),
    }
    assert counts(response, "studiebesok") == {"ja": (1, True)}


def test_unknown_values_are_ignored(client, companies):
    response = client.get("/foretag/?lan=atlantis&bransch=finns-inte&studiebesok=kanske")
    assert names(response) == ["Alfa", "Beta", "Delta", "Gamma"]
    assert counts(response, "lan") == {
        "orebro": (1, False),
        "skane": (2, False),
        "stockholm": (1, False),
    }
    assert response.context["active_filters"] == []
    # An unknown business line next to a known one is dropped, the known one still filters.
    response = client.get("/foretag/?bransch=finns-inte&bransch=stad")
    assert names(response) == ["Beta"]
    assert [a.value_label for a in response.context["active_filters"]] == ["Städ"]


def test_active_filters_can_be_removed_one_by_one(client, companies):
    response = client.get("/foretag/?lan=skane&bransch=stad&studiebesok=ja")
    assert names(response) == []
    assert [
        (a.label, a.value_label, a.remove_querystring) for a in response.context["active_filters"]
    ] == [
        ("Län", "Skåne län", "bransch=stad&studiebesok=ja"),
        ("Bransch", "Städ", "lan=skane&studiebesok=ja"),
        ("Studiebesök", "Tar emot studiebesök", "lan=skane&bransch=stad"),
    ]
    html = response.content.decode()
    assert (
        '<a class="chip" href="?bransch=stad&amp;studiebesok=ja">Län: Skåne län '
        '<span aria-hidden="true">×</span><span class="visually-hidden">(ta bort filtret)</span>'
        "</a>"
    ) in html
    assert '<a href="/foretag/">Rensa alla filter</a>' in html
    assert "Inga företag matchar alla valda filter." in html
    assert '<a href="?lan=skane&amp;studiebesok=ja">Ta bort bransch: Städ</a>' in html


def test_cards_show_business_lines_in_name_order(client, companies):
    html = client.get("/foretag/", {"lan": "skane"}).content.decode()
    assert "<p>Café och restaurang · Catering</p>" in html
    assert "<p>Städ</p>" in html
    assert '<h2 id="results-heading" class="results__count" tabindex="-1">2 företag</h2>' in html


def test_form_works_without_javascript(client, companies):
    html = client.get("/foretag/").content.decode()
    assert '<form id="company-filters" class="filters" method="get" action="/foretag/"' in html
    # The "Filtrera" button that folds the filters on phones is hidden until the script runs.
    assert (
        '<button type="button" class="filters-toggle button--secondary" aria-expanded="true" '
        'aria-controls="company-filters" data-filters-toggle hidden>Filtrera</button>'
    ) in html
    assert '<button type="submit">Visa företag</button>' in html


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize(
    "query", ["", "?lan=skane", "?bransch=stad&bransch=okand&studiebesok=ja&lan=orebro"]
)
def test_query_count_is_constant(client, django_assert_num_queries, size, query):
    lines = list(BusinessLine.objects.all()[:3])
    for n in range(size):
        company = CompanyFactory(
            county=["skane", "orebro"][n % 2], open_to_study_visits=bool(n % 3)
        )
        company.business_lines.set(lines[: n % 4])
        ExperienceReportFactory(company=company)
    with django_assert_num_queries(3):  # + the site version (page cache)
        response = client.get(f"/foretag/{query}")
    assert response.status_code == 200


def test_reports_on_methods_readers_cannot_see_are_neither_counted_nor_listed(client):
    company = CompanyFactory(name="Alfa", open_to_study_visits=False)
    shown = ExperienceReportFactory(company=company, title="Om en publicerad metod")
    ExperienceReportFactory(
        company=company,
        title="Om ett utkast",
        method=MethodFactory(title="Hemligt utkast", status=Status.DRAFT),
    )
    ExperienceReportFactory(
        company=company,
        title="Om en borttagen metod",
        method=MethodFactory(title="I papperskorgen", deleted_at=timezone.now()),
    )

    listing = client.get("/foretag/")
    assert [c.report_count for c in listing.context["companies"]] == [1]
    assert '<p class="muted-text">1 erfarenhetsrapport</p>' in listing.content.decode()
    profile = client.get(f"/foretag/{company.slug}/")
    assert list(profile.context["reports"]) == [shown]
    html = profile.content.decode()
    for hidden in ("Om ett utkast", "Hemligt utkast", "Om en borttagen metod", "I papperskorgen"):
        assert hidden not in html
