"""SQLite's full-text index (methods.search_sqlite): FTS5 tables kept in step by triggers.

What readers find is tested on both databases in test_search.py and test_search_words.py;
this file checks the index itself, so it runs on SQLite only.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from companies.models import Company, ExperienceReport
from companies.search_indexes import COMPANIES, REPORTS
from methods import search_sqlite
from methods.models import Method
from methods.search import filter_by_text, parse_query, search_methods
from methods.services import refresh_search_index
from tests.factories import CompanyFactory, ExperienceReportFactory, MethodFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own index"),
]


def word_hits(index: search_sqlite.FullTextIndex, word: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {index.words} WHERE {index.words} MATCH ?",  # noqa: S608
            [f'"{word}"'],
        )
        return {row[0] for row in cursor.fetchall()}


def substring_hits(index: search_sqlite.FullTextIndex, part: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {index.trigram} WHERE {index.text_column} LIKE ?",  # noqa: S608
            [f"%{part}%"],
        )
        return {row[0] for row in cursor.fetchall()}


def assert_index_matches_its_table(index: search_sqlite.FullTextIndex) -> None:
    """FTS5 compares an external-content index with its table, row by row, and raises on any
    difference (SQLITE_CORRUPT_VTAB)."""
    with connection.cursor() as cursor:
        for table in (index.words, index.trigram):
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")  # noqa: S608


def test_the_index_follows_insert_save_update_and_delete(db):
    index = search_sqlite.METHODS
    method = MethodFactory(title="Kvarnstenen i köket", body="Om malning.")
    assert word_hits(index, "kvarnstenen") == {method.pk}
    assert substring_hits(index, "arnsten") == {method.pk}

    method.title = "Slipstenen i köket"
    method.summary = "Om kvarnar och deras stenar."
    method.save()
    assert word_hits(index, "kvarnar") == {method.pk}  # the summary column at once
    refresh_search_index(method)  # the normalised title and text, as every service does
    assert word_hits(index, "kvarnstenen") == set()
    assert word_hits(index, "slipstenen") == {method.pk}

    Method.objects.filter(pk=method.pk).update(search_text="en helt annan text om bakning")
    assert substring_hits(index, "arnsten") == set()
    assert word_hits(index, "bakning") == {method.pk}

    assert_index_matches_its_table(index)
    method.delete()
    assert word_hits(index, "slipstenen") == set()
    assert word_hits(index, "bakning") == set()
    assert_index_matches_its_table(index)


def test_the_index_follows_bulk_create_and_bulk_update(db):
    index = search_sqlite.METHODS
    author = MethodFactory().author
    Method.objects.bulk_create(
        [
            Method(title=f"Metod {n}", slug=f"metod-bulk-{n}", author=author,
                   search_title=f"metod {n}", search_text=f"metod {n} kvarnsten")
            for n in range(3)
        ]
    )  # fmt: skip
    bulk = set(Method.objects.filter(slug__startswith="metod-bulk").values_list("pk", flat=True))
    assert word_hits(index, "kvarnsten") == bulk
    Method.objects.filter(pk__in=bulk).update(search_text="slipsten")
    assert word_hits(index, "kvarnsten") == set()
    assert substring_hits(index, "lipste") == bulk
    assert_index_matches_its_table(index)
    Method.objects.filter(pk__in=bulk).delete()
    assert substring_hits(index, "lipste") == set()


def test_companies_and_reports_have_their_own_index(db):
    company = CompanyFactory(name="Kvarnbolaget", description="Vi maler mjöl.")
    report = ExperienceReportFactory(title="Kvarnen i praktiken", context="Mjöl och bröd.")
    assert word_hits(COMPANIES, "kvarnbolaget") == {company.pk}
    assert word_hits(REPORTS, "kvarnen") == {report.pk}
    company.description = "Vi bakar bröd."
    company.save()
    assert word_hits(COMPANIES, "mjol") == set()  # diacritics removed by the tokenizer
    assert word_hits(COMPANIES, "bakar") == {company.pk}
    company.delete()
    assert word_hits(COMPANIES, "kvarnbolaget") == set()
    assert_index_matches_its_table(COMPANIES)
    assert_index_matches_its_table(REPORTS)


def test_companies_and_reports_are_ranked_name_first(db):
    CompanyFactory(name="Bageriet", description="Vi samarbetar med kvarnen i byn.")
    CompanyFactory(name="Kvarnen", description="Vi maler.")
    parsed = parse_query("kvarnen")
    ranked = filter_by_text(Company.objects.all(), parsed).order_by("-rank")
    assert [c.name for c in ranked] == ["Kvarnen", "Bageriet"]
    ExperienceReportFactory(title="Om bröd", context="Kvarnen levererar.")
    ExperienceReportFactory(title="Kvarnen som arbetsplats", context="Bra.")
    ranked = filter_by_text(ExperienceReport.objects.all(), parsed).order_by("-rank")
    assert [r.title for r in ranked] == ["Kvarnen som arbetsplats", "Om bröd"]


def test_missing_triggers_are_restored_after_a_migration(db):
    """Django alters a table on SQLite by copying it, which drops its triggers."""
    index = search_sqlite.METHODS
    with connection.cursor() as cursor:
        for name in index.triggers.values():
            cursor.execute(f"DROP TRIGGER {name}")
    method = MethodFactory(title="Kvarnstenen")  # written while the triggers are gone
    assert word_hits(index, "kvarnstenen") == set()
    search_sqlite.restore_triggers(using="default")
    assert word_hits(index, "kvarnstenen") == {method.pk}  # rebuilt
    method.delete()
    assert word_hits(index, "kvarnstenen") == set()  # and kept in step again


def test_rebuild_search_index_fills_the_full_text_index_again(db):
    index = search_sqlite.METHODS
    method = MethodFactory(title="Kvarnstenen")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {index.words}({index.words}) VALUES ('delete-all')")  # noqa: S608
    assert word_hits(index, "kvarnstenen") == set()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert word_hits(index, "kvarnstenen") == {method.pk}


def test_a_term_is_always_one_fts5_string(db):
    """parse_query leaves only letters and digits; even if a quote got through, it would stay
    inside the string instead of ending it."""
    from methods.search import ParsedQuery

    MethodFactory(title="Kvarnen", body="Om x.")
    assert search_sqlite._fts_string('kvarn" OR "x') == '"kvarn"" OR ""x"'
    parsed = ParsedQuery(text="", groups=[[('kvarn" OR "x',)]])
    assert list(search_methods(Method.objects.all(), parsed)) == []


def test_search_queries_are_counted(client, django_assert_num_queries):
    MethodFactory(title="Handledning i arbetet", body="Handledaren visar.")
    for path in ("/sok/?q=handledning", "/metoder/?q=handledning", "/sok/?q=handlednig"):
        client.get(path)  # shared caches filled
    MethodFactory(title="Ännu en metod")  # the pages go stale
    # The site version, the ten best methods and their phases and areas, companies, reports,
    # and each group's total counted apart (a window over every match costs SQLite far more):
    # the index costs no query of its own here, as "handledning" has synonyms and so is never
    # corrected.
    with django_assert_num_queries(9):
        client.get("/sok/?q=handledning")
    with django_assert_num_queries(6):  # the list: its total and the facets as well
        client.get("/metoder/?q=handledning")
    # A misspelling: which words are unknown, the vocabulary near them, and the corrected
    # word as the handbook writes it: three more.
    with django_assert_num_queries(12):
        client.get("/sok/?q=handlednig")
    # A full group costs the same queries as a short one.
    for n in range(10):
        MethodFactory(title=f"Handledning del {n}", body="Handledaren visar.")
    with django_assert_num_queries(9):
        response = client.get("/sok/?q=handledning")
    assert response.context["method_count"] == 12  # "Ännu en metod" too: its body has handledaren
