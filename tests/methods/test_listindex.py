"""The list index (methods.listindex): after every kind of change, every bitmap holds exactly
the published methods with its value, and the pages show what a fresh COUNT gives."""

import io
import random

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from methods import listindex, services, workflow
from methods.choices import CostLevel, LearningForm, Role, Status
from methods.filters import FACETS, MethodFilter
from methods.models import (
    BusinessLine,
    CompetenceArea,
    FacetBitmap,
    Method,
    MethodTargetRole,
    Phase,
)
from tests.factories import MethodFactory, make_editor

pytestmark = pytest.mark.django_db


def phase(number: int) -> Phase:
    return Phase.objects.get(number=number)


def fresh_sets() -> dict[tuple[str, str], set[int]]:
    """What every bitmap should hold, worked out from the tables as they are now."""
    published = Method.objects.published()
    expected: dict[tuple[str, str], set[int]] = {listindex.ALL: set()}

    def add(key, pk):
        expected.setdefault(key, set()).add(pk)

    for m in published.prefetch_related(
        "phases", "competence_areas", "business_lines", "target_roles"
    ):
        add(listindex.ALL, m.pk)
        add(("form", m.learning_form), m.pk)
        add(("kostnad", m.cost_level), m.pk)
        add(("tid", m.time_band), m.pk)
        add(("extern", "ja" if m.needs_external_trainer else "nej"), m.pk)
        for p in m.phases.all():
            add(("fas", str(p.pk)), m.pk)
        for a in m.competence_areas.all():
            add(("omrade", str(a.pk)), m.pk)
        for b in m.business_lines.all():
            add(("bransch", str(b.pk)), m.pk)
        for r in m.target_roles.all():
            add(("roll", r.role), m.pk)
    return expected


def stored_sets() -> dict[tuple[str, str], set[int]]:
    stored = {}
    for row in FacetBitmap.objects.all():
        number = int.from_bytes(bytes(row.bits), "little")
        ids = {n for n in range(number.bit_length()) if number >> n & 1}
        assert row.count == len(ids), row
        if ids or (row.facet, row.value) == listindex.ALL:
            stored[(row.facet, row.value)] = ids
    return stored


def assert_index_is_current():
    assert stored_sets() == fresh_sets()


def test_a_published_method_is_in_every_bitmap_of_its_values():
    area = CompetenceArea.objects.get(slug="yrkeskunskap")
    line = BusinessLine.objects.get(slug="stad")
    method = MethodFactory(
        phases=[phase(1), phase(3)], competence_areas=[area], business_lines=[line],
        roles=[Role.MANAGEMENT], learning_form=LearningForm.COURSE, cost_level=CostLevel.LOW,
        delivery_minutes=60, needs_external_trainer=True,
    )  # fmt: skip
    MethodFactory(status=Status.DRAFT)
    assert stored_sets() == {
        listindex.ALL: {method.pk},
        ("fas", str(phase(1).pk)): {method.pk},
        ("fas", str(phase(3).pk)): {method.pk},
        ("omrade", str(area.pk)): {method.pk},
        ("bransch", str(line.pk)): {method.pk},
        ("roll", Role.MANAGEMENT): {method.pk},
        ("form", LearningForm.COURSE): {method.pk},
        ("kostnad", CostLevel.LOW): {method.pk},
        ("tid", "kort"): {method.pk},
        ("extern", "ja"): {method.pk},
    }


def test_publish_archive_and_publish_again():
    editor = make_editor()
    method = MethodFactory(status=Status.SUBMITTED, phases=[phase(2)])
    assert stored_sets() == {listindex.ALL: set()}
    workflow.publish(method, editor)
    assert stored_sets()[listindex.ALL] == {method.pk}
    assert_index_is_current()
    workflow.archive(method, editor, "Ersatt av en bättre.")
    assert stored_sets() == {listindex.ALL: set()}
    workflow.publish(Method.objects.get(pk=method.pk), editor)
    assert stored_sets()[("fas", str(phase(2).pk))] == {method.pk}
    assert_index_is_current()


def test_a_new_version_published_over_the_method_changes_its_values():
    editor = make_editor()
    method = MethodFactory(phases=[phase(2)], learning_form=LearningForm.IN_WORK)
    copy = workflow.start_new_version(method, method.author)
    copy.learning_form = LearningForm.COURSE
    copy.save()
    copy.phases.set([phase(5)])
    # The working copy is a draft: the published method's values still count.
    assert stored_sets()[("form", LearningForm.IN_WORK)] == {method.pk}
    copy.status = Status.SUBMITTED
    copy.save()
    workflow.publish(copy, editor)
    stored = stored_sets()
    assert stored[("form", LearningForm.COURSE)] == {method.pk}
    assert ("form", LearningForm.IN_WORK) not in stored
    assert stored[("fas", str(phase(5).pk))] == {method.pk}
    assert_index_is_current()


