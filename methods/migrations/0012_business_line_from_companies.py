"""Lines of business are handbook vocabulary, like the competence areas: the model moves from
companies to methods and keeps its rows.

Only the model state moves here: methods takes over the table companies created (companies 0001,
seeded by companies 0003) as it is, and its methods link points at the new owner. companies 0006
then removes the model from companies' state, and methods 0013 renames the table.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0011_site_version_to_core"),
        ("companies", "0005_efforts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BusinessLine",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="namn")),
                        ("slug", models.SlugField(unique=True, verbose_name="adress")),
                    ],
                    options={
                        "verbose_name": "bransch",
                        "verbose_name_plural": "branscher",
                        "ordering": ["name"],
                        "db_table": "companies_businessline",
                    },
                ),
                migrations.AlterField(
                    model_name="method",
                    name="business_lines",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Lämna tomt om metoden passar alla branscher.",
                        related_name="methods",
                        to="methods.businessline",
                        verbose_name="branscher",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
