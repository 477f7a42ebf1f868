"""Django's PostgreSQL backend, with a cursor that runs its queries as prepared statements.

Django binds parameters on the client (psycopg's ClientCursor): PostgreSQL parses and plans
every query afresh. For the few queries run on nearly every request with only a key changing
(core.compiled: the method page's, its suggestion lists', the session's user), planning was a
third of PostgreSQL's share of the method page (the query's six EXISTS and the kept parts'
join: 0.7 ms planned, against 0.3 run). prepared_cursor() gives them a server-side binding
cursor whose queries psycopg prepares on each connection: parsed once, planned for their
first runs with the values, then, when PostgreSQL finds a plan for any value costs no more
(as it does for a lookup by key), never again.

Only those queries: for all of them (Django's `server_side_binding` with psycopg's automatic
preparation) a generic plan misjudged a skewed column (the editors' desk's "changes requested",
a status no method had, walked an index through every method: docs/performance.md).
DATABASE_PREPARED_STATEMENTS=0 turns it off, for PgBouncer in transaction mode older than
1.21 or without `max_prepared_statements` (prepared statements live in one server connection).
A migration that changes a column these queries read while old workers still run may make
their prepared statements fail until the connection is replaced (DATABASE_CONN_MAX_AGE, 60 s);
the deploy restarts the workers after migrating (docs/deploy.md).
"""

from __future__ import annotations

from functools import lru_cache

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import _queries

# How many of the prepared queries' texts to keep converted (below): the few compiled ones.
_CONVERTED = 32
_convert = lru_cache(maxsize=_CONVERTED)(_queries._query2pg_nocache)


class _PreparedQuery(_queries.PostgresQuery):
    """psycopg's query, with its conversion of the placeholders (%s to $1, found by parsing
    the whole text) remembered for every text. psycopg remembers it only for a text of at most
    4 kB, against ORM-built INSERTs of ever-changing length; the method page's query is longer,
    and parsing it on every run took a fifth of its time in Python. This cursor runs only the
    compiled queries, a fixed handful of texts."""

    __slots__ = ()

    def convert(self, query, vars) -> None:
        if vars is None or not isinstance(query, str | bytes):
            return super().convert(query, vars)
        query = self._ensure_bytes(query)
        self.query, self._want_formats, self._order, self._parts = _convert(
            query, self._tx.encoding
        )
        self.dump(vars)


class _PreparedCursor(psycopg.Cursor):
    """Server-side binding, and every query prepared from its first run."""

    _query_cls = _PreparedQuery

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


# psycopg prepares a query on its own once it ran this many times on a connection; Django turns
# that off (None), which also ignores prepare=True. A threshold no query reaches keeps the
# automatic preparation off and lets _PreparedCursor ask for it.
_NEVER_BY_ITSELF = 2**62


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if settings.DATABASE_PREPARED_STATEMENTS and params.get("prepare_threshold") is None:
            params["prepare_threshold"] = _NEVER_BY_ITSELF
        return params

    def prepared_cursor(self):
        """A cursor as cursor() gives (wrapped for query logging, execute wrappers and
        Django's exceptions) whose queries run as prepared statements, or cursor() itself when
        DATABASE_PREPARED_STATEMENTS is off."""
        if not settings.DATABASE_PREPARED_STATEMENTS:
            return self.cursor()
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = _PreparedCursor(self.connection)
            # As create_cursor() does for Django's own cursors.
            tzloader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
            if self.timezone != tzloader.timezone:
                base.register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)
