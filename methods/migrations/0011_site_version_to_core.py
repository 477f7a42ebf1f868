"""The site version now lives in core (core 0001 took over its table): remove the model from
methods' state only; the table and its row stay. Its content type (and with it its
permissions) moves to core as well."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    old = content_types.filter(app_label="methods", model="siteversion")
    if content_types.filter(app_label="core", model="siteversion").exists():
        # Made again by a step back (post_migrate saw the model in methods' state).
        old.delete()
    else:
        old.update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("methods", "0010_site_version_structure"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteVersion")],
            database_operations=[],
        ),
        # Backwards, post_migrate makes the content type for methods again if it is missing.
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
