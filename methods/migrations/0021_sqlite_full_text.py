"""SQLite's full-text index of the methods (methods.search_sqlite): FTS5 tables beside
methods_method, triggers that keep them in step, and the existing rows indexed.

SQLite only: PostgreSQL searches with its tsvector and trigram indexes.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from methods import search_sqlite

    search_sqlite.install(search_sqlite.METHODS, schema_editor.connection)


def drop_index(apps, schema_editor):
    from methods import search_sqlite

    search_sqlite.uninstall(search_sqlite.METHODS, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("methods", "0020_list_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
