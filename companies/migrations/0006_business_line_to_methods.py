"""The line of business moved to methods (methods 0012 took over its table and rows): the
companies' link points at the new owner, and the model leaves companies' state only.

Its content type moves with it, so the permissions on lines of business (and the admin log)
stay attached: renamed, not made anew.
"""

from django.db import migrations, models


def _move_content_type(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    moving = types.filter(app_label=old, model="businessline").first()
    if moving is None:
        return  # a fresh database: post_migrate makes the content type later
    # A step back and forwards again: post_migrate made one under the new name meanwhile, with
    # its own fresh permissions. The original (with the permissions in use) wins.
    types.filter(app_label=new, model="businessline").delete()
    moving.app_label = new
    moving.save(update_fields=["app_label"])


def to_methods(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, "companies", "methods")


def to_companies(apps, schema_editor) -> None:
    _move_content_type(apps, schema_editor, "methods", "companies")


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_efforts"),
        ("methods", "0012_business_line_from_companies"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="company",
                    name="business_lines",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="companies",
                        to="methods.businessline",
                        verbose_name="branscher",
                    ),
                ),
                migrations.DeleteModel(name="BusinessLine"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_methods, to_companies),
    ]
