"""Facets of the method list, against counts worked out by hand."""

import pytest
from django.http import QueryDict

from methods.choices import CostLevel, LearningForm, Role, Status
from methods.filters import MethodFilter
from methods.models import BusinessLine, CompetenceArea, Method, Phase
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db


def phases(*numbers):
    return [Phase.objects.get(number=n) for n in numbers]


@pytest.fixture
def fixture_methods(db):
    """Five published methods and one draft; the rows below give their facet values."""
    area = {a.slug: a for a in CompetenceArea.objects.all()}
    line = {b.slug: b for b in BusinessLine.objects.all()}
    yrke, sprak, handl = area["yrkeskunskap"], area["svenska-pa-jobbet"], area["handledning"]
    cafe, stad = line["cafe-och-restaurang"], line["stad"]
    P, S, M, X = Role.PARTICIPANT, Role.SUPERVISOR, Role.MANAGEMENT, Role.EXTERNAL_TRAINER
    rows = [
        ("A", (1, 2), [yrke], LearningForm.IN_WORK, [cafe], [P, S], CostLevel.NONE, 60, False),
        ("B", (2,), [yrke, sprak], LearningForm.WITH_OTHERS, [cafe, stad], [S], CostLevel.LOW, 180,
         False),
        ("C", (3,), [sprak], LearningForm.COURSE, [], [P, X], CostLevel.HIGH, 600, True),
        ("D", (3, 4), [handl], LearningForm.WITH_OTHERS, [stad], [S, M], CostLevel.NONE, 90, False),
        ("E", (2,), [yrke], LearningForm.COURSE, [cafe], [M], CostLevel.MEDIUM, 300, True),
    ]  # fmt: skip
    for title, nums, areas, form, lines, roles, cost, minutes, ext in rows:
        MethodFactory(
            title=title, phases=phases(*nums), competence_areas=areas, learning_form=form,
            business_lines=lines, roles=roles, cost_level=cost, delivery_minutes=minutes,
            needs_external_trainer=ext,
        )  # fmt: skip
    MethodFactory(
        title="F", status=Status.DRAFT, phases=phases(2), competence_areas=[yrke],
        learning_form=LearningForm.COURSE, business_lines=[cafe], roles=[M],
        cost_level=CostLevel.MEDIUM, delivery_minutes=300, needs_external_trainer=True,
    )  # fmt: skip


def facet_counts(query: str) -> dict[str, dict[str, int]]:
    method_filter = MethodFilter(QueryDict(query))
    views = method_filter.facet_views(Method.objects.published())
    return {v.facet.param: {o.value: o.count for o in v.options if o.count} for v in views}


def listed(query: str) -> list[str]:
    method_filter = MethodFilter(QueryDict(query))
    return sorted(m.title for m in method_filter.apply(Method.objects.published()))


def test_counts_without_filters(fixture_methods):
    counts = facet_counts("")
    assert counts["fas"] == {"behov-och-mal": 1, "forankring": 3, "genomforande": 2,
                             "efterarbete": 1}  # fmt: skip
    assert counts["omrade"] == {"yrkeskunskap": 3, "svenska-pa-jobbet": 2, "handledning": 1}
    assert counts["form"] == {"i-arbetet": 1, "med-andra": 2, "kurs": 2}
    assert counts["bransch"] == {"cafe-och-restaurang": 3, "stad": 2}
    assert counts["roll"] == {"deltagare": 2, "handledare": 3, "ledning": 2, "extern-utbildare": 1}
    assert counts["kostnad"] == {"ingen": 2, "lag": 1, "medel": 1, "hog": 1}
    assert counts["tid"] == {"kort": 2, "halvdag": 2, "lang": 1}
    assert counts["extern"] == {"ja": 2, "nej": 3}


def test_one_filter_narrows_other_facets_but_not_its_own(fixture_methods):
    counts = facet_counts("fas=forankring")
    assert listed("fas=forankring") == ["A", "B", "E"]
    # its own facet still shows what the other phases would give
    assert counts["fas"] == {"behov-och-mal": 1, "forankring": 3, "genomforande": 2,
                             "efterarbete": 1}  # fmt: skip
    assert counts["form"] == {"i-arbetet": 1, "med-andra": 1, "kurs": 1}
    assert counts["bransch"] == {"cafe-och-restaurang": 3, "stad": 1}
    assert counts["extern"] == {"ja": 1, "nej": 2}


def test_values_of_one_facet_are_alternatives_and_facets_combine(fixture_methods):
    assert listed("form=kurs&form=med-andra") == ["B", "C", "D", "E"]
    assert listed("form=kurs&form=med-andra&bransch=stad") == ["B", "D"]
    counts = facet_counts("form=kurs&form=med-andra&bransch=stad")
    assert counts["form"] == {"med-andra": 2}  # only the stad filter applies here
    assert counts["bransch"] == {"cafe-och-restaurang": 2, "stad": 2}
    assert counts["omrade"] == {"yrkeskunskap": 1, "svenska-pa-jobbet": 1, "handledning": 1}


