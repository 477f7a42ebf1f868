"""core.compiled: a query compiled once gives what the queryset itself gives, for each value."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models import Count, Exists, OuterRef
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from core.compiled import KEY_MARKER, CompiledQuery
from methods.choices import Status
from methods.models import Comment, Method
from tests.factories import MethodFactory, UserFactory

SLUG = "compiled-test-marker"
READER = KEY_MARKER

pytestmark = pytest.mark.django_db


def _queryset():
    return (
        Method.objects.defer("body")
        .select_related("author")
        .annotate(
            has_comments=Exists(Comment.objects.filter(method=OuterRef("pk"))),
            phase_count=Count("phases"),
        )
    )


def _compiled(**extra_filter):
    return CompiledQuery(
        _queryset().filter(slug=SLUG, **extra_filter),
        {"slug": SLUG, "reader": READER},
        optional={"reader"},
    )


def test_each_run_reads_its_own_row_as_the_queryset_would():
    ali, sam = UserFactory(display_name="Ali"), UserFactory(display_name="Sam")
    one = MethodFactory(title="Handledning", author=ali)
    two = MethodFactory(title="Studiebesök", author=sam)
    Comment.objects.create(method=two, author=ali, body="Bra!")
    compiled = _compiled()
    for method in (one, two, one):
        (got,) = compiled.fetch(slug=method.slug, reader=0)
        expected = _queryset().get(slug=method.slug)
        assert (got.pk, got.title, got.author.display_name) == (
            expected.pk,
            expected.title,
            expected.author.display_name,
        )
        assert (got.has_comments, got.phase_count) == (
            expected.has_comments,
            expected.phase_count,
        )
        # The deferred column stays deferred; the related object came with the row.
        assert "body" in got.get_deferred_fields()
        assert "author" in got._state.fields_cache
    assert compiled.fetch(slug="finns-inte", reader=0) == []


def test_a_run_compiles_nothing_and_runs_one_query():
    method = MethodFactory()
    compiled = _compiled()
    with (
        mock.patch.object(SQLCompiler, "as_sql", side_effect=AssertionError("compiled")),
        CaptureQueriesContext(connection) as queries,
    ):
        (got,) = compiled.fetch(slug=method.slug, reader=0)
    assert got.pk == method.pk
    assert len(queries) == 1


def test_the_reader_marker_is_replaced_by_the_reader():
    ali, sam = UserFactory(), UserFactory()
    draft = MethodFactory(author=ali, status=Status.DRAFT)
    compiled = CompiledQuery(
        _queryset().filter(slug=SLUG, author_id=READER), {"slug": SLUG, "reader": READER}
    )
    assert [m.pk for m in compiled.fetch(slug=draft.slug, reader=ali.pk)] == [draft.pk]
    assert compiled.fetch(slug=draft.slug, reader=sam.pk) == []


def test_a_marker_the_query_does_not_contain_is_ignored():
    method = MethodFactory()
    compiled = _compiled()  # no filter on the reader
    assert [m.pk for m in compiled.fetch(slug=method.slug, reader=12345)] == [method.pk]


def test_every_value_is_asked_for_and_no_other():
    compiled = _compiled()
    with pytest.raises(TypeError):
        compiled.fetch(slug="a")
    with pytest.raises(TypeError):
        compiled.fetch(slug="a", reader=1, language="sv")


def test_a_marker_found_twice_or_missing_is_refused():
    """A stand-in the query contains twice cannot be told apart, and one it lacks (a value
    Django converted, or a filter left out) would be silently ignored: both refused when
    compiled, unless the missing one is declared optional."""
    with pytest.raises(ValueError, match="'slug' appears 2 times"):
        CompiledQuery(_queryset().filter(slug=SLUG, title=SLUG), {"slug": SLUG})
    with pytest.raises(ValueError, match="'reader' appears 0 times"):
        CompiledQuery(_queryset().filter(slug=SLUG), {"slug": SLUG, "reader": READER})
    with pytest.raises(ValueError, match="'slug' appears 0 times"):
        CompiledQuery(_queryset().filter(title="x"), {"slug": SLUG}, optional={"reader"})


def test_runs_do_not_share_state():
    """Each run works on its own copy of the compiler and queryset: the kept ones are
    untouched, so a run in progress cannot change the next."""
    first, second = MethodFactory(), MethodFactory()
    compiled = _compiled()
    kept_compiler, kept_query = compiled._compiler, compiled._queryset.query
    compiled.fetch(slug=first.slug, reader=0)
    compiled.fetch(slug=second.slug, reader=0)
    assert "execute_sql" not in vars(kept_compiler)
    assert "get_converters" not in vars(kept_compiler)
    assert "get_compiler" not in vars(kept_query)
    assert kept_compiler.connection is connections["default"]
    # Nor is the kept queryset ever run or filled (each run reads through its own copy).
    assert compiled._queryset._result_cache is None


def test_converters_are_worked_out_once_per_connection():
    """What turns each column's value into Python (a date and time on SQLite, the EXISTS as a
    boolean) is the same on every run on a connection: worked out on the first only."""
    method = MethodFactory()
    expected = _queryset().get(pk=method.pk)
    compiled = _compiled()
    original = SQLCompiler.get_converters
    with mock.patch.object(
        SQLCompiler, "get_converters", autospec=True, side_effect=original
    ) as worked_out:
        for _ in range(3):
            (got,) = compiled.fetch(slug=method.slug, reader=0)
            assert got.updated_at == expected.updated_at
            assert got.has_comments is False
    assert worked_out.call_count == 1


def test_a_queryset_that_prefetches_is_refused():
    """fetch() runs the rows only: a prefetch would silently not happen."""
    with pytest.raises(ValueError, match="cannot prefetch"):
        CompiledQuery(_queryset().filter(slug=SLUG).prefetch_related("phases"), {"slug": SLUG})


def test_a_run_in_another_thread_uses_that_threads_connection():
    """Connections are per thread (runserver and the browser tests' server use threads): a
    query compiled in one thread runs on the connection of the thread that fetches."""
    compiled = _compiled()
    seen = {}

    def fetch() -> None:
        with CaptureQueriesContext(connections["default"]) as queries:
            seen["rows"] = compiled.fetch(slug="ingen", reader=0)
        seen["queries"] = len(queries)
        seen["connection"] = connections["default"]
        connections["default"].close()

    thread = threading.Thread(target=fetch)
    thread.start()
    thread.join()
    assert seen["rows"] == [] and seen["queries"] == 1
    assert seen["connection"] is not connections["default"]


# PostgreSQL: the compiled queries run as prepared statements, and nothing else does -----------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@postgresql_only
def test_a_compiled_query_is_prepared_on_postgresql():
    method = MethodFactory()
    compiled = _compiled()
    before = set(_prepared_statements())
    for _ in range(3):
        assert [m.pk for m in compiled.fetch(slug=method.slug, reader=0)] == [method.pk]
    prepared = set(_prepared_statements()) - before
    assert len(prepared) == 1
    assert '"methods_method"."slug" = $' in prepared.pop()


@postgresql_only
def test_other_queries_are_not_prepared():
    """Django's own queries keep client-side binding and fresh plans (a generic plan misjudges
    skewed columns such as a status): psycopg's automatic preparation stays off."""
    MethodFactory(title="Hygienrutiner")
    for _ in range(20):
        Method.objects.filter(status=Status.PUBLISHED, title="Hygienrutiner").exists()
    assert [s for s in _prepared_statements() if '"methods_method"."title"' in s] == []


@postgresql_only
def test_prepared_statements_can_be_turned_off(settings):
    """DATABASE_PREPARED_STATEMENTS=0, for a connection pooler that cannot keep them."""
    settings.DATABASE_PREPARED_STATEMENTS = False
    method = MethodFactory()
    compiled = _compiled(title=method.title)  # SQL no other test prepares
    assert [m.pk for m in compiled.fetch(slug=method.slug, reader=0)] == [method.pk]
    assert [s for s in _prepared_statements() if '"methods_method"."title"' in s] == []


@postgresql_only
def test_a_long_prepared_query_is_parsed_once():
    """psycopg remembers its conversion of the placeholders only for texts up to 4 kB; the
    prepared cursor remembers it for its few texts of any length (the method page's is
    longer), and still binds each run's values."""
    from core.dbbackends.postgresql import base

    long_query = "SELECT %s::int + %s::int /*" + "x" * 5000 + "*/"
    base._convert.cache_clear()
    with connection.prepared_cursor() as cursor:
        for value in (1, 2, 3):
            cursor.execute(long_query, [value, 10])
            assert cursor.fetchone() == (value + 10,)
    info = base._convert.cache_info()
    assert (info.misses, info.hits) == (1, 2)
