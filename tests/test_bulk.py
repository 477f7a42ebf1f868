"""core.bulk.insert_rows: plain tuples into a table, in batches, on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.bulk import insert_rows
from methods.models import MethodSuggestion
from tests.factories import MethodFactory

pytestmark = pytest.mark.django_db

Kind = MethodSuggestion.Kind
FIELDS = ("method", "suggested", "kind", "position", "score")


def _by_list(row):
    return row[0], row[2], row[3]  # method, kind, position


def _stored():
    rows = MethodSuggestion.objects.values_list(
        "method_id", "suggested_id", "kind", "position", "score"
    )
    return sorted(rows, key=_by_list)


def test_rows_are_stored_as_given_with_nulls_and_in_batches():
    a, b, c = (MethodFactory(title=f"Metod {i}").pk for i in range(3))
    rows = [
        (a, None, int(Kind.COMPUTED), 0, 0),
        (a, b, int(Kind.SIMILAR), 1, 7),
        (a, c, int(Kind.SIMILAR), 2, 3),
        (b, None, int(Kind.COMPUTED), 0, 0),
        (b, a, int(Kind.SAME_LINE), 1, 2),
    ]
    with CaptureQueriesContext(connection) as queries:
        assert insert_rows(MethodSuggestion, FIELDS, iter(rows), batch=2) == 5
    assert _stored() == sorted(rows, key=_by_list)
    # Three statements of at most two rows (SQLite logs an executemany() once, as "N times: ...").
    assert len([q for q in queries if "INSERT INTO" in q["sql"]]) == 3


def test_a_column_of_only_nulls_is_stored_as_nulls():
    a = MethodFactory().pk
    assert insert_rows(MethodSuggestion, FIELDS, [(a, None, int(Kind.COMPUTED), 0, 0)]) == 1
    assert _stored() == [(a, None, int(Kind.COMPUTED), 0, 0)]


def test_no_rows_sends_no_statement():
    with CaptureQueriesContext(connection) as queries:
        assert insert_rows(MethodSuggestion, FIELDS, []) == 0
    assert len(queries) == 0


def test_a_row_of_the_wrong_length_is_refused_before_its_batch_is_sent():
    a = MethodFactory().pk
    with pytest.raises(ValueError, match="5 values"):
        insert_rows(MethodSuggestion, FIELDS, [(a, None, int(Kind.COMPUTED), 0, 0), (a, None)])
    assert _stored() == []
