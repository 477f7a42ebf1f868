"""PostgreSQL's search vocabulary: every word of the published methods, normalised and as
written, with a GiST trigram index, so a misspelling is corrected to the nearest real words
without reading the methods (methods.search._complete_unknown_words_postgresql).

PostgreSQL only, like the other search indexes: SQLite searches with its own index.
"""

from django.db import migrations

CREATE = [
    "CREATE TABLE IF NOT EXISTS methods_search_word (word text PRIMARY KEY, written text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS methods_search_word_trgm "
    "ON methods_search_word USING gist (word gist_trgm_ops)",
]
DROP = ["DROP TABLE IF EXISTS methods_search_word"]


def create_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    from methods.search import remember_words

    Method = apps.get_model("methods", "Method")
    fields = ("title", "summary", "easy_read", "purpose", "body", "materials")
    published = Method.objects.filter(status="published", deleted_at__isnull=True)
    batch: list[str] = []
    for texts in published.values_list(*fields).iterator(chunk_size=1000):
        batch.extend(texts)
        if len(batch) >= 1000 * len(fields):
            remember_words(*batch)
            batch = []
    remember_words(*batch)
    steps = apps.get_model("methods", "MethodStep").objects.filter(method__in=published)
    texts = list(steps.values_list("text", flat=True))
    for start in range(0, len(texts), 5000):
        remember_words(*texts[start : start + 5000])
    # The vocabulary's names are in every method's search text too ("Förankring").
    for model in ("Phase", "CompetenceArea", "BusinessLine"):
        remember_words(*apps.get_model("methods", model).objects.values_list("name", flat=True))


def drop_vocabulary(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("methods", "0017_vocabulary_in_english")]

    operations = [migrations.RunPython(create_vocabulary, drop_vocabulary)]
