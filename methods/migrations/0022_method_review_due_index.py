"""An index for the editors' desk and overview: published methods past their review date."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0021_sqlite_full_text"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="method",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["review_by", "id"],
                name="method_review_due_idx",
            ),
        ),
    ]
