"""Inserting many rows of plain values at once, for read models rebuilt from scratch.

bulk_create() builds a model instance for every row and prepares every value of it: for a
read model of hundreds of thousands of small rows (the suggestion lists: about eight per
method) that Python work costs several times what the database spends storing them. Here the
rows are tuples of values already in the database's form (ints, strings, None), sent as one
array per column on PostgreSQL and with executemany() elsewhere. No signals, no defaults: name
every column the table needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence],
    batch: int = 20_000,
) -> int:
    """Insert `rows` (tuples in the order of `fields`) into the model's table; the number of
    rows inserted. Reads `rows` lazily, `batch` rows per statement."""
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in columns)
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # One parameter per column whatever the batch size; the casts name each array's type
        # (a column of only NULLs has none of its own).
        arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
        sql = f"INSERT INTO {quote(meta.db_table)} ({names}) SELECT * FROM unnest({arrays})"  # noqa: S608
    else:
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    inserted = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, batch)):
            if any(len(row) != len(columns) for row in chunk):
                raise ValueError(f"Every row must hold {len(columns)} values: {', '.join(fields)}.")
            if postgresql:
                cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
            else:
                cursor.executemany(sql, chunk)
            inserted += len(chunk)
    return inserted
