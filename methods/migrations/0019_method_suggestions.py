import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The method page's suggestion lists as a read model (methods.suggestions). Created empty:
    until `manage.py rebuild_suggestions` has run, pages rank at render time as before."""

    dependencies = [
        ("methods", "0018_search_vocabulary"),
    ]

    operations = [
        migrations.CreateModel(
            name="MethodSuggestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.PositiveSmallIntegerField(
                        choices=[(0, "computed"), (1, "similar"), (2, "same business line")]
                    ),
                ),
                ("position", models.PositiveSmallIntegerField()),
                ("score", models.PositiveIntegerField(default=0)),
                (
                    "method",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suggestion_rows",
                        to="methods.method",
                    ),
                ),
                (
                    "suggested",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="suggested_in",
                        to="methods.method",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("method", "kind", "position"), name="method_suggestion_position"
                    )
                ],
            },
        ),
    ]
