"""Swedish names for the fields the admin showed by their code names (issue 13)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import companies.models


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0007_markdown_bounds"),
        ("methods", "0017_vocabulary_in_english"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="effortcheck",
            name="effort",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="checks",
                to="companies.effort",
                verbose_name="insats",
            ),
        ),
        migrations.AlterField(
            model_name="effortcheck",
            name="item_key",
            field=models.CharField(max_length=40, verbose_name="punktens nyckel"),
        ),
        migrations.AlterField(
            model_name="effortcheck",
            name="phase",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="methods.phase",
                verbose_name="fas",
            ),
        ),
        migrations.AlterField(
            model_name="effortphase",
            name="effort",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="phase_records",
                to="companies.effort",
                verbose_name="insats",
            ),
        ),
        migrations.AlterField(
            model_name="effortphase",
            name="phase",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="methods.phase",
                verbose_name="fas",
            ),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="company",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="invitations",
                to="companies.company",
                verbose_name="företag",
            ),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="token",
            field=models.CharField(
                default=companies.models._new_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="nyckel",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="company",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="companies.company",
                verbose_name="företag",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="användare",
            ),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="key",
            field=models.CharField(max_length=80, verbose_name="gäller"),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="kind",
            field=models.CharField(max_length=30, verbose_name="slag"),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="recipient",
            field=models.EmailField(max_length=254, verbose_name="mottagare"),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="sent_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="skickad"),
        ),
    ]