def test_a_method_with_two_chosen_values_is_listed_once(fixture_methods):
    assert listed("fas=behov-och-mal&fas=forankring") == ["A", "B", "E"]


def test_role_time_cost_and_external_trainer(fixture_methods):
    assert listed("roll=ledning") == ["D", "E"]
    assert listed("tid=kort") == ["A", "D"]
    assert listed("kostnad=ingen&kostnad=hog") == ["A", "C", "D"]
    assert listed("extern=ja") == ["C", "E"]
    assert listed("extern=nej&roll=handledare") == ["A", "B", "D"]


def test_unknown_values_are_ignored(fixture_methods):
    assert listed("fas=nope&form=<script>&extern=kanske") == ["A", "B", "C", "D", "E"]
    assert MethodFilter(QueryDict("fas=nope")).active == []


def test_active_filters_each_removable(fixture_methods):
    method_filter = MethodFilter(QueryDict("fas=forankring&form=kurs&form=med-andra"))
    removals = {(a.label, a.value_label): a.remove_querystring for a in method_filter.active}
    assert removals == {
        ("Fas", "2. Förankring"): "form=kurs&form=med-andra",
        ("Lärandeform", "Kurs"): "fas=forankring&form=med-andra",
        ("Lärandeform", "Med andra"): "fas=forankring&form=kurs",
    }


def test_list_page_shows_facet_counts_and_checked_values(client, fixture_methods):
    html = client.get("/metoder/", {"fas": "forankring"}).content.decode()
    assert (
        '<input type="checkbox" id="f-fas-forankring" name="fas" value="forankring" checked>'
        in html
    )
    assert '<label for="f-form-kurs">Kurs <span class="facet__count">(1)</span></label>' in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "fas=forankring",
        "fas=forankring&form=kurs&roll=ledning&extern=ja&tid=halvdag&kostnad=medel&bransch=cafe-och-restaurang&omrade=yrkeskunskap",
    ],
)
@pytest.mark.parametrize("extra", [0, 25])
def test_list_query_count_is_independent_of_facets_and_size(
    client, fixture_methods, django_assert_num_queries, query, extra
):
    for _ in range(extra):
        MethodFactory(phases=phases(2), roles=[Role.MANAGEMENT])
    # site version, the 3 facet vocabularies (one query), the list index (facet counts and the
    # total), page, phases, areas
    with django_assert_num_queries(6):
        response = client.get("/metoder/?" + query)
    assert response.context["rows"]


def test_sort_orders(client, fixture_methods):
    Method.objects.update(published_at="2025-01-01T00:00Z")
    Method.objects.filter(title="C").update(report_count=5, published_at="2026-10-01T00:00Z")
    Method.objects.filter(title="A").update(report_count=2, published_at="2026-11-01T00:00Z")

    def titles(sort):
        return [m.title for m, _ in client.get("/metoder/", {"sort": sort}).context["rows"]]

    assert titles("titel") == ["A", "B", "C", "D", "E"]
    assert titles("rapporter")[:2] == ["C", "A"]
    assert titles("nyast")[0] == "A"
    assert titles("okänd") == ["A", "B", "C", "D", "E"]


def test_facet_counts_are_reused_until_a_method_changes(
    client, fixture_methods, django_assert_num_queries
):
    client.get("/metoder/", {"fas": "forankring"})
    # The vocabularies are not read again: site version, the list index (facet counts and the
    # total), page, phases, areas.
    with django_assert_num_queries(5):
        response = client.get("/metoder/", {"fas": "forankring", "sida": "1"})
    assert facet_option(response, "form", "kurs") == 1
    MethodFactory(title="G", phases=phases(2), learning_form=LearningForm.COURSE)
    response = client.get("/metoder/", {"fas": "forankring"})
    assert facet_option(response, "form", "kurs") == 2


def facet_option(response, param: str, value: str) -> int:
    view = next(v for v in response.context["facets"] if v.facet.param == param)
    return next(o.count for o in view.options if o.value == value)


def test_facet_counts_follow_the_recycle_bin(client, fixture_methods, editor):
    from methods.services import move_to_bin, restore_from_bin

    client.get("/metoder/")
    e = Method.objects.get(title="E")
    move_to_bin(e, editor)
    response = client.get("/metoder/")
    assert facet_option(response, "form", "kurs") == 1
    restore_from_bin(Method.objects.get(pk=e.pk), editor)
    assert facet_option(client.get("/metoder/"), "form", "kurs") == 2
