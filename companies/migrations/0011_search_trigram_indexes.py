"""PostgreSQL: trigram indexes on the companies' and experience reports' search_text, so the
search page's substring match on them reads the index instead of every row (20,000 reports
at 100,000 methods). PostgreSQL only, like the methods' search indexes; SQLite has FTS5."""

from django.db import migrations

INDEXES = [
    ("companies_company_search_text_trgm", "companies_company"),
    ("companies_experiencereport_search_text_trgm", "companies_experiencereport"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0010_sqlite_trigram_positions"),
        # pg_trgm is created there.
        ("methods", "0005_search_indexes_and_synonyms"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
