"""An index for Min sida: an author's own methods, last changed first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0022_method_review_due_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="method",
            index=models.Index(
                fields=["author", "-updated_at", "-id"], name="method_author_recent_idx"
            ),
        ),
    ]
