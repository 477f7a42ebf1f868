"""The method page's suggestion lists kept as a read model (methods/suggestions.py): the same
lists as the ranking queries, read by index, and kept current through every change they are
built from."""

import random
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from methods import services, suggestions, workflow
from methods.choices import Status
from methods.models import CompetenceArea, Method, MethodSuggestion, Phase
from tests.factories import (
    BusinessLine,
    CompanyFactory,
    ExperienceReportFactory,
    MethodFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def _ranked(method: Method) -> tuple[list, list]:
    """What the ranking queries answer now (the computation the read model replaces)."""
    method = suggestions._with_classification(Method.objects.filter(pk=method.pk)).get()
    similar, same_line = Method.objects.related_to(method)
    return [m.pk for m in similar], [(m.pk, m.uses) for m in same_line]


def _kept(method: Method) -> tuple[list, list]:
    method = suggestions.with_kept_lists(Method.objects.filter(pk=method.pk)).get()
    assert method.suggestions_kept
    similar, same_line = suggestions.lists_for(method)
    return [m.pk for m in similar], [(m.pk, m.uses) for m in same_line]


def assert_kept_lists_are_the_ranking() -> None:
    published = list(Method.objects.published())
    assert published
    for method in published:
        assert _kept(method) == _ranked(method), method.title
    # Nothing is kept for a method outside the published handbook.
    assert not MethodSuggestion.objects.exclude(method__in=published).exists()


@pytest.fixture
def handbook():
    """A small handbook with overlapping phases, areas, lines and reports, from a fixed seed."""
    rng = random.Random(14)
    phases = list(Phase.objects.order_by("number"))
    areas = list(CompetenceArea.objects.all()[:5])
    lines = list(BusinessLine.objects.all()[:3])
    methods = [
        MethodFactory(
            title=f"Metod {i:02d}",
            phases=rng.sample(phases, rng.randint(1, 3)),
            competence_areas=rng.sample(areas, rng.randint(0, 2)),
            business_lines=rng.sample(lines, rng.randint(0, 2)),
        )
        for i in range(24)
    ]
    companies = [CompanyFactory() for _ in range(5)]
    for company in companies:
        company.business_lines.set(rng.sample(lines, rng.randint(1, 2)))
    for method in methods:
        for company in rng.sample(companies, rng.randint(0, 3)):
            ExperienceReportFactory(method=method, company=company)
    suggestions.rebuild()
    return {"methods": methods, "companies": companies, "areas": areas, "lines": lines}


def test_kept_lists_are_what_the_ranking_queries_answer(handbook):
    kept = MethodSuggestion.objects.filter(kind=MethodSuggestion.Kind.COMPUTED).count()
    assert kept == 24
    assert_kept_lists_are_the_ranking()
    # and some lists are full, so the comparison means something
    assert MethodSuggestion.objects.filter(kind=1, position=4).count() > 10
    assert MethodSuggestion.objects.filter(kind=2).exists()


def test_method_page_shows_the_kept_lists_without_ranking(client, handbook, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    method = handbook["methods"][5]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(method.get_absolute_url())
    similar_ids, same_line = _ranked(method)
    assert [m.pk for m in response.context["similar_methods"]] == similar_ids
    assert [(m.pk, m.uses) for m in response.context["same_line_methods"]] == same_line
    html = response.content.decode()
    for other in response.context["similar_methods"] + response.context["same_line_methods"]:
        # Kept rows come as plain values (suggestions.Suggested) with the method's own
        # title, summary and address.
        assert isinstance(other, suggestions.Suggested)
        real = Method.objects.get(pk=other.pk)
        assert (other.title, other.summary, other.get_absolute_url()) == (
            real.title,
            real.summary,
            f"/metoder/{real.slug}/",
        )
        assert f'<a href="{real.get_absolute_url()}">{real.title}</a>' in html
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "SUM(weight)" not in sql  # the similar ranking
    assert "COUNT(DISTINCT" not in sql.upper()  # the same-line ranking
    # The kept lists come in the query that loads the method, which reads the method's address.
    reading = [q["sql"] for q in queries.captured_queries if "methods_methodsuggestion" in q["sql"]]
    assert len(reading) == 1 and '"methods_method"."slug"' in reading[0]


def test_a_method_not_yet_kept_is_ranked_at_render_time(client):
    area = CompetenceArea.objects.first()
    method = MethodFactory(competence_areas=[area])
    other = MethodFactory(title="Granne", competence_areas=[area])
    response = client.get(method.get_absolute_url())
    assert [m.pk for m in response.context["similar_methods"]] == [other.pk]
    assert not MethodSuggestion.objects.exists()


def test_publishing_a_method_puts_it_in_the_lists_it_belongs_in(
    handbook, django_capture_on_commit_callbacks
):
    areas, lines = handbook["areas"], handbook["lines"]
    draft = MethodFactory(
        title="Ny och lik",
        status=Status.DRAFT,
        phases=list(Phase.objects.all()),
        competence_areas=areas[:2],
        business_lines=lines[:2],
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(draft, make_editor())
    assert MethodSuggestion.objects.filter(suggested=draft, kind=1).count() > 3
    assert_kept_lists_are_the_ranking()


def test_archiving_a_method_takes_it_out_at_once_and_the_lists_fill_up(
    handbook, django_capture_on_commit_callbacks
):
    listed = MethodSuggestion.objects.filter(kind=1).values_list("suggested", flat=True).first()
    method = Method.objects.get(pk=listed)
    holders = list(
        MethodSuggestion.objects.filter(suggested=method).values_list("method", flat=True)
    )
    editor = make_editor()
    with django_capture_on_commit_callbacks(execute=False):
        workflow.archive(method, editor, "Ersatt.")
    # Before the refresh has run: never a link to the archived method.
    for holder in Method.objects.filter(pk__in=holders):
        assert method.pk not in _kept(holder)[0]
    suggestions.refresh([method.pk])
    assert_kept_lists_are_the_ranking()
    assert not MethodSuggestion.objects.filter(suggested=method).exists()
    # Published again: back in the lists it belongs in.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(method, editor)
    assert MethodSuggestion.objects.filter(suggested=method).exists()
    assert_kept_lists_are_the_ranking()


def test_the_recycle_bin_and_its_purge_keep_the_lists(handbook, django_capture_on_commit_callbacks):
    editor = make_editor()
    method = Method.objects.get(
        pk=MethodSuggestion.objects.filter(kind=1).values_list("suggested", flat=True).first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_bin(method, editor)
    assert not MethodSuggestion.objects.filter(suggested=method).exists()
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_from_bin(method, editor)
    assert MethodSuggestion.objects.filter(suggested=method).exists()
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_bin(method, editor)
        Method.objects.filter(pk=method.pk).update(deleted_at=timezone.now() - timedelta(days=90))
        assert services.purge_from_bin(30) >= 1
    assert not Method.objects.filter(pk=method.pk).exists()
    assert_kept_lists_are_the_ranking()


def test_a_change_of_phases_areas_or_lines_moves_the_lists(
    handbook, django_capture_on_commit_callbacks
):
    method = handbook["methods"][3]
    with django_capture_on_commit_callbacks(execute=True):
        method.competence_areas.set(handbook["areas"][2:5])
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        method.phases.set(Phase.objects.filter(number__in=[1, 6]))
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        method.business_lines.clear()
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        method.business_lines.add(handbook["lines"][2])
    assert_kept_lists_are_the_ranking()


def test_reports_and_company_lines_move_the_same_line_lists(
    handbook, django_capture_on_commit_callbacks
):
    method = handbook["methods"][7]
    company = handbook["companies"][0]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            newcomer = CompanyFactory()
            newcomer.business_lines.set(handbook["lines"][:1])
            ExperienceReportFactory(method=method, company=newcomer)
        report = ExperienceReportFactory(method=method, company=company)
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        report.status = Status.ARCHIVED
        report.save()
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        company.business_lines.set(handbook["lines"][2:3])
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        company.business_lines.clear()
    assert_kept_lists_are_the_ranking()
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()
    assert_kept_lists_are_the_ranking()


def test_a_refresh_retires_the_cached_pages(handbook, client, django_capture_on_commit_callbacks):
    method = handbook["methods"][0]
    first = client.get(method.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert client.get(method.get_absolute_url())["X-Page-Cache"] == "hit"
    suggestions.refresh([method.pk])
    assert client.get(method.get_absolute_url())["X-Page-Cache"] == "miss"


def test_rebuild_command_keeps_every_published_method(handbook):
    from django.core.management import call_command

    MethodFactory(title="Utkast", status=Status.DRAFT)
    MethodSuggestion.objects.all().delete()
    call_command("rebuild_suggestions", verbosity=0)
    assert MethodSuggestion.objects.filter(kind=0).count() == 24
    assert_kept_lists_are_the_ranking()


def test_one_transaction_queues_one_refresh(django_capture_on_commit_callbacks, monkeypatch):
    transaction.get_connection().__dict__.pop("gathered_on_commit", None)  # earlier tests
    queued = []
    monkeypatch.setattr(
        suggestions, "refresh_suggestions", SimpleNamespace(enqueue=lambda **kw: queued.append(kw))
    )
    area = CompetenceArea.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        method = MethodFactory(competence_areas=[area], phases=[Phase.objects.first()])
        method.business_lines.set(BusinessLine.objects.all()[:1])
    assert queued == [{"method_ids": [method.pk], "line_ids": []}]


def test_keep_computes_only_the_given_methods(handbook):
    first, second = handbook["methods"][:2]
    MethodSuggestion.objects.all().delete()
    suggestions.keep([first.pk])
    assert _kept(first) == _ranked(first)
    assert set(MethodSuggestion.objects.values_list("method", flat=True)) == {first.pk}
    assert (
        not suggestions.with_kept_lists(Method.objects.filter(pk=second.pk)).get().suggestions_kept
    )


def test_a_rebuild_leaves_out_drafts_and_binned_methods_and_ranks_like_the_queries():
    """The rebuild ranks in memory (suggestions._Scores); links of methods outside the
    published handbook must count for nobody, and ties go to the lower id as in SQL."""
    rng = random.Random(41)
    phases = list(Phase.objects.order_by("number"))
    areas = list(CompetenceArea.objects.all()[:4])
    lines = list(BusinessLine.objects.all()[:2])
    for i in range(40):
        MethodFactory(
            title=f"Metod {i:02d}",
            status=Status.DRAFT if i % 9 == 0 else Status.PUBLISHED,
            phases=rng.sample(phases, rng.randint(1, 3)),
            competence_areas=rng.sample(areas, rng.randint(0, 3)),
            business_lines=rng.sample(lines, rng.randint(0, 2)),
        )
    Method.objects.filter(title="Metod 05").update(deleted_at=timezone.now())
    assert suggestions.rebuild() == 34  # 5 drafts and one in the bin left out
    assert_kept_lists_are_the_ranking()
    # Ties at the cut are common with four areas: the order inside a score is the id's.
    assert MethodSuggestion.objects.filter(kind=1, position=4).count() == 34
