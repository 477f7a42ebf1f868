"""PostgreSQL-only search indexes, and the first synonyms.

GIN indexes cannot be declared in Meta.indexes while SQLite is a supported database, so they are
created here only when the database is PostgreSQL.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRES_SQL = [
    (
        "CREATE INDEX IF NOT EXISTS methods_method_search_vector_gin "
        "ON methods_method USING gin (search_vector)",
        "DROP INDEX IF EXISTS methods_method_search_vector_gin",
    ),
    (
        "CREATE INDEX IF NOT EXISTS methods_method_search_text_trgm "
        "ON methods_method USING gin (search_text gin_trgm_ops)",
        "DROP INDEX IF EXISTS methods_method_search_text_trgm",
    ),
]

SYNONYMS = [
    ("ASF", "arbetsintegrerande socialt företag, arbetsintegrerande sociala företag"),
    ("praktik", "arbetsträning, arbetsprövning"),
    ("handledare", "handledning, mentor, coach"),
    ("svenska", "språk, språkstöd, svenska på jobbet"),
    ("arbetsmiljö", "säkerhet, skyddsrond, risker"),
    ("digital", "dator, mobil, app"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for forward, _ in POSTGRES_SQL:
        schema_editor.execute(forward)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, backward in POSTGRES_SQL:
        schema_editor.execute(backward)


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("methods", "SearchSynonym")
    for term, synonyms in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})


def remove_synonyms(apps, schema_editor):
    apps.get_model("methods", "SearchSynonym").objects.filter(
        term__in=[term for term, _ in SYNONYMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("methods", "0004_search_fields")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(add_synonyms, remove_synonyms),
    ]
