"""Drop the trigram index on methods' search_text (PostgreSQL): no query uses it any more.

It served substring matches on the whole text of a method. Method search on PostgreSQL has
since asked only the full-text index, with compound parts and misspellings found in the word
vocabulary (methods_search_word and its own trigram index: methods.search), so this index was
only written: the largest index on the table (33 MB at 10,000 methods), updated on every save
of a method's text, and two thirds of the index builds when 100,000 methods are loaded.
Companies' and experience reports' trigram indexes stay: their search reads them.
"""

from django.db import migrations

INDEX = "methods_method_search_text_trgm"


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON methods_method USING gin (search_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("methods", "0028_kept_method_page_text_columns")]

    operations = [migrations.RunPython(drop_index, create_index)]
