"""Django's database sessions (SESSION_ENGINE core.sessions.db, or core.sessions.cached_db with
Redis), with the session read by a query compiled once per process (core.compiled).

Every signed-in request reads its session; Django builds and compiles that query each time
(and PostgreSQL plans it), which cost a signed-in method page about as much as running it.
The expiry is compared here rather than in the query, so the only value the query takes is
the key: the same rows answer (an expired session is no session, as in Django's).
"""

from __future__ import annotations

from functools import cache

from django.utils import timezone

from core.compiled import CompiledQuery

_KEY_MARKER = "compiled-query-marker:session"


@cache
def _by_key(model) -> CompiledQuery:
    return CompiledQuery(
        model.objects.filter(session_key=_KEY_MARKER).only(
            "session_key", "session_data", "expire_date"
        ),
        {"key": _KEY_MARKER},
    )


class CompiledRead:
    """Django's SessionStore._get_session_from_db, from the compiled query."""

    def _get_session_from_db(self):
        rows = _by_key(self.model).fetch(key=self.session_key)
        if rows and rows[0].expire_date > timezone.now():
            return rows[0]
        self._session_key = None
        return None
