"""The method page's own parts kept rendered (methods/keptpage.py): the page is the same bytes
with them as rendered live, in every language and version, and no change the parts show can
leave an old part on the page."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from methods import keptpage, services
from methods.choices import Role, Status
from methods.models import (
    BusinessLine,
    CompetenceArea,
    KeptMethodPage,
    Method,
    MethodStep,
    MethodTargetRole,
    Phase,
)
from tests.factories import MethodFactory, MethodStepFactory, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def method():
    phases = list(Phase.objects.filter(number__in=[1, 3]))
    area = CompetenceArea.objects.order_by("name").first()
    line = BusinessLine.objects.order_by("name").first()
    method = MethodFactory(
        title="Kaffe med handledaren",
        phases=phases,
        competence_areas=[area],
        business_lines=[line],
        roles=[Role.PARTICIPANT, Role.MANAGEMENT],
        needs_external_trainer=True,
        external_trainer_phase=phases[1],
        indicator_learning="Deltagaren kan visa momentet.",
    )
    MethodStepFactory(method=method, phase=phases[0], role=Role.MANAGEMENT, text="Boka *tid*.")
    MethodStepFactory(method=method, phase=phases[1], role=Role.SUPERVISOR, text="Visa hur.")
    return Method.objects.get(pk=method.pk)


def page(client, method, **params) -> str:
    """The page's HTML with this response's nonce taken out (it differs per response)."""
    response = client.get(method.get_absolute_url(), params)
    assert response.status_code == 200
    return re.sub(r'nonce="[^"]*"', 'nonce=""', response.content.decode())


def kept_languages(method) -> set[str]:
    return set(KeptMethodPage.objects.filter(method=method).values_list("language", flat=True))


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("version", [{}, {"version": "lattlast"}])
def test_the_page_with_kept_parts_is_the_page_rendered_live(client, method, language, version):
    client.cookies["django_language"] = language
    live = page(client, method, **version)
    assert keptpage.keep([method.pk]) == 1
    assert kept_languages(method) == {"sv", "en"}
    kept = page(client, method, **version)
    assert kept == live
    # And it came from the kept parts: the step text is in the page, its query is not.
    assert "Boka <em>tid</em>." in kept
    with CaptureQueriesContext(connection) as queries:
        page(client, method, **version)
    assert not any("methods_methodstep" in q["sql"] for q in queries.captured_queries)
    # Nor are its markdown sources read, and its rendered texts only for a page rendered live.
    for column in ("body", "easy_read"):
        sql = [q["sql"] for q in queries.captured_queries]
        assert not any(f'"methods_method"."{column}"' in q for q in sql), column
    loaded = keptpage.with_kept_parts(Method.objects.filter(pk=method.pk)).get()
    assert loaded.live_body_html is None and loaded.live_easy_read_html is None
    KeptMethodPage.objects.filter(method=method).delete()
    loaded = keptpage.with_kept_parts(Method.objects.filter(pk=method.pk)).get()
    assert loaded.live_body_html == method.body_html and "handledaren" in loaded.live_body_html


def test_kept_parts_are_in_each_language(method):
    keptpage.keep([method.pk])
    rows = {row.language: row for row in KeptMethodPage.objects.filter(method=method)}
    assert "Lärandeform" in rows["sv"].header and "Lärandeform" not in rows["en"].header
    assert "Learning" in rows["en"].header
    assert "Lättläst" in rows["sv"].easy_read and "Easy read" in rows["en"].easy_read
    assert 'class="method-card"' in rows["sv"].card and rows["sv"].text


def test_a_method_without_easy_read_keeps_no_easy_read_part():
    method = MethodFactory(easy_read="")
    keptpage.keep([method.pk])
    assert KeptMethodPage.objects.get(method=method, language="sv").easy_read == ""


def test_the_kept_page_reads_in_fewer_queries_whatever_the_method_holds(
    client, method, django_assert_num_queries
):
    for number in (2, 4, 5):
        MethodStepFactory(method=method, phase=Phase.objects.get(number=number))
    keptpage.keep([method.pk])
    page(client, method)  # the per-process caches
    # The method with its kept parts (and whether it has experience reports or comments: it
    # has neither, so they are not read), its suggestions (ranked, none kept here).
    with django_assert_num_queries(2):
        page(client, method)
    KeptMethodPage.objects.all().delete()
    # Live: its phases, steps, areas, lines, target roles and the trainer's phase besides (its
    # long texts come with the method when its parts are not kept).
    with django_assert_num_queries(8):
        page(client, method)


def test_rendering_parts_reads_the_same_queries_for_one_method_or_many(method):
    """The parts are rendered from prefetched relations and the fields they show: a part that
    reached for a deferred field (the search text) or an unprefetched relation would cost a
    query per method, which at 100,000 seeded methods is most of the seeding."""
    keptpage.rendered([method.pk])  # the per-process caches
    with CaptureQueriesContext(connection) as one:
        assert len(keptpage.rendered([method.pk])) == 2
    others = [MethodFactory(title=f"Annan metod {i}").pk for i in range(4)]
    for other in others:
        MethodStepFactory(method_id=other, phase=Phase.objects.get(number=2))
    with CaptureQueriesContext(connection) as five:
        rows = keptpage.rendered([method.pk, *others])
    assert len(rows) == 10 and len(five) == len(one)


# --- Only what is published and current is shown ---------------------------------------------


def test_only_published_methods_are_kept(method):
    draft = MethodFactory(status=Status.DRAFT)
    assert keptpage.keep([method.pk, draft.pk]) == 1
    assert not KeptMethodPage.objects.filter(method=draft).exists()
    assert keptpage.missing() == []


def test_a_method_no_longer_published_is_rendered_live_even_with_rows(client, method):
    keptpage.keep([method.pk])
    # update() sends no signal: the rows stay, and the status still decides.
    Method.objects.filter(pk=method.pk).update(status=Status.SUBMITTED)
    client.force_login(make_editor())
    assert "Metoden är inte publicerad" in page(client, method)


def test_parts_of_another_release_are_never_shown(client, method):
    keptpage.keep([method.pk])
    KeptMethodPage.objects.update(header="<h1>Gammal</h1>", text="", stamp="old-release")
    html = page(client, method)
    assert "<h1>Kaffe med handledaren</h1>" in html and "Gammal" not in html
    assert keptpage.missing() == [method.pk]
    assert keptpage.keep() == 1
    assert set(KeptMethodPage.objects.values_list("stamp", flat=True)) == {keptpage.stamp()}


def test_the_stamp_covers_every_template_the_parts_include():
    assert keptpage.templates() == [
        "methods/_page_header.html",
        "methods/_page_text.html",
        "includes/method_card.html",
        "includes/method_facts.html",
        "includes/listen.html",
        "includes/matrix_table.html",
        "includes/method_practicalities.html",
        "includes/method_indicators.html",
    ]


def test_the_stamp_names_the_templates_and_catalogues(settings, tmp_path):
    before = keptpage.stamp()
    keptpage.stamp.cache_clear()
    try:
        (tmp_path / "sv" / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / "sv" / "LC_MESSAGES" / "django.mo").write_bytes(b"another catalogue")
        settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
        assert keptpage.stamp() != before
    finally:
        keptpage.stamp.cache_clear()


# --- Every change drops the rows in its transaction, and the task keeps them again -----------


def change_and_commit(django_capture_on_commit_callbacks, method, change):
    """Run change() in a transaction: the rows must be gone before it commits; the commit's
    task keeps them again."""
    keptpage.keep([method.pk])
    assert kept_languages(method) == {"sv", "en"}
    with django_capture_on_commit_callbacks(execute=True):
        change()
        assert not KeptMethodPage.objects.filter(method=method).exists()
    assert kept_languages(method) == {"sv", "en"}


def test_a_saved_method(client, method, django_capture_on_commit_callbacks):
    def change():
        method.title = "Fika med handledaren"
        method.save()

    change_and_commit(django_capture_on_commit_callbacks, method, change)
    assert "<h1>Fika med handledaren</h1>" in page(client, method)


def queued_keeps(monkeypatch) -> list:
    """The keep tasks queued from now on (the task replaced by a recorder)."""
    connection.__dict__.pop("gathered_on_commit", None)  # what earlier tests left
    queued = []
    monkeypatch.setattr(
        keptpage, "keep_method_pages", SimpleNamespace(enqueue=lambda **ids: queued.append(ids))
    )
    return queued


def test_saving_a_draft_queues_nothing(monkeypatch, django_capture_on_commit_callbacks):
    """A draft's saves (the wizard autosaves) never reach the worker; nor do its steps."""
    draft = MethodFactory(status=Status.DRAFT)
    queued = queued_keeps(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "Ny titel"
        draft.save()
        MethodStepFactory(method=draft, phase=Phase.objects.get(number=1), text="Steg")
        draft.phases.add(Phase.objects.get(number=2))
    assert queued == []


def test_one_transaction_queues_one_keep(method, monkeypatch, django_capture_on_commit_callbacks):
    queued = queued_keeps(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        method.title = "Ny titel"
        method.save()
        method.phases.add(Phase.objects.get(number=5))
        MethodStepFactory(method=method, phase=Phase.objects.get(number=5), text="Steg")
    assert queued == [{"method_ids": [method.pk]}]


def test_a_method_no_longer_published_loses_its_rows_and_is_not_kept(
    method, monkeypatch, django_capture_on_commit_callbacks
):
    keptpage.keep([method.pk])
    queued = queued_keeps(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        method.status = Status.ARCHIVED
        method.save()
    assert not KeptMethodPage.objects.filter(method=method).exists()
    assert queued == []


def test_a_changed_step(client, method, django_capture_on_commit_callbacks):
    step = method.steps.get(role=Role.SUPERVISOR)

    def change():
        step.text = "Visa två gånger."
        step.save()

    change_and_commit(django_capture_on_commit_callbacks, method, change)
    assert "Visa två gånger." in page(client, method)


def test_a_deleted_step(client, method, django_capture_on_commit_callbacks):
    change_and_commit(
        django_capture_on_commit_callbacks,
        method,
        lambda: MethodStep.objects.filter(method=method, role=Role.SUPERVISOR).delete(),
    )
    assert "Visa hur." not in page(client, method)


def test_changed_phases_areas_and_lines(client, method, django_capture_on_commit_callbacks):
    fifth = Phase.objects.get(number=5)
    area = CompetenceArea.objects.exclude(methods=method).order_by("name").first()
    change_and_commit(django_capture_on_commit_callbacks, method, lambda: method.phases.add(fifth))
    change_and_commit(
        django_capture_on_commit_callbacks, method, lambda: method.competence_areas.add(area)
    )
    change_and_commit(
        django_capture_on_commit_callbacks, method, lambda: method.business_lines.clear()
    )
    html = page(client, method)
    assert f"5. {fifth.name}" in html and area.name in html
    assert "Alla branscher" in html


def test_a_method_added_from_the_other_side(client, method, django_capture_on_commit_callbacks):
    fifth = Phase.objects.get(number=5)
    change_and_commit(django_capture_on_commit_callbacks, method, lambda: fifth.methods.add(method))
    assert f"5. {fifth.name}" in page(client, method)


def test_changed_target_roles(client, method, django_capture_on_commit_callbacks):
    change_and_commit(
        django_capture_on_commit_callbacks,
        method,
        lambda: MethodTargetRole.objects.create(method=method, role=Role.SUPERVISOR),
    )
    with translation.override("sv"):
        assert str(Role.SUPERVISOR.label) in page(client, method).split("Område")[0]


def test_a_renamed_phase_drops_every_method(client, method, django_capture_on_commit_callbacks):
    other = MethodFactory()
    keptpage.keep([other.pk])
    phase = Phase.objects.get(number=3)

    def change():
        phase.name = "Genomförandet"
        phase.save()

    keptpage.keep([method.pk])
    with django_capture_on_commit_callbacks(execute=True):
        change()
        assert not KeptMethodPage.objects.exists()
    assert kept_languages(other) == {"sv", "en"}  # dropped and kept again with every method
    assert "3. Genomförandet" in page(client, method)


def test_a_phase_saved_without_a_new_name_keeps_the_rows(
    method, django_capture_on_commit_callbacks
):
    keptpage.keep([method.pk])
    phase = Phase.objects.get(number=3)
    with django_capture_on_commit_callbacks(execute=True):
        phase.guide = "En ny vägledning."
        phase.save()
        assert kept_languages(method) == {"sv", "en"}


def test_renamed_and_deleted_vocabularies(client, method, django_capture_on_commit_callbacks):
    area = method.competence_areas.get()

    def rename():
        area.name = "Ett nytt namn på området"
        area.save()

    change_and_commit(django_capture_on_commit_callbacks, method, rename)
    assert "Ett nytt namn på området" in page(client, method)
    line = method.business_lines.get()
    change_and_commit(django_capture_on_commit_callbacks, method, line.delete)
    assert "Alla branscher" in page(client, method)


def test_the_recycle_bin(client, method, django_capture_on_commit_callbacks):
    editor = make_editor()
    keptpage.keep([method.pk])
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_bin(method, editor)
        assert not KeptMethodPage.objects.exists()
    assert not KeptMethodPage.objects.exists()  # not published: nothing kept
    assert client.get(method.get_absolute_url()).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.restore_from_bin(method, editor)
    assert kept_languages(method) == {"sv", "en"}
    assert "<h1>Kaffe med handledaren</h1>" in page(client, method)


# --- The list's cards -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("query", [{}, {"fas": "genomforande"}, {"sort": "titel"}])
def test_the_list_with_kept_cards_is_the_list_rendered_live(client, method, language, query):
    client.cookies["django_language"] = language
    for i in range(4):
        MethodFactory(title=f"Annan metod {i}")
    url = "/metoder/?" + "&".join(f"{k}={v}" for k, v in query.items())
    live = re.sub(r'nonce="[^"]*"', "", client.get(url).content.decode())
    keptpage.keep([m.pk for m in Method.objects.all()][:3])  # some rows kept, some not
    partly = re.sub(r'nonce="[^"]*"', "", client.get(url).content.decode())
    keptpage.keep()
    kept = re.sub(r'nonce="[^"]*"', "", client.get(url).content.decode())
    assert live == partly == kept
    assert "Kaffe med handledaren" in kept


def test_the_list_reads_kept_cards_without_their_relations(
    client, method, django_assert_num_queries
):
    for i in range(12):
        MethodFactory(title=f"Annan metod {i}")
    client.get("/metoder/")
    keptpage.keep()
    with CaptureQueriesContext(connection) as queries:
        client.get("/metoder/")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "methods_method_phases" not in sql and "competencearea" not in sql


def test_a_new_report_count_drops_the_card(client, method, django_capture_on_commit_callbacks):
    from companies.services import refresh_report_stats
    from tests.factories import ExperienceReportFactory

    ExperienceReportFactory(method=method)
    change_and_commit(
        django_capture_on_commit_callbacks, method, lambda: refresh_report_stats(method)
    )
    assert "1 erfarenhetsrapport" in client.get("/metoder/").content.decode()
