"""Every Django table's rows, taken once and put back in later tests.

The browser journeys each start from the demo handbook. Loading it with seed_demo is about
3,000 queries: 7 to 9 s a test on PostgreSQL, most of a journey's time and about a quarter of
CI's. Instead the first journey of a session loads it and takes a snapshot, and each later one
puts the rows back, ids included, in one transaction (about 0.2 s). A journey then starts from
exactly the database the seed left, as before.

The tables are Django's (the models' and their many-to-many tables), as in a flush. The SQLite
full-text tables beside them are kept by their triggers while the rows are deleted and inserted,
as on any other write. Nothing outside the database is restored: the cache is emptied before
each test (tests/conftest.py), and seed_demo writes no files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, transaction


@dataclass
class Snapshot:
    using: str
    tables: list[str]
    # PostgreSQL: each table's rows in COPY's text format. SQLite: (columns, rows).
    rows: dict[str, object] = field(default_factory=dict)


def take(using: str = "default") -> Snapshot:
    """The rows of every Django table in the database `using`, as they are now."""
    connection = connections[using]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    snapshot = Snapshot(using=using, tables=tables)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    snapshot.rows[table] = b"".join(bytes(block) for block in copy)
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - a table name
                columns = [column[0] for column in cursor.description]
                snapshot.rows[table] = (columns, cursor.fetchall())
    return snapshot


def restore(snapshot: Snapshot) -> None:
    """Make every table hold exactly the snapshot's rows again.

    One transaction: Django's foreign keys are deferred to its commit, so the tables can be
    emptied and filled in any order. On PostgreSQL the sequences are then set past the largest
    id, so the test's own rows get new ones."""
    connection = connections[snapshot.using]
    quote = connection.ops.quote_name
    with transaction.atomic(using=snapshot.using), connection.cursor() as cursor:
        for table in snapshot.tables:
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a table name
        for table in snapshot.tables:
            rows = snapshot.rows[table]
            if connection.vendor == "postgresql":
                if rows:
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(rows)
                continue
            columns, values = rows
            if values:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    values,
                )
        if connection.vendor == "postgresql":
            models = apps.get_models(include_auto_created=True)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
