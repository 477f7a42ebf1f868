"""SQLite's trigram index of the methods keeps positions (detail=full), so a compound part is
a phrase the index answers alone instead of a LIKE that reads every candidate's text."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from methods import search_sqlite

    search_sqlite.reinstall(search_sqlite.METHODS, schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("methods", "0023_method_author_recent_index")]

    # Backwards the index stays as it is now: it answers the old queries too.
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
