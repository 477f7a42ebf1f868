"""SESSION_ENGINE with Redis: Django's cached database sessions (core.sessions)."""

from django.contrib.sessions.backends import cached_db

from . import CompiledRead


class SessionStore(CompiledRead, cached_db.SessionStore):
    pass
