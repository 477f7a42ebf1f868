"""SESSION_ENGINE without Redis: Django's database sessions (core.sessions)."""

from django.contrib.sessions.backends import db

from . import CompiledRead


class SessionStore(CompiledRead, db.SessionStore):
    pass
