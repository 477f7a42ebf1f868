"""SQLite's full-text indexes of companies and experience reports (methods.search_sqlite,
companies.search_indexes): FTS5 tables, triggers that keep them in step, existing rows indexed.

SQLite only: PostgreSQL searches their normalised text as before.
"""

from django.db import migrations


def create_indexes(apps, schema_editor):
    from companies.search_indexes import COMPANIES, REPORTS
    from methods import search_sqlite

    for index in (COMPANIES, REPORTS):
        search_sqlite.install(index, schema_editor.connection)


def drop_indexes(apps, schema_editor):
    from companies.search_indexes import COMPANIES, REPORTS
    from methods import search_sqlite

    for index in (COMPANIES, REPORTS):
        search_sqlite.uninstall(index, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("companies", "0008_swedish_field_names")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
