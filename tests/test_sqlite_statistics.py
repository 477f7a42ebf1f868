"""SQLite keeps its query planner's statistics (core/dbbackends/sqlite3): a connection that
closes runs PRAGMA optimize, which analyses the tables it queried that have none, and the
method list then walks its partial title index instead of sorting every published method."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own statistics (PostgreSQL keeps its own)"
)

LIST = (
    "SELECT id FROM methods_method WHERE deleted_at IS NULL AND status = 'published' "
    "ORDER BY title, id LIMIT 20"
)


def plan(path) -> str:
    with sqlite3.connect(path) as raw:
        return " ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + LIST))


def test_the_site_uses_the_backend_that_keeps_statistics(settings):
    assert settings.DATABASES["default"]["ENGINE"] == "core.dbbackends.sqlite3"


def test_a_closing_connection_analyses_what_it_queried(tmp_path, django_db_blocker):
    path = tmp_path / "site.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(
            """
            CREATE TABLE methods_method (id INTEGER PRIMARY KEY, title TEXT, status TEXT,
                                         deleted_at TEXT, published_at TEXT);
            CREATE INDEX by_status ON methods_method (status, published_at DESC);
            CREATE INDEX by_title ON methods_method (title, id)
                WHERE deleted_at IS NULL AND status = 'published';
            """
        )
        raw.executemany(
            "INSERT INTO methods_method (title, status) VALUES (?, ?)",
            [(f"Metod {n:05}", "published" if n % 10 else "draft") for n in range(3000)],
        )
    assert "TEMP B-TREE" in plan(path)  # no statistics: every published row sorted

    handler = ConnectionHandler(
        {"default": {"ENGINE": "core.dbbackends.sqlite3", "NAME": str(path)}}
    )
    site = handler["default"]
    with django_db_blocker.unblock():  # a database of this test's own, not the test database
        with site.cursor() as cursor:
            cursor.execute(LIST)
            assert len(cursor.fetchall()) == 20
        site.close()

    with sqlite3.connect(path) as raw:
        analysed = {row[0] for row in raw.execute("SELECT idx FROM sqlite_stat1")}
    assert {"by_status", "by_title"} <= analysed
    assert "USING INDEX by_title" in plan(path)
    assert "TEMP B-TREE" not in plan(path)
