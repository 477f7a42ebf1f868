"""SQLite's trigram indexes of companies and reports keep positions (detail=full), so a compound
part is a phrase the index answers alone instead of a LIKE that reads every candidate's text."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from companies.search_indexes import COMPANIES, REPORTS
    from methods import search_sqlite

    for index in (COMPANIES, REPORTS):
        search_sqlite.reinstall(index, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("companies", "0009_sqlite_full_text")]

    # Backwards the indexes stay as they are now: they answer the old queries too.
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
