"""The kept method page parts as one text column each instead of one JSON document (see
KeptMethodPage), compressed with LZ4 on a PostgreSQL server that has it.

The table is a read model: its rows are dropped here, in both directions, and kept again by
the task that every migrate queues (methods.keptpage.after_migrate). Pages render live
meanwhile."""

from django.db import migrations, models

COLUMNS = ("header", "text", "easy_read", "card")


def drop_rows(apps, schema_editor):
    apps.get_model("methods", "KeptMethodPage").objects.using(
        schema_editor.connection.alias
    ).all().delete()


def compress_with_lz4(apps, schema_editor):
    """LZ4 where the server was built with it (PostgreSQL 14 and later may be built without):
    the parts are written when a method changes and read on every render of its page."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
        if not (row and row[0]):
            return
        table = schema_editor.quote_name("methods_keptmethodpage")
        for column in COLUMNS:
            cursor.execute(
                f"ALTER TABLE {table} ALTER COLUMN {schema_editor.quote_name(column)} "
                "SET COMPRESSION lz4"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0027_kept_method_page"),
    ]

    operations = [
        migrations.RunPython(drop_rows, migrations.RunPython.noop),
        migrations.RemoveField(model_name="keptmethodpage", name="parts"),
        *(
            migrations.AddField(
                model_name="keptmethodpage",
                name=column,
                field=models.TextField(blank=column == "easy_read", default=""),
                preserve_default=False,
            )
            for column in COLUMNS
        ),
        migrations.RunPython(compress_with_lz4, migrations.RunPython.noop),
        # Backwards, the rows go before the JSON column comes back (it has no default).
        migrations.RunPython(migrations.RunPython.noop, drop_rows),
    ]
