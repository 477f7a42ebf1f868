"""Which database the benchmark writes to, and the guard that keeps it away from real data.

The benchmark never touches the developer's db.sqlite3 or a production database: every target
must have "bench" in its name (bench.sqlite3, kompetenshandboken_bench). Tests may seed their
own throw-away test database (PostgreSQL "test_...", SQLite in memory or "test_..." file) when
they ask for it explicitly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import OperationalError, connections

DEFAULT_SQLITE_NAME = "bench.sqlite3"
META_TABLE = "bench_meta"


def database_name(alias: str = "default") -> str:
    return str(connections[alias].settings_dict["NAME"])


def is_test_database(alias: str = "default") -> bool:
    connection = connections[alias]
    name = database_name(alias)
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return True
    return Path(name).name.startswith("test_")


def use_bench_database_by_default(alias: str = "default") -> None:
    """Without DATABASE_URL the settings point at the project's db.sqlite3; the benchmark then
    uses bench.sqlite3 beside it instead. With DATABASE_URL nothing changes (and the guard
    below decides)."""
    if os.environ.get("DATABASE_URL"):
        return
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return
    if Path(database_name(alias)).resolve() == (settings.BASE_DIR / "db.sqlite3").resolve():
        connection.close()
        # The wrapper shares this dict with settings.DATABASES, so every thread sees the switch.
        connection.settings_dict["NAME"] = str(settings.BASE_DIR / DEFAULT_SQLITE_NAME)


def check_target(alias: str = "default", allow_test_database: bool = False) -> str:
    """The database name if the benchmark may write to it, else CommandError."""
    name = database_name(alias)
    base = Path(name).name if connections[alias].vendor == "sqlite" else name
    if "bench" in base.lower():
        return name
    if allow_test_database and is_test_database(alias):
        return name
    raise CommandError(
        f"Refusing to use the database {name!r} for the benchmark: its name must contain "
        "'bench' (default bench.sqlite3, or DATABASE_URL=postgres://.../kompetenshandboken_bench)."
    )


def label(alias: str = "default") -> str:
    """'sqlite' or 'postgresql', for result file names."""
    return connections[alias].vendor


def ensure_postgresql_database(alias: str = "default") -> bool:
    """Create the PostgreSQL database if it does not exist yet; True if it was created."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return False
    try:
        connection.ensure_connection()
        return False
    except OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
    name = _safe_pg_name(database_name(alias))
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    return True


def recreate(alias: str = "default") -> None:
    """Start from an empty database (migrations then re-create the reference data)."""
    connection = connections[alias]
    connection.close()
    if connection.vendor == "sqlite":
        path = Path(database_name(alias))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if connection.vendor == "postgresql":
        name = _safe_pg_name(database_name(alias))
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        return
    raise CommandError(f"Unsupported database vendor {connection.vendor!r}.")


def _safe_pg_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise CommandError(f"Unexpected database name {name!r}.")
    return name


def read_meta(alias: str = "default") -> dict[str, str]:
    """What bench/seed.py recorded about the data (n, source, ...); {} if nothing was seeded."""
    connection = connections[alias]
    try:
        tables = connection.introspection.table_names()
    except OperationalError:
        return {}
    if META_TABLE not in tables:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {META_TABLE}")  # noqa: S608 - constant name
        return dict(cursor.fetchall())


def write_meta(values: dict[str, str], alias: str = "default") -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} "
            "(key varchar(50) PRIMARY KEY, value text NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {META_TABLE}")  # noqa: S608 - constant name
        cursor.executemany(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)",  # noqa: S608
            [(key, str(value)) for key, value in values.items()],
        )
