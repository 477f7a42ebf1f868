"""A query that Django compiles to SQL once per process and runs with new values each time.

Compiling a queryset (resolving its joins, annotations and EXISTS into SQL) is pure Python and
gives the same SQL on every request for a page that reads one row by its address: only the
address, and perhaps the reader's id, change. For the method page that compile took as long
as PostgreSQL took to plan and run the query (about 2 ms at 10,000 methods; docs/performance.md).

CompiledQuery compiles a queryset built with stand-in values (markers) in the places that
change, remembers the SQL, its parameters and the compiler's map from columns to the model's
fields, and on each run puts the real values where the markers were. The rows become model
instances through Django's own iterable, as if the queryset had compiled them itself: related
objects from select_related, annotations and deferred fields behave as usual.

What may vary per run is therefore only what the markers stand for. Whatever else shapes the
query (the language, the reader's kind, the deploy's templates) belongs in the key under which
the caller keeps the CompiledQuery; the caller must build a new one when any of it changes.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Collection, Mapping
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# A marker for a primary or foreign key: no key is negative, and it fits a 32-bit column.
KEY_MARKER = -2_000_000_001


class CompiledQuery:
    """`queryset` compiled once; markers names each value that varies, by a stand-in value
    that appears exactly once among the compiled query's parameters (a value nothing else in
    the query could equal: an odd string, an out-of-range number), as the database gets it:
    a value Django converts on the way (a date on SQLite becomes a string) cannot be a marker.
    A marker named in `optional` may be missing from the query (a filter on the reader that
    only some readers get); its value is then not used.

    Each value is passed to the database as given: the caller converts it to the column's
    type first, as a filter would (a primary key from a session is a string)."""

    def __init__(
        self, queryset: QuerySet, markers: Mapping[str, Any], optional: Collection[str] = ()
    ) -> None:
        self._queryset = queryset
        self._compiler = queryset.query.get_compiler(using=queryset.db)
        # as_sql() also fills what turns rows into instances (select, klass_info,
        # annotation_col_map, col_count), which the copies below keep.
        self._sql, params = self._compiler.as_sql()
        self._params = tuple(params)
        self._slots: dict[str, int] = {}
        for name, marker in markers.items():
            found = [
                i
                for i, value in enumerate(self._params)
                if type(value) is type(marker) and value == marker
            ]
            if len(found) > 1 or (not found and name not in optional):
                raise ValueError(
                    f"The marker for {name!r} appears {len(found)} times among the compiled "
                    "parameters; it must appear exactly once."
                )
            self._slots[name] = found[0] if found else None
        if queryset._prefetch_related_lookups:  # fetch() runs the rows only
            raise ValueError("A compiled query cannot prefetch: prefetch after fetch().")
        # The converters from database values to Python values for the selected columns, per
        # connection (a backend's converters may read their connection's time zone): Django
        # works them out again for every run, a tenth of the method page's query.
        self._converters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def fetch(self, **values: Any) -> list[Model]:
        """The query's rows as model instances, with these values in place of the markers."""
        if values.keys() != self._slots.keys():
            raise TypeError(f"Expected the values {sorted(self._slots)}, got {sorted(values)}.")
        params = list(self._params)
        for name, value in values.items():
            if self._slots[name] is not None:
                params[self._slots[name]] = value
        compiler = copy.copy(self._compiler)
        # This thread's connection: the one the compiler was made with may belong to another.
        connection = compiler.connection = connections[self._queryset.db]
        sql, col_count = self._sql, compiler.col_count if compiler.has_extra_select else None

        def execute_sql(*args, **kwargs) -> list[list[tuple]]:
            # What SQLCompiler.execute_sql() returns for these rows (a list of chunks), from
            # the SQL compiled once; on PostgreSQL as a prepared statement
            # (core.dbbackends.postgresql), planned once per connection.
            with _cursor(connection) as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            return [rows if col_count is None else [row[:col_count] for row in rows]]

        compiler.execute_sql = execute_sql
        converters = self._converters.get(connection)
        if converters is None:
            fields = [column[0] for column in compiler.select[: compiler.col_count]]
            converters = self._converters[connection] = compiler.get_converters(fields)
        compiler.get_converters = lambda expressions: converters
        # Copies of the queryset and its query that share their contents: this run only sets
        # its own compiler on the query. Django's _chain() would clone the whole query, about
        # as long as everything else here.
        queryset = _shallow_copy(self._queryset)
        queryset.query = _shallow_copy(self._queryset.query)
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset._iterable_class(queryset))


def _shallow_copy(instance):
    """A new instance with the same attributes (not copy.copy(): a QuerySet's __getstate__
    runs the query)."""
    copied = object.__new__(type(instance))
    copied.__dict__.update(instance.__dict__)
    return copied


def _cursor(connection):
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()
