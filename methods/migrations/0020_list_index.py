"""The list index (FacetBitmap) and the indexes the list's three orders walk.

The bitmaps of the methods already in the database are built here, with the same function the
benchmark seeder calls after its bulk load (methods.listindex.rebuild).
"""

from django.db import migrations, models


def build_list_index(apps, schema_editor):
    # The real module, not a historical model: the index must be exactly what
    # methods.listindex keeps. It reads only columns that exist from this migration on.
    from methods import listindex

    listindex.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0019_method_suggestions"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetBitmap",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=40)),
                ("bits", models.BinaryField(default=b"")),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddIndex(
            model_name="method",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["title", "id"],
                name="method_list_title_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="method",
            index=models.Index(
                models.OrderBy(models.F("report_count"), descending=True),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                name="method_list_reports_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="method",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                name="method_list_newest_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="facetbitmap",
            constraint=models.UniqueConstraint(
                fields=("facet", "value"), name="unique_facet_bitmap"
            ),
        ),
        migrations.RunPython(build_list_index, migrations.RunPython.noop),
    ]