def test_recycle_bin_delete_restore_and_purge():
    editor = make_editor()
    method = MethodFactory(phases=[phase(4)])
    other = MethodFactory(phases=[phase(4)])
    services.move_to_bin(method, editor)
    assert stored_sets()[("fas", str(phase(4).pk))] == {other.pk}
    assert_index_is_current()
    services.restore_from_bin(method, editor)
    assert stored_sets()[("fas", str(phase(4).pk))] == {method.pk, other.pk}
    services.move_to_bin(other, editor)
    Method.objects.filter(pk=other.pk).update(deleted_at="2000-01-01T00:00Z")
    assert services.purge_from_bin(30) == 1
    assert stored_sets()[("fas", str(phase(4).pk))] == {method.pk}
    assert_index_is_current()


def test_links_and_roles_changed_from_either_side():
    method = MethodFactory(phases=[phase(1)], roles=[Role.PARTICIPANT])
    area = CompetenceArea.objects.get(slug="handledning")
    method.phases.add(phase(6))
    method.phases.remove(phase(1))
    method.competence_areas.add(area)
    phase(2).methods.add(method)  # the reverse side of the link
    area.methods.remove(method)
    MethodTargetRole.objects.create(method=method, role=Role.SUPERVISOR)
    MethodTargetRole.objects.filter(method=method, role=Role.PARTICIPANT).delete()
    stored = stored_sets()
    assert stored[("fas", str(phase(6).pk))] == {method.pk}
    assert stored[("fas", str(phase(2).pk))] == {method.pk}
    assert ("fas", str(phase(1).pk)) not in stored
    assert ("omrade", str(area.pk)) not in stored
    assert stored[("roll", Role.SUPERVISOR)] == {method.pk}
    assert ("roll", Role.PARTICIPANT) not in stored
    method.phases.clear()
    phase(3).methods.clear()
    assert_index_is_current()


def test_rebuild_restores_an_index_written_around():
    methods = [MethodFactory(phases=[phase(n)]) for n in (1, 2, 3)]
    # What a bulk load does: rows written without save(), so no signal.
    Method.objects.filter(pk=methods[0].pk).update(status=Status.DRAFT)
    FacetBitmap.objects.filter(facet="fas").delete()
    listindex.rebuild()
    assert_index_is_current()
    assert stored_sets()[listindex.ALL] == {methods[1].pk, methods[2].pk}


