"""The site version moves from methods to core and keeps its row.

Only the model state moves at first: the table methods created (methods 0009 and 0010) is taken
over as it is, then renamed to core_siteversion. methods 0011 removes the model from methods'
state without touching the database.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("methods", "0010_site_version_structure"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteVersion",
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
                        ("value", models.PositiveBigIntegerField(default=0)),
                        ("structure", models.PositiveBigIntegerField(default=0)),
                        ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "verbose_name": "innehållsversion",
                        "verbose_name_plural": "innehållsversioner",
                        "db_table": "methods_siteversion",
                    },
                ),
            ],
            database_operations=[],
        ),
        # The table's name follows its app from now on.
        migrations.AlterModelTable(name="siteversion", table=None),
    ]
