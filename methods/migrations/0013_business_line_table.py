"""The line of business's table follows its app from now on: companies_businessline becomes
methods_businessline. The links from methods and companies keep pointing at it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0012_business_line_from_companies"),
        ("companies", "0006_business_line_to_methods"),
    ]

    operations = [
        migrations.AlterModelTable(name="businessline", table=None),
    ]