def test_seed_demo_and_import_handbook_keep_the_index(tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    assert len(fresh_sets()[listindex.ALL]) > 0
    assert_index_is_current()
    call_command("export_handbook", str(tmp_path), stdout=io.StringIO())
    Method.objects.all().delete()
    assert stored_sets() == {listindex.ALL: set()}
    call_command("import_handbook", str(tmp_path), stdout=io.StringIO())
    assert_index_is_current()


def test_pages_show_fresh_counts_after_random_changes(client):
    rng = random.Random(14)
    editor = make_editor()
    areas = list(CompetenceArea.objects.all())
    phases = list(Phase.objects.all())
    forms = [value for value, _label in LearningForm.choices]
    methods = [
        MethodFactory(phases=rng.sample(phases, 2), competence_areas=rng.sample(areas, 1))
        for _ in range(12)
    ]
    for _ in range(40):
        method = Method.objects.get(pk=rng.choice(methods).pk)
        change = rng.randrange(6)
        if change == 0:
            method.learning_form = rng.choice(forms)
            method.save()
        elif change == 1:
            method.phases.set(rng.sample(phases, rng.randint(1, 3)))
        elif change == 2:
            method.competence_areas.set(rng.sample(areas, rng.randint(0, 2)))
        elif change == 3 and method.deleted_at is None:
            services.move_to_bin(method, editor)
        elif change == 4 and method.deleted_at is not None:
            services.restore_from_bin(method, editor)
        elif change == 5:
            method.status = rng.choice([Status.PUBLISHED, Status.DRAFT])
            method.save()
    assert_index_is_current()

    published = Method.objects.published()
    home = client.get("/")
    assert home.context["method_count"] == published.count()
    assert [p.method_count for p in home.context["phases"]] == [
        published.filter(phases=p).count() for p in phases
    ]
    page = client.get(f"/fas/{phases[1].slug}/")
    assert page.context["method_total"] == published.filter(phases=phases[1]).count()
    query = f"fas={phases[1].slug}&form={forms[0]}&form={forms[1]}"
    listed = client.get("/metoder/?" + query)
    method_filter = MethodFilter(QueryDict(query))
    assert listed.context["page"].paginator.count == method_filter.apply(published).count()
    # Every facet count against the counting query it replaced.
    expected = method_filter.facet_views(published)
    assert [[o.count for o in v.options] for v in listed.context["facets"]] == [
        [o.count for o in v.options] for v in expected
    ]
    assert len(FACETS) == len(expected)


def test_unknown_and_empty_values_count_zero(client):
    MethodFactory(phases=[phase(1)])
    response = client.get("/metoder/?omrade=handledning")
    assert response.context["page"].paginator.count == 0
    assert [m for m, _snippet in response.context["rows"]] == []


@pytest.mark.parametrize("few", [0, 1000])  # filters in SQL / the ids from the list index
@pytest.mark.parametrize(
    "query",
    ["", "fas=forankring", "fas=forankring&sort=nyast", "form=kurs&sort=rapporter", "roll=ledning"],
)
def test_a_page_is_the_same_whether_filtered_in_sql_or_by_ids(client, settings, few, query):
    from methods.views import listing

    settings.METHODS_PER_PAGE = 2
    listing.FEW_METHODS, before = few, listing.FEW_METHODS
    try:
        for n, (phases, form, roles) in enumerate(
            [
                ([2], LearningForm.COURSE, [Role.MANAGEMENT]),
                ([2, 3], LearningForm.IN_WORK, [Role.PARTICIPANT]),
                ([1], LearningForm.COURSE, [Role.MANAGEMENT]),
                ([2], LearningForm.COURSE, [Role.SUPERVISOR]),
                ([2], LearningForm.WITH_OTHERS, [Role.MANAGEMENT]),
            ]
        ):
            MethodFactory(
                title=f"Metod {n}", phases=[phase(p) for p in phases], learning_form=form,
                roles=roles, report_count=n % 3,
            )  # fmt: skip
        MethodFactory(title="Utkast", status=Status.DRAFT, phases=[phase(2)])
        published = Method.objects.published()
        method_filter = MethodFilter(QueryDict(query))
        expected = [m.title for m in method_filter.order(method_filter.apply(published))]
        shown, number, pages = [], 1, 1
        while number <= pages:
            response = client.get(f"/metoder/?{query}&sida={number}")
            paginator = response.context["page"].paginator
            assert paginator.count == len(expected)
            shown += [m.title for m, _snippet in response.context["rows"]]
            number, pages = number + 1, paginator.num_pages
        assert shown == expected
    finally:
        listing.FEW_METHODS = before


@pytest.mark.parametrize("sort", ["", "nyast", "rapporter"])
def test_pages_past_the_middle_are_the_same_walked_from_the_end(client, settings, sort):
    """Pages past the middle are read with the order reversed: with equal titles, equal report
    counts and equal publication times the id decides, both ways."""
    settings.METHODS_PER_PAGE = 3
    same_time = timezone.now()
    for n in range(8):
        method = MethodFactory(title=f"Metod {n // 3}", report_count=n % 2)
        Method.objects.filter(pk=method.pk).update(published_at=same_time)
    method_filter = MethodFilter(QueryDict(f"sort={sort}"))
    expected = [m.pk for m in method_filter.order(Method.objects.published())]
    shown = []
    for number in (1, 2, 3):
        response = client.get("/metoder/", {"sort": sort, "sida": number})
        shown.append([m.pk for m, _snippet in response.context["rows"]])
    assert shown == [expected[0:3], expected[3:6], expected[6:]]
    assert len(expected) == 8


@pytest.mark.parametrize("few", [0, 1000])
def test_phase_page_picks_the_same_methods_through_the_index_or_by_id(client, few):
    from methods.views import listing

    listing.FEW_METHODS, before = few, listing.FEW_METHODS
    try:
        for n in range(listing.PHASE_PAGE_METHODS + 2):
            MethodFactory(title=f"Metod {n:02d}", phases=[phase(4)], report_count=n % 4)
        MethodFactory(title="Annan fas", phases=[phase(5)], report_count=9)
        MethodFactory(title="Utkast", status=Status.DRAFT, phases=[phase(4)], report_count=9)
        response = client.get("/fas/" + phase(4).slug + "/")
    finally:
        listing.FEW_METHODS = before
    expected = Method.objects.published().filter(phases=phase(4))
    assert response.context["method_total"] == expected.count() == 14
    assert [m.title for m in response.context["methods"]] == [
        m.title for m in expected.order_by("-report_count", "title")[: listing.PHASE_PAGE_METHODS]
    ]
