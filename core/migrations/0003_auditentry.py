"""The audit log moves to core: a new table whose entries point at their objects generically.

methods 0014 copies the entries over and deletes its own table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_notification_task_path"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="när"),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("created", "skapade"),
                            ("saved", "sparade"),
                            ("submitted", "skickade in"),
                            ("changes_requested", "begärde ändringar"),
                            ("published", "publicerade"),
                            ("archived", "arkiverade"),
                            ("restored_revision", "återställde en version"),
                            ("deleted", "flyttade till papperskorgen"),
                            ("restored", "återställde från papperskorgen"),
                            ("purged", "tömde från papperskorgen"),
                            ("comment_hidden", "dolde en kommentar"),
                            ("comment_shown", "visade en kommentar igen"),
                            ("member_added", "lade till en medlem"),
                            ("member_removed", "tog bort en medlem"),
                            ("role_changed", "ändrade roll"),
                            ("invited", "bjöd in"),
                        ],
                        max_length=30,
                        verbose_name="vad",
                    ),
                ),
                (
                    "target_id",
                    models.PositiveBigIntegerField(
                        blank=True, null=True, verbose_name="objektets id"
                    ),
                ),
                (
                    "scope_id",
                    models.PositiveBigIntegerField(
                        blank=True, null=True, verbose_name="hör till id"
                    ),
                ),
                ("message", models.CharField(max_length=300, verbose_name="beskrivning")),
                (
                    "params",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="värden i beskrivningen"
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="vem",
                    ),
                ),
                (
                    "scope_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="hör till typ",
                    ),
                ),
                (
                    "target_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="typ av objekt",
                    ),
                ),
            ],
            options={
                "verbose_name": "händelse i loggen",
                "verbose_name_plural": "händelselogg",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
                    models.Index(fields=["scope_type", "scope_id"], name="audit_scope_idx"),
                ],
            },
        ),
    ]
